export default {
  title: "Dashboard",
  lead: "What is happening in {workspace} right now.",
  openConversations: "Open conversations",
  openConversationsHint:
    "{count, plural, =0 {Nothing waiting for a reply} one {# conversation is waiting} other {# conversations are waiting}}",
  unassignedContacts: "Unassigned contacts",
  unassignedContactsHint:
    "{count, plural, =0 {Every contact has an owner} one {# contact has nobody assigned} other {# contacts have nobody assigned}}",
  membersOnline: "Members online",
  membersOnlineHint:
    "{count, plural, =0 {Nobody has the app open} one {# member has the app open} other {# members have the app open}}",
};
