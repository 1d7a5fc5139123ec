"use server";
import QRCode from "qrcode";
import { getDb } from "@/db";
import { userAction } from "@/lib/actions/wrap";
import { beginTotpSetup, confirmTotp, regenerateRecoveryCodes, removeTotp } from "@/lib/services/two-factor";
import { beginTotpSetupSchema, twoFactorCodeSchema } from "@/lib/validation/two-factor";

// /account, "Two-step sign-in" (docs/PRODUCT.md). Every action is the signed-in user's own.

/** A new secret, shown once: as a QR code (SVG, drawn here) and as text for manual entry. */
export const beginTotpSetupAction = userAction(beginTotpSetupSchema, async (ctx) => {
  const { secret, uri } = await beginTotpSetup(await getDb(), { userId: ctx.userId, email: ctx.email });
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}` };
});

/** The first code from the app turns it on; the ten recovery codes come back, shown once. */
export const confirmTotpAction = userAction(twoFactorCodeSchema, async (ctx, input) =>
  confirmTotp(await getDb(), { userId: ctx.userId, ip: ctx.ip }, input.code),
);

export const regenerateRecoveryCodesAction = userAction(twoFactorCodeSchema, async (ctx, input) =>
  regenerateRecoveryCodes(await getDb(), { userId: ctx.userId, ip: ctx.ip }, input.code),
);

export const removeTotpAction = userAction(twoFactorCodeSchema, async (ctx, input) => {
  await removeTotp(await getDb(), { userId: ctx.userId, ip: ctx.ip }, input.code);
  return null;
});
