import common from "./en/common";
import errors from "./en/errors";
import auth from "./en/auth";
import shell from "./en/shell";
import mail from "./en/mail";
import dev from "./en/dev";
import onboarding from "./en/onboarding";
import account from "./en/account";
import dashboard from "./en/dashboard";
import users from "./en/users";
import invite from "./en/invite";
import inbox from "./en/inbox";
import contacts from "./en/contacts";
import reports from "./en/reports";
import settings from "./en/settings";
import roles from "./en/roles";
import org from "./en/org";

// The English catalog is the source: every other language must have the same keys.
export const en = {
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
export type Messages = typeof en;
