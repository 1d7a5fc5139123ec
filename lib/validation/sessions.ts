import { z } from "zod";
import { uuid } from "./id";

// Ending sessions (docs/PRODUCT.md, Your account / Organization users): /account and the org users page.
export const endSessionSchema = z.strictObject({ sessionId: uuid("invalidInput") });
export const endOtherSessionsSchema = z.strictObject({});
export const endMemberSessionsSchema = z.strictObject({ userId: uuid("invalidInput") });
