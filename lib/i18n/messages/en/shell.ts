export default {
  nav: { dashboard: "Dashboard", inbox: "Inbox", contacts: "Contacts", reports: "Reports", settings: "Settings", organization: "Organization" },
  userMenu: { account: "Account", language: "Language", signout: "Sign out" },
  switcher: { label: "Workspace" },
  comingSoon: "This module arrives in a later release.",
};
