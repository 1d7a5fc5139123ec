// Codes used by zod schemas and ActionResult; forms show these, never raw error text.
export default {
  generic: "Something went wrong. Please try again.",
  unavailable: "The service is not reachable right now. Please try again in a moment.",
  genericReference: "Something went wrong. Please try again. Reference: {reference}",
  unavailableReference: "The service is not reachable right now. Please try again in a moment. Reference: {reference}",
  unauthenticated: "Please sign in again.",
  forbidden: "You don't have permission to do that.",
  networkNotAllowed: "Your organization only allows access from approved networks.",
  ipAllowlistInvalid: "Each line must be an IPv4 or IPv6 address or range, like 203.0.113.0/24 or 2001:db8::/32.",
  ipAllowlistTooMany: "Use at most 200 ranges.",
  ipAllowlistLockout:
    "This list does not include your current address: saving it would lock you out. Add a range that contains it.",
  notFound: "Not found.",
  rateLimited: "Too many attempts. Please wait a few minutes and try again.",
  invalidInput: "Please check the highlighted fields.",
  email: { invalid: "Enter one valid email address, like name@example.com.", required: "Enter your email address." },
  name: { required: "Enter a name.", tooLong: "Use at most 120 characters." },
  avatar: { tooLarge: "The image must be at most 1 MB.", badType: "Use a PNG, JPEG, WebP or GIF image." },
  users: {
    invite: {
      alreadyMember: "This person is already a member of the workspace.",
      deactivated: "This person is deactivated in this workspace. Reactivate them instead.",
      alreadyInvited: "This address already has a pending invitation. You can send it again.",
    },
    bulk: {
      rateLimited:
        "Too many invitations: this batch has {count, plural, one {# invitation} other {# invitations}}. {remaining, plural, =0 {You can't send more right now} one {You may send # more now} other {You may send # more now}}, and more from {time, time, short}.",
    },
    role: { invalid: "Choose an access level.", notAllowed: "You can't grant this access level." },
    revoke: { badTarget: "Choose another member of this workspace." },
    handover: {
      nobody:
        "Nobody can receive the contacts: choose a team or members who are active (and available now, if you asked for that).",
      chooseRecipients: "Choose a team or at least one member.",
      oneWay: "Choose one way to hand over the contacts.",
    },
    accessUntil: {
      invalid: "Enter a date.",
      past: "Choose a date after today.",
      badTarget: "Choose another active member of this workspace.",
    },
  },
  sessions: {
    current: "This is the session you are using. Use Sign out instead.",
    self: "To sign yourself out, use your account page.",
  },
  contacts: {
    nameTooLong: "Use at most 200 characters.",
    phoneInvalid: "Enter a phone number: digits, spaces and + ( ) - only.",
    badAssignee: "Choose a member of this workspace.",
  },
  inbox: { bodyRequired: "Write a message first.", bodyTooLong: "Use at most 10,000 characters." },
  settings: {
    name: { tooLong: "Use at most 80 characters." },
    body: { required: "Enter the text.", tooLong: "Use at most 5,000 characters." },
    team: { nameTaken: "A team with this name already exists.", notMember: "Choose a member of this workspace." },
    snippet: { nameTaken: "A snippet with this name already exists." },
    webhook: {
      urlInvalid: "Enter a full https:// address.",
      urlPrivate: "This address points to a private or local network. Use a public address.",
      eventsRequired: "Choose at least one event.",
    },
    autoAway: { range: "Enter a whole number of minutes from 1 to 60." },
  },
};
