"use client";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { catalogs } from "./catalog";
import type { Locale } from "./locales";
import { createTranslator, type Translator } from "./translate";

const I18nContext = createContext<{ locale: Locale; t: Translator } | null>(null);

/**
 * The catalogs come with the client bundle (a static chunk the browser caches), not as a prop: a prop would put the
 * whole catalog into every page's flight data (42 of the Users page's 229 KiB: bench/README.md, P1).
 */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: createTranslator(locale, catalogs[locale]) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): { locale: Locale; t: Translator } {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
