import { z } from "zod";

// Two-step sign-in (docs/PRODUCT.md, Two-step sign-in): a code typed by the user is a 6-digit
// app code or a recovery code (xxxxx-xxxxx); which one is decided by the service.
const code = z
  .string()
  .trim()
  .min(1, "twoFactor.codeFormat")
  .max(32, "twoFactor.codeFormat")
  .regex(/^[0-9A-Za-z\s-]+$/, "twoFactor.codeFormat");

export const twoFactorCodeSchema = z.strictObject({ code });
export type TwoFactorCodeInput = z.input<typeof twoFactorCodeSchema>;
/** /signin/verify: the code and where to go afterwards (checked again by safeCallbackUrl). */
export const verifySecondFactorSchema = z.strictObject({ code, callbackUrl: z.string().max(2000).optional() });
export const beginTotpSetupSchema = z.strictObject({});
export const twoFactorPolicySchema = z.strictObject({ required: z.boolean() });
