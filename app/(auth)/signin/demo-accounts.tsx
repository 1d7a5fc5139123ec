"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { DemoAccount } from "@/db/seed/demo-accounts";
import { useI18n } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/translate";
import { sendSignInLink } from "./send-link";
import { buttonClass } from "@/app/components/styles";

/** Development only (the page renders it when devToolsEnabled()): one click per demo person. */
export function DemoAccounts({ accounts, callbackUrl }: { accounts: DemoAccount[]; callbackUrl: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);

  async function send(account: DemoAccount) {
    setBusy(account.email);
    setError(null);
    const result = await sendSignInLink(account.email, callbackUrl);
    if (result.ok) {
      router.push(`/dev/mailbox?to=${encodeURIComponent(account.email)}`);
      return;
    }
    setBusy(null);
    setError(result.key);
  }

  return (
    <section
      aria-labelledby="demo-accounts-title"
      className="rounded-xl border border-dashed border-gray-300 bg-white/60 p-6"
    >
      <div className="flex items-baseline justify-between gap-4">
        <h2 id="demo-accounts-title" className="text-sm font-semibold">
          {t("auth.demo.title")}
        </h2>
        <Link href="/dev/mailbox" className="text-xs font-medium">
          {t("auth.demo.mailbox")}
        </Link>
      </div>
      <p className="mt-1 text-xs text-gray-500">{t("auth.demo.lead")}</p>
      {error ? (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-700">
          {t(error)}
        </p>
      ) : null}
      <ul className="mt-4 divide-y divide-gray-100">
        {accounts.map((account) => (
          <li key={account.email} className="flex items-center gap-3 py-2.5">
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                <span className="font-medium text-gray-900">{account.name}</span>
                <span className="rounded-full bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-600">
                  {t(`common.roles.${account.role}`)}
                </span>
              </p>
              <p className="truncate text-xs text-gray-500">
                <span dir="ltr">{account.email}</span>
              </p>
              <p className="text-xs text-gray-500">
                <span lang="en" dir="ltr">
                  {account.note}
                </span>
              </p>
            </div>
            <button
              type="button"
              onClick={() => send(account)}
              disabled={busy !== null}
              aria-label={t("auth.demo.sendTo", { name: account.name })}
              className={`shrink-0 ${buttonClass("secondary", "sm")}`}
            >
              {busy === account.email ? t("auth.signin.sending") : t("auth.demo.send")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
