export default {
  signin: {
    subject: "Your Switchboard sign-in link",
    heading: "Sign in to Switchboard",
    body: "Click the button below to sign in as {email}. The link works once and expires in 24 hours.",
    button: "Sign in",
    ignore: "If you didn't ask for this, you can ignore this email.",
  },
  invite: {
    subject: "{inviter} invited you to {workspace} on Switchboard",
    heading: "Join {workspace} on Switchboard",
    body: "{inviter} invited you to the workspace {workspace} as {role}. Follow the link to accept; it proves you control this mailbox, so no password is needed.",
    button: "Accept the invitation",
    expires: "The link works once and expires on {expires, date, long}.",
    ignore: "If you weren't expecting this, you can ignore this email.",
  },
  accessReminder: {
    subject: "{name}'s access to {workspace} ends on {until, date, long}",
    heading: "Access to {workspace} ends soon",
    body: "{name} ({email}) has access to the workspace {workspace} until {until, date, long}. Then they will be deactivated automatically and their contacts handed over as chosen when the date was set.",
    button: "Open the Users page",
    change: "To keep their access, remove or move the date in Edit access before then.",
  },
  footer: "Sent by Switchboard.",
};
