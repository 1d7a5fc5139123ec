import type { Locale } from "./locales";
import { en, type Messages } from "./messages/en";
import { ar } from "./messages/ar";
import { createTranslator, type Translator } from "./translate";

export const catalogs: Record<Locale, Messages> = { en, ar };

/** A translator for a known locale, outside any request (emails, tests, the bench). */
export function translatorFor(locale: Locale): Translator {
  return createTranslator(locale, catalogs[locale]);
}
