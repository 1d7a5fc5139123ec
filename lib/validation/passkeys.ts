import { z } from "zod";

// Passkeys (docs/PRODUCT.md, Your account). The WebAuthn responses are the JSON the browser
// library (@simplewebauthn/browser) makes; their content is checked by @simplewebauthn/server,
// here only their shape and size, so a malformed one is refused before any lookup.

const b64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/);
const transports = z.array(z.string().max(20)).max(10).optional();

export const passkeyNameSchema = z.string().trim().min(1, "passkey.nameRequired").max(60, "passkey.nameTooLong");

export const registrationResponseSchema = z.object({
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url,
    attestationObject: b64url,
    authenticatorData: b64url.optional(),
    transports,
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url.optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string().max(64), z.unknown()).default({}),
});

export const authenticationResponseSchema = z.object({
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string().max(64), z.unknown()).default({}),
});

export const beginPasskeySchema = z.strictObject({});
export const finishPasskeyRegistrationSchema = z.strictObject({
  name: passkeyNameSchema,
  response: registrationResponseSchema,
});
/** A malformed id is "no such passkey" (404) in the service, not a validation error. */
export const removePasskeySchema = z.strictObject({
  id: z.string().max(100),
  recoveryCode: z
    .string()
    .trim()
    .max(32)
    .regex(/^[0-9A-Za-z\s-]*$/, "twoFactor.codeFormat")
    .optional(),
});
export const passkeySignInSchema = z.strictObject({
  response: authenticationResponseSchema,
  callbackUrl: z.string().max(2000).optional(),
});
