"use client";
import { useEffect, useState, useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { Icon } from "./icons";
import { cx } from "./styles";

/**
 * Server-side search: typing updates `?q=` after a pause (the page reloads its rows on the
 * server, from the first page); used by the Users, Contacts, Reports and org Users pages.
 * The input is never remounted, so it keeps focus and caret.
 */
export function SearchBox({
  initial,
  id,
  label,
  placeholder,
  testId,
  keep,
}: {
  initial: string;
  id: string;
  label: string;
  placeholder: string;
  testId?: string;
  /** Other query parameters the search keeps (a list filter). */
  keep?: Record<string, string>;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [value, setValue] = useState(initial);
  const [pending, startTransition] = useTransition();
  // As text, so a new object with the same parameters on each render does not restart the timer.
  const kept = keep ? new URLSearchParams(keep).toString() : "";
  const [sent, setSent] = useState(initial.trim());
  const [seen, setSeen] = useState(initial);
  if (initial !== seen) {
    // The URL changed by other means (First page link, Back): show its query. Our own
    // navigations arrive with `sent` and must not overwrite what is being typed.
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
      const search = new URLSearchParams([...new URLSearchParams(kept), ...(q ? [["q", q]] : [])]).toString();
      startTransition(() => router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false }));
    }, 300);
    return () => clearTimeout(timer);
  }, [value, sent, pathname, router, kept]);

  return (
    <div className="relative w-full sm:max-w-xs" role="search">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Icon
        name="search"
        className="pointer-events-none absolute start-3 top-1/2 size-4 -translate-y-1/2 text-gray-400"
      />
      <input
        id={id}
        type="search"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={placeholder}
        autoComplete="off"
        aria-busy={pending || undefined}
        data-testid={testId}
        className={cx(
          "block w-full rounded-lg border border-gray-300 bg-white py-2 ps-9 pe-3 text-gray-900",
          "shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100",
        )}
      />
    </div>
  );
}
