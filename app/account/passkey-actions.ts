"use server";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { getDb } from "@/db";
import { userAction } from "@/lib/actions/wrap";
import { beginPasskeyRegistration, finishPasskeyRegistration, removePasskey } from "@/lib/services/passkeys";
import { beginPasskeySchema, finishPasskeyRegistrationSchema, removePasskeySchema } from "@/lib/validation/passkeys";

// /account, "Passkeys" (docs/PRODUCT.md). Every action is the signed-in user's own; the
// challenge is made and kept by the server (lib/services/passkeys.ts).

export const beginPasskeyRegistrationAction = userAction(beginPasskeySchema, async (ctx) =>
  beginPasskeyRegistration(await getDb(), { userId: ctx.userId, email: ctx.email }),
);

/** Stores the passkey; the first factor of a user without codes brings the ten recovery codes. */
export const finishPasskeyRegistrationAction = userAction(finishPasskeyRegistrationSchema, async (ctx, input) =>
  finishPasskeyRegistration(
    await getDb(),
    { userId: ctx.userId, ip: ctx.ip },
    { name: input.name, response: input.response as RegistrationResponseJSON },
  ),
);

export const removePasskeyAction = userAction(removePasskeySchema, async (ctx, input) => {
  await removePasskey(await getDb(), { userId: ctx.userId, ip: ctx.ip }, input);
  return null;
});
