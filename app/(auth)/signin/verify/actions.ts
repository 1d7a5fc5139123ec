"use server";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { getDb } from "@/db";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { pendingAction } from "@/lib/actions/wrap";
import { beginPasskeySignIn, passWithPasskey } from "@/lib/services/passkeys";
import { passSecondFactor } from "@/lib/services/two-factor";
import { beginPasskeySchema, passkeySignInSchema } from "@/lib/validation/passkeys";
import { verifySecondFactorSchema } from "@/lib/validation/two-factor";

/** /signin/verify: a pending session passes with an app code or a recovery code, then goes on. */
export const verifySecondFactorAction = pendingAction(verifySecondFactorSchema, async (ctx, input) => {
  const { kind } = await passSecondFactor(
    await getDb(),
    { userId: ctx.userId, sessionId: ctx.sessionId, ip: ctx.ip },
    input.code,
  );
  return { kind, redirectTo: safeCallbackUrl(input.callbackUrl) };
});

/** "Use a passkey": a fresh challenge (stored by the server) and the pending user's passkeys. */
export const beginPasskeySignInAction = pendingAction(beginPasskeySchema, async (ctx) =>
  beginPasskeySignIn(await getDb(), ctx.userId),
);

/** The browser's answer to that challenge; the session passes when it verifies. */
export const verifyPasskeyAction = pendingAction(passkeySignInSchema, async (ctx, input) => {
  await passWithPasskey(
    await getDb(),
    { userId: ctx.userId, sessionId: ctx.sessionId, ip: ctx.ip },
    input.response as AuthenticationResponseJSON,
  );
  return { kind: "passkey" as const, redirectTo: safeCallbackUrl(input.callbackUrl) };
});
