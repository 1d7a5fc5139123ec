"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db";
import { publicAction } from "@/lib/actions/wrap";
import { getSession } from "@/lib/auth/session";
import { baseUrl } from "@/lib/env";
import { LOCALES, LOCALE_COOKIE } from "@/lib/i18n/locales";

const ONE_YEAR = 365 * 24 * 60 * 60;

/**
 * Allowed signed out (the sign-in page has a language switcher). Signed in, the choice is
 * also saved on the user; the client then refreshes the session so the token's `loc` follows.
 */
export const setLocale = publicAction(z.enum(LOCALES), async (_ctx, locale) => {
  const cookieStore = await cookies();
  cookieStore.set(LOCALE_COOKIE, locale, {
    maxAge: ONE_YEAR,
    sameSite: "lax",
    path: "/",
    httpOnly: true,
    secure: baseUrl().startsWith("https://"),
  });
  const session = await getSession();
  if (session) {
    const db = await getDb();
    await db.updateTable("users").set({ locale }).where("id", "=", session.user.id).execute();
  }
  return { locale };
});
