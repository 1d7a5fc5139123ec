export default {
  signin: {
    subject: "Your Switchboard sign-in link",
    heading: "Sign in to Switchboard",
    body: "Click the button below to sign in as {email}. The link works once and expires in 24 hours.",
    button: "Sign in",
    ignore: "If you didn't ask for this, you can ignore this email.",
  },
  footer: "Sent by Switchboard.",
};
