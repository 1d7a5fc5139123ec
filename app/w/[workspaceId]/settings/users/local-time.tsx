"use client";
import { useI18n } from "@/lib/i18n/client";
import { exactTime, relativeTime } from "@/app/components/time-format";
import { useHydrated } from "@/app/components/use-hydrated";
import { useNow } from "@/app/components/use-now";

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
