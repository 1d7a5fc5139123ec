"use client";
import { useEffect, useState, useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";

/**
 * Server-side search: typing updates `?q=` after a pause and the page reloads its rows from
 * the first page. The input is never remounted, so it keeps focus and caret.
 */
export function ContactSearch({ initial }: { initial: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  const [value, setValue] = useState(initial);
  const [sent, setSent] = useState(initial.trim());
  const [seen, setSeen] = useState(initial);
  const [pending, startTransition] = useTransition();
  if (initial !== seen) {
    // The URL changed by other means (a link, Back): show its query.
    setSeen(initial);
    if (initial.trim() !== sent) {
      setValue(initial);
      setSent(initial.trim());
    }
  }

  useEffect(() => {
    const q = value.trim();
    if (q === sent) return;
    const timer = setTimeout(() => {
      setSent(q);
      startTransition(() => router.replace(q ? `${pathname}?q=${encodeURIComponent(q)}` : pathname, { scroll: false }));
    }, 300);
    return () => clearTimeout(timer);
  }, [value, sent, pathname, router]);

  return (
    <div className="relative w-full sm:max-w-xs" role="search">
      <label htmlFor="contacts-search" className="sr-only">
        {t("contacts.search.label")}
      </label>
      <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="pointer-events-none absolute start-3 top-1/2 size-4 -translate-y-1/2 text-gray-400">
        <path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z" clipRule="evenodd" />
      </svg>
      <input
        id="contacts-search"
        type="search"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={t("contacts.search.placeholder")}
        autoComplete="off"
        aria-busy={pending || undefined}
        data-testid="contacts-search"
        className="block w-full rounded-lg border border-gray-300 bg-white py-2 ps-9 pe-3 text-gray-900 shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
      />
    </div>
  );
}
