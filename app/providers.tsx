"use client";
import type { ReactNode } from "react";
import type { Session } from "next-auth";
import { SessionProvider } from "next-auth/react";
import { I18nProvider } from "@/lib/i18n/client";
import type { Locale } from "@/lib/i18n/locales";
import { z } from "zod";

// zod compiles object parsers with `new Function` when it may, probing for it first; under our
// Content-Security-Policy (no 'unsafe-eval') that probe is a reported violation. Set before any
// form parses a schema: the probe never runs.
z.config({ jitless: true });

/** Client-side context for every page: the session (refreshed every minute) and the catalog. */
export function Providers({
  session,
  locale,
  children,
}: {
  session: Session | null;
  locale: Locale;
  children: ReactNode;
}) {
  return (
    <SessionProvider session={session} refetchInterval={60} refetchOnWindowFocus>
      <I18nProvider locale={locale}>{children}</I18nProvider>
    </SessionProvider>
  );
}
