"use server";
import { getDb } from "@/db";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { pendingAction } from "@/lib/actions/wrap";
import { passSecondFactor } from "@/lib/services/two-factor";
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
