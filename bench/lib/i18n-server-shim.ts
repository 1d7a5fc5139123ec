// Stand-in for lib/i18n/server in the bench process: no request, English.
import { catalogs } from "@/lib/i18n/catalog";
import { dir, type Locale } from "@/lib/i18n/locales";
import { createTranslator, type Translator } from "@/lib/i18n/translate";

export async function getLocale(): Promise<Locale> {
  return "en";
}

export function translatorFor(locale: Locale): Translator {
  return createTranslator(locale, catalogs[locale]);
}

export async function getI18n(): Promise<{ locale: Locale; dir: "rtl" | "ltr"; t: Translator }> {
  return { locale: "en", dir: dir("en"), t: translatorFor("en") };
}
