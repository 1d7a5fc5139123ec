"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db";
import { userAction } from "@/lib/actions/wrap";
import { baseUrl } from "@/lib/env";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { removeAvatar, setAvatar, updateProfile } from "@/lib/services/account";
import { avatarUploadSchema, profileSchema } from "@/lib/validation/account";

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
