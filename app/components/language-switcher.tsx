"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useSession } from "next-auth/react";
import { setLocale } from "@/app/actions/locale";
import { useI18n } from "@/lib/i18n/client";
import { LOCALES, isLocale } from "@/lib/i18n/locales";
import { cx } from "@/app/components/styles";

/** A labelled language menu; works signed out (cookie) and signed in (also saved on the user). */
export function LanguageSwitcher({ className = "" }: { className?: string }) {
  const { locale, t } = useI18n();
  const { status, update } = useSession();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState<string | null>(null);

  function change(value: string) {
    if (!isLocale(value) || value === locale) return;
    setFailed(null);
    startTransition(async () => {
      const result = await setLocale(value);
      if (!result.ok) {
        setFailed(result.message);
        return;
      }
      if (status === "authenticated") await update();
      router.refresh();
    });
  }

  return (
    <div className={`inline-flex items-center gap-2 ${className}`}>
      <label htmlFor={id} className="text-xs font-medium text-gray-500">
        {t("common.language")}
      </label>
      <select
        id={id}
        value={locale}
        disabled={pending}
        onChange={(e) => change(e.target.value)}
        className={cx(
          "rounded-md border border-gray-300 bg-white py-1 ps-2 pe-7 text-sm",
          "text-gray-700 shadow-sm hover:border-gray-400 disabled:opacity-60",
        )}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`common.languages.${l}`)}
          </option>
        ))}
      </select>
      {failed ? (
        <span role="alert" className="text-xs text-red-600">
          {failed}
        </span>
      ) : null}
    </div>
  );
}
