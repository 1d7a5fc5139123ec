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
