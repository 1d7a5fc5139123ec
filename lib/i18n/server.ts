import "server-only";
import { cookies, headers } from "next/headers";
import { getSession } from "@/lib/auth/session";
import { LOCALE_COOKIE, dir, resolveLocale, type Locale } from "./locales";
import { translatorFor } from "./catalog";
import type { Translator } from "./translate";

export async function getLocale(): Promise<Locale> {
  const [session, cookieStore, headerList] = await Promise.all([getSession(), cookies(), headers()]);
  return resolveLocale({
    user: session?.user.locale,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get("accept-language"),
  });
}

export async function getI18n(): Promise<{ locale: Locale; dir: "rtl" | "ltr"; t: Translator }> {
  const locale = await getLocale();
  return { locale, dir: dir(locale), t: translatorFor(locale) };
}
