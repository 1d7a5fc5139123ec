import type { Messages } from "./en";
import common from "./ar/common";
import errors from "./ar/errors";
import auth from "./ar/auth";
import shell from "./ar/shell";
import mail from "./ar/mail";
import dev from "./ar/dev";
import onboarding from "./ar/onboarding";
import account from "./ar/account";
import dashboard from "./ar/dashboard";
import users from "./ar/users";
import invite from "./ar/invite";
import inbox from "./ar/inbox";
import contacts from "./ar/contacts";
import reports from "./ar/reports";
import settings from "./ar/settings";
import roles from "./ar/roles";
import org from "./ar/org";

export const ar: Messages = {
  common,
  errors,
  auth,
  shell,
  mail,
  dev,
  onboarding,
  account,
  dashboard,
  users,
  invite,
  inbox,
  contacts,
  reports,
  settings,
  roles,
  org,
};
