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
  sso: {
    issuer: "Enter the issuer URL of your identity provider, like https://login.example.com.",
    clientId: "Enter the client ID.",
    clientSecret: "Enter the client secret.",
    defaultWorkspace: "Choose a workspace of this organization.",
    defaultRole: "Choose both a workspace and an access level, or neither.",
    domain: "Enter a domain name, like example.com.",
    tooManyDomains: "At most 50 domains.",
    domainExists: "This domain is already in the list.",
    domainTaken: "This domain is already verified by another organization.",
    recordMissing:
      "We could not find the TXT record {record} at {domain}. DNS changes can take a while; try again later.",
    notVerified: "Verify the domain first.",
    inviteUseSso:
      "Your organization signs this address in with single sign-on. Sign in with single sign-on on the sign-in page: the invitation is accepted on the way.",
    discovery:
      "We could not read the identity provider's discovery document at this issuer (/.well-known/openid-configuration). Check the URL.",
    keyMissing:
      "Single sign-on cannot be saved: the server has no SSO_ENCRYPTION_KEY. Ask whoever runs Switchboard to set it.",
    keyInvalid:
      "Single sign-on cannot be saved: the server's SSO_ENCRYPTION_KEY is not 32 bytes (64 hex digits or base64). Ask whoever runs Switchboard to fix it.",
  },
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
  twoFactor: {
    wrongCode: "That code didn't work. Check the code in your app, or use a recovery code.",
    codeFormat: "Enter the 6-digit code from your app, or a recovery code.",
    tooMany: "Too many attempts. Wait 15 minutes and try again.",
    alreadyOn: "Two-step sign-in is already on. Remove the app first to set up another one.",
    required: "Your organization requires two-step sign-in. Set it up on your account page to continue.",
    policyLockout: "Turn on two-step sign-in for your own account first, or you would lock yourself out.",
  },
  passkey: {
    failed: "That passkey could not be checked. Try again.",
    cancelled: "The passkey was not used. Try again when you're ready.",
    unsupported: "This browser can't use passkeys.",
    tooMany: "You have the most passkeys allowed. Remove one first.",
    duplicate: "That passkey is already added.",
    none: "You have no passkey. Use a code instead.",
    lastNeedsCode: "This is your last two-step factor. Enter a recovery code to remove it.",
    nameRequired: "Give the passkey a name.",
    nameTooLong: "Use at most 60 characters.",
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
  roles: {
    nameRequired: "Give the role a name.",
    nameTooLong: "Use at most 60 characters.",
    nameReserved: "Owner, Manager and Agent are the built-in levels. Choose another name.",
    nameTaken: "A role with this name already exists.",
    unknown: "This role no longer exists. Choose another.",
    moveToSame: "Choose another role to move them to.",
  },
};
