"use client";
import { useI18n } from "@/lib/i18n/client";
import { exactTime, relativeTime } from "./time-format";
import { useHydrated } from "./use-hydrated";
import { useNow } from "./use-now";

/** docs/PRODUCT.md, Users page "Last active": Online while online, else relative time (exact on hover), else Never. */
export function LastActive({ online, at, serverNow }: { online: boolean; at: string | null; serverNow: number }) {
  const { t, locale } = useI18n();
  const now = useNow(serverNow);
  const hydrated = useHydrated();
  if (online) {
    return (
      <span className="inline-flex items-center gap-1.5 font-medium text-emerald-700" data-testid="last-active">
        <span aria-hidden="true" className="size-1.5 rounded-full bg-emerald-500" />
        {t("users.online")}
      </span>
    );
  }
  if (!at)
    return (
      <span className="text-gray-500" data-testid="last-active">
        {t("users.never")}
      </span>
    );
  const ms = Date.parse(at);
  const exact = exactTime(locale, ms, hydrated);
  return (
    <time dateTime={at} title={exact} className="text-gray-600" data-testid="last-active">
      {relativeTime(locale, Math.min(ms, now), now)}
    </time>
  );
}

/** "Expires in 6 days" / "Expired" for a pending invitation. */
export function Expiry({ at, serverNow }: { at: string; serverNow: number }) {
  const { t, locale } = useI18n();
  const now = useNow(serverNow);
  const hydrated = useHydrated();
  const ms = Date.parse(at);
  if (ms <= now) return <span className="font-medium text-amber-700">{t("users.expired")}</span>;
  return (
    <time dateTime={at} title={exactTime(locale, ms, hydrated)}>
      {t("users.expiresIn", { when: relativeTime(locale, ms, now) })}
    </time>
  );
}
