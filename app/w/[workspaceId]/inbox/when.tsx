"use client";
import { useSyncExternalStore } from "react";
import { useI18n } from "@/lib/i18n/client";

const subscribeNothing = () => () => undefined;
/** False on the server and during hydration (the server does not know the reader's zone), true after. */
const useHydrated = () =>
  useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );

function format(locale: string, at: Date, opts: Intl.DateTimeFormatOptions, local: boolean) {
  return new Intl.DateTimeFormat(locale, { ...opts, ...(local ? {} : { timeZone: "UTC" }) }).format(at);
}

/**
 * A time in the page's language and the reader's own zone (UTC until hydrated).
 * "short": the time today, else the date; "full": date and time. The exact time is on hover.
 */
export function When({ at, style = "short" }: { at: string; style?: "short" | "full" }) {
  const { locale } = useI18n();
  const local = useHydrated();
  const date = new Date(at);
  const full = format(locale, date, { dateStyle: "medium", timeStyle: "short" }, local);
  let text = full;
  if (style === "short") {
    const now = new Date();
    const day = (d: Date) => format("en-CA", d, { year: "numeric", month: "2-digit", day: "2-digit" }, local);
    if (day(date) === day(now)) text = format(locale, date, { hour: "numeric", minute: "2-digit" }, local);
    else if (date.getFullYear() === now.getFullYear())
      text = format(locale, date, { month: "short", day: "numeric" }, local);
    else text = format(locale, date, { dateStyle: "medium" }, local);
  }
  return (
    <time dateTime={at} title={full} className="whitespace-nowrap tabular-nums">
      {text}
    </time>
  );
}
