"use client";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Locale } from "./locales";
import type { Messages } from "./messages/en";
import { createTranslator, type Translator } from "./translate";

const I18nContext = createContext<{ locale: Locale; t: Translator } | null>(null);

export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Messages;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ locale, t: createTranslator(locale, messages) }), [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): { locale: Locale; t: Translator } {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
