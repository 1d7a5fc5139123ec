"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db";
import { userAction } from "@/lib/actions/wrap";
import { baseUrl } from "@/lib/env";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { removeAvatar, setAvatar, updateProfile } from "@/lib/services/account";
import { endOtherSessions, endOwnSession } from "@/lib/services/sessions";
import { avatarUploadSchema, profileSchema } from "@/lib/validation/account";
import { endOtherSessionsSchema, endSessionSchema } from "@/lib/validation/sessions";

export const saveProfile = userAction(profileSchema, async (ctx, input) => {
  await updateProfile(await getDb(), ctx.userId, input);
  // Keep the explicit choice for pages seen signed out (sign-in) on this browser as well.
  (await cookies()).set(LOCALE_COOKIE, input.locale, {
    maxAge: 365 * 24 * 60 * 60,
    sameSite: "lax",
    path: "/",
    httpOnly: true,
    secure: baseUrl().startsWith("https://"),
  });
  return { locale: input.locale };
});

export const uploadAvatar = userAction(avatarUploadSchema, async (ctx, file) =>
  setAvatar(await getDb(), ctx.userId, file),
);

export const deleteAvatar = userAction(z.null().optional(), async (ctx) => {
  await removeAvatar(await getDb(), ctx.userId);
  return null;
});

/** "Sign out" on one of the user's other sessions (never the current one: that is Sign out). */
export const endSessionAction = userAction(endSessionSchema, async (ctx, input) =>
  endOwnSession(await getDb(), { userId: ctx.userId, sessionId: ctx.sessionId, ip: ctx.ip }, input.sessionId),
);

/** "Sign out everywhere else": every session of the user but this one. */
export const endOtherSessionsAction = userAction(endOtherSessionsSchema, async (ctx) =>
  endOtherSessions(await getDb(), { userId: ctx.userId, sessionId: ctx.sessionId, ip: ctx.ip }),
);
