export default {
  signin: {
    title: "Sign in to Switchboard",
    lead: "Enter your email and we'll send you a sign-in link. No password needed.",
    email: "Email address",
    submit: "Email me a sign-in link",
    sending: "Sending…",
    error: "We couldn't send the link. Please try again in a moment.",
    linkError: "That sign-in link is invalid or has expired. Ask for a new one below.",
  },
  checkEmail: {
    title: "Check your email",
    body: "We sent a sign-in link to {email}. It works once and expires in 24 hours.",
    bodyNoEmail: "We sent you a sign-in link. It works once and expires in 24 hours.",
    again: "Use a different address",
  },
  signout: { title: "Sign out", body: "Sign out of Switchboard on this browser?", submit: "Sign out" },
  demo: {
    title: "Demo accounts",
    lead: "Development only: one click sends that account a sign-in link, then open the mailbox.",
    mailbox: "Open the development mailbox",
    send: "Send link",
  },
};
