import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { LanguageSwitcher } from "@/app/components/language-switcher";
import { outboxEnabled } from "@/lib/env";
import { getI18n } from "@/lib/i18n/server";

// The outbox hands out sign-in links: it must not exist where real mail is sent.
export default async function MailboxLayout({ children }: { children: ReactNode }) {
  if (!outboxEnabled()) notFound();
  const { t } = await getI18n();
  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-xs font-semibold tracking-wide text-amber-700 uppercase">{t("common.appName")}</p>
          <h1 className="mt-1 text-xl font-semibold tracking-tight">{t("dev.mailbox.title")}</h1>
          <p className="mt-1 max-w-2xl text-gray-600">{t("dev.mailbox.lead")}</p>
        </div>
        <LanguageSwitcher />
      </header>
      {children}
    </div>
  );
}
