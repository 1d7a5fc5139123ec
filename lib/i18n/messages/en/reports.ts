// Reports (docs/PRODUCT.md, Routes): the Users report.
export default {
  metaTitle: "Reports",
  title: "Reports",
  lead: "How the team is doing: assigned contacts, replies sent in the last 7 days, and who is online.",
  totals: {
    members: "Members",
    online: "Online now",
    assigned: "Assigned contacts",
    sent: "Messages sent (7 days)",
  },
  byRole: {
    heading: "By role",
    caption: "Per role: members, their assigned contacts and messages sent in the last 7 days",
    role: "Role",
  },
  usersHeading: "Users",
  table: {
    caption: "Per member: assigned contacts, messages sent in the last 7 days, last active",
    member: "Member",
    role: "Access level",
    assigned: "Assigned contacts",
    sent: "Messages sent (7 days)",
    lastActive: "Last active",
  },
  onlineNow: "Online now",
  offline: "Offline",
  away: "Online, away",
  empty: "No members yet.",
  noMatch: "No members match “{q}”",
  pagination: { label: "Pages", first: "First page", next: "Next page" },
};
