"use client";
import { formatDate } from "@/app/components/time-format";
import { useHydrated } from "@/app/components/use-hydrated";
import { useI18n } from "@/lib/i18n/client";

const FULL: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
const DAY: Intl.DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit" };
const TIME: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit" };
const MONTH_DAY: Intl.DateTimeFormatOptions = { month: "short", day: "numeric" };
const DATE: Intl.DateTimeFormatOptions = { dateStyle: "medium" };

/**
 * A time in the page's language and the reader's own zone (UTC until hydrated).
 * "short": the time today, else the date; "full": date and time. The exact time is on hover.
 */
export function When({ at, style = "short" }: { at: string; style?: "short" | "full" }) {
  const { locale } = useI18n();
  const local = useHydrated();
  const date = new Date(at);
  const full = formatDate(locale, date, FULL, local);
  let text = full;
  if (style === "short") {
    const now = new Date();
    const day = (d: Date) => formatDate("en-CA", d, DAY, local);
    if (day(date) === day(now)) text = formatDate(locale, date, TIME, local);
    else if (date.getFullYear() === now.getFullYear()) text = formatDate(locale, date, MONTH_DAY, local);
    else text = formatDate(locale, date, DATE, local);
  }
  return (
    <time dateTime={at} title={full} className="whitespace-nowrap tabular-nums">
      {text}
    </time>
  );
}
