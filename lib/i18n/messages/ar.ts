import type { Messages } from "./en";
import common from "./ar/common";
import errors from "./ar/errors";
import auth from "./ar/auth";
import shell from "./ar/shell";
import mail from "./ar/mail";

export const ar: Messages = { common, errors, auth, shell, mail };
