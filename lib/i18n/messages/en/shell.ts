export default {
  nav: {
    label: "Modules",
    dashboard: "Dashboard",
    inbox: "Inbox",
    contacts: "Contacts",
    reports: "Reports",
    settings: "Settings",
    organization: "Organization",
    openMenu: "Open navigation",
    closeMenu: "Close navigation",
  },
  userMenu: { open: "Open the user menu", account: "Account", language: "Language", signout: "Sign out" },
  switcher: {
    label: "Workspace",
    openCurrent: "{workspace}: switch workspace",
    heading: "Your workspaces",
    current: "Current workspace",
    inOrg: "in {org}",
  },
  skipToContent: "Skip to content",
  status: { online: "Online", offline: "Offline" },
  comingSoon: "This module arrives in a later release.",
};
