export default {
  appName: "Switchboard",
  appDescription: "Customer messaging for teams: one inbox, contacts, reports, and who may see what.",
  save: "Save",
  saved: "Saved",
  cancel: "Cancel",
  close: "Close",
  continue: "Continue",
  loading: "Loading…",
  language: "Language",
  languages: { en: "English", ar: "العربية" },
  roles: { owner: "Owner", manager: "Manager", agent: "Agent" },
  network: {
    title: "Access from this network is not allowed",
    body: "Your organization only allows access from approved networks. Connect from an approved network (for example your office or VPN) or ask an organization admin.",
  },
  forbidden: {
    title: "You don't have access to this page",
    body: "Your access level does not include this page. Ask an Owner of the workspace if you need it.",
    back: "Back to the app",
  },
  notFound: {
    title: "Page not found",
    body: "The page you asked for doesn't exist or you can't see it.",
    back: "Back to the app",
  },
  error: {
    title: "Something went wrong",
    body: "Please try again. If it keeps happening, contact your workspace Owner.",
    retry: "Try again",
    reference: "Reference: {reference}",
  },
};
