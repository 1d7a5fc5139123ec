"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db";
import type { ActionResult } from "@/lib/actions/result";
import { getSession } from "@/lib/auth/session";
import { baseUrl } from "@/lib/env";
import { LOCALES, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";

const localeSchema = z.enum(LOCALES);
const ONE_YEAR = 365 * 24 * 60 * 60;

/**
 * The one action allowed signed out (the sign-in page has a language switcher), so it
 * cannot use userAction: it validates and catches by hand. Signed in, the choice is also
 * saved on the user; the client then refreshes the session so the token's `loc` follows.
 */
export async function setLocale(input: unknown): Promise<ActionResult<{ locale: Locale }>> {
  try {
    const parsed = localeSchema.safeParse(input);
    if (!parsed.success) {
      const { t } = await getI18n();
      return { ok: false, code: "invalidInput", message: t("errors.invalidInput") };
    }
    const locale = parsed.data;
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
    return { ok: true, data: { locale } };
  } catch (error) {
    console.error("[setLocale] failed", error);
    try {
      const { t } = await getI18n();
      return { ok: false, code: "generic", message: t("errors.generic") };
    } catch {
      return { ok: false, code: "generic", message: "Something went wrong. Please try again." };
    }
  }
}
