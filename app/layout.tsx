import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { getSession } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";
import { Providers } from "./providers";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  const app = t("common.appName");
  // The icons come from the file conventions: app/icon.svg, app/favicon.ico, app/apple-icon.png.
  return { title: { default: app, template: `%s · ${app}` }, description: t("common.appDescription") };
}

// Light and dark follow the system setting (the palette in globals.css); the browser's own
// controls and scrollbars follow too.
export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f9fafb" },
    { media: "(prefers-color-scheme: dark)", color: "#0d1117" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ locale, dir }, session] = await Promise.all([getI18n(), getSession()]);
  return (
    <html lang={locale} dir={dir}>
      <body>
        <Providers session={session} locale={locale}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
