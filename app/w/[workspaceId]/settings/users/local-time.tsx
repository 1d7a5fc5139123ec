"use client";
import { useI18n } from "@/lib/i18n/client";
import { exactTime, relativeTime } from "./time-format";
import { useHydrated, useNow } from "./use-now";

/** An exact time in the reader's own zone (UTC until hydrated), relative time on hover. */
export function LocalTime({ at, serverNow }: { at: string; serverNow: number }) {
  const { locale } = useI18n();
  const hydrated = useHydrated();
  const now = useNow(serverNow);
  const ms = Date.parse(at);
  return (
    <time dateTime={at} title={relativeTime(locale, ms, now)} className="whitespace-nowrap">
      {exactTime(locale, ms, hydrated)}
    </time>
  );
}
