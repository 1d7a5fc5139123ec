"use client";
import { useI18n } from "@/lib/i18n/client";
import { exactTime, relativeTime } from "@/app/components/time-format";
import { useHydrated } from "@/app/components/use-hydrated";
import { useNow } from "@/app/components/use-now";
import { eventLabelKey } from "./event-label";
import { thClass } from "@/app/components/styles";

export interface DeliveryView {
  id: string;
  event: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  state: "delivered" | "retrying" | "failed";
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

const td = "px-3 py-2 align-top";

/** The latest deliveries of one endpoint: event, attempt, response, time, delivered or next retry. */
export function DeliveryLog({ deliveries, serverNow }: { deliveries: DeliveryView[]; serverNow: number }) {
  const { t, locale } = useI18n();
  const now = useNow(serverNow);
  const hydrated = useHydrated();
  const nf = new Intl.NumberFormat(locale);
  if (deliveries.length === 0) return <p className="text-sm text-gray-500">{t("settings.webhooks.noDeliveries")}</p>;
  const time = (iso: string) => {
    const ms = Date.parse(iso);
    return (
      <time dateTime={iso} title={exactTime(locale, ms, hydrated)}>
        {relativeTime(locale, ms, now)}
      </time>
    );
  };
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200">
      <table className="w-full min-w-[640px] text-sm" data-testid="delivery-log">
        <caption className="sr-only">{t("settings.webhooks.deliveries")}</caption>
        <thead className="border-b border-gray-200 bg-gray-50">
          <tr>
            <th scope="col" className={thClass}>
              {t("settings.webhooks.log.event")}
            </th>
            <th scope="col" className={thClass}>
              {t("settings.webhooks.log.attempt")}
            </th>
            <th scope="col" className={thClass}>
              {t("settings.webhooks.log.response")}
            </th>
            <th scope="col" className={thClass}>
              {t("settings.webhooks.log.time")}
            </th>
            <th scope="col" className={thClass}>
              {t("settings.webhooks.log.outcome")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {deliveries.map((d) => {
            const key = eventLabelKey(d.event);
            return (
              <tr key={d.id} data-testid="delivery-row">
                <td className={td}>
                  <span className="block text-gray-900">{key ? t(key) : d.event}</span>
                  <code dir="ltr" className="text-xs text-gray-500">
                    {d.event}
                  </code>
                </td>
                <td className={`${td} tabular-nums`}>{nf.format(d.attempt)}</td>
                <td className={td}>
                  <span dir="ltr" className="inline-block font-mono text-xs">
                    {d.statusCode !== null ? <span data-testid="delivery-status">{d.statusCode}</span> : null}
                    {d.error && (d.statusCode === null || !d.error.startsWith("HTTP")) ? (
                      <span className="text-gray-600"> {d.error}</span>
                    ) : null}
                    {d.statusCode === null && !d.error ? <span className="text-gray-500">—</span> : null}
                  </span>
                </td>
                <td className={`${td} text-gray-700`}>{time(d.createdAt)}</td>
                <td className={td}>
                  {d.state === "delivered" ? (
                    <span className="font-medium text-emerald-700">
                      {t("settings.webhooks.state.delivered")} {d.deliveredAt ? time(d.deliveredAt) : null}
                    </span>
                  ) : d.state === "retrying" ? (
                    <span className="text-amber-700">
                      {t(d.attempt === 0 ? "settings.webhooks.state.queued" : "settings.webhooks.state.retrying")}{" "}
                      {d.nextAttemptAt ? time(d.nextAttemptAt) : null}
                    </span>
                  ) : (
                    <span className="font-medium text-red-700">{t("settings.webhooks.state.failed")}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
