import common from "./en/common";
import errors from "./en/errors";
import auth from "./en/auth";
import shell from "./en/shell";
import mail from "./en/mail";

// The English catalog is the source: every other language must have the same keys.
export const en = { common, errors, auth, shell, mail };
export type Messages = typeof en;
