import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getSession } from "@/lib/auth/session";
import { catalogs } from "@/lib/i18n/catalog";
import { getI18n } from "@/lib/i18n/server";
import { Providers } from "./providers";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  const app = t("common.appName");
  return { title: { default: app, template: `%s · ${app}` } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ locale, dir }, session] = await Promise.all([getI18n(), getSession()]);
  return (
    <html lang={locale} dir={dir}>
      <body>
        <Providers session={session} locale={locale} messages={catalogs[locale]}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
