import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";
import type { ActivityEntry } from "./load-activity";
import { LocalTime } from "./local-time";
import { emptyBoxClass, tableBoxClass, thClass } from "@/app/components/styles";

const td = "px-4 py-2.5 align-top";

/** The Owners' view of the audit log (docs/PRODUCT.md, Users page): who did what to whom, when and from where. */
export async function Activity({
  entries,
  serverNow,
  olderHref,
  latestHref,
}: {
  entries: ActivityEntry[];
  serverNow: number;
  /** Links to the next older page and back to the newest, when there are such pages. */
  olderHref: string | null;
  latestHref: string | null;
}) {
  const { t } = await getI18n();
  return (
    <section id="activity" aria-labelledby="activity-heading" className="mt-10 scroll-mt-4" data-testid="activity">
      <h2 id="activity-heading" className="text-lg font-semibold tracking-tight">
        {t("users.activity.title")}
      </h2>
      <p className="mt-1 text-gray-600">{t("users.activity.lead")}</p>
      {entries.length === 0 ? (
        <p className={`mt-4 ${emptyBoxClass}`}>{t("users.activity.empty")}</p>
      ) : (
        // Wider than a phone: focusable, so the keyboard can scroll it sideways too.
        <div className={`mt-4 ${tableBoxClass}`} tabIndex={0}>
          <table className="w-full min-w-[760px] text-sm">
            <thead className="border-b border-gray-200 bg-gray-50">
              <tr>
                <th scope="col" className={thClass}>
                  {t("users.activity.time")}
                </th>
                <th scope="col" className={thClass}>
                  {t("users.activity.actor")}
                </th>
                <th scope="col" className={thClass}>
                  {t("users.activity.action")}
                </th>
                <th scope="col" className={thClass}>
                  {t("users.activity.target")}
                </th>
                <th scope="col" className={thClass}>
                  {t("users.activity.change")}
                </th>
                <th scope="col" className={thClass}>
                  {t("users.activity.ip")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className={`${td} text-gray-600`}>
                    <LocalTime at={e.at} serverNow={serverNow} />
                  </td>
                  <td className={`${td} whitespace-nowrap text-gray-900`}>
                    <bdi>{e.actor ?? t("users.activity.system")}</bdi>
                  </td>
                  <td className={`${td} font-medium whitespace-nowrap text-gray-900`}>
                    {t(`users.activity.actions.${e.action}`)}
                  </td>
                  <td className={`${td} text-gray-700`}>{e.target ? <bdi>{e.target}</bdi> : "—"}</td>
                  <td className={`${td} text-gray-600`}>{e.change ?? "—"}</td>
                  <td className={`${td} text-gray-500`}>
                    <span dir="ltr">{e.ip ?? "—"}</span>
                    {e.requestId ? (
                      <span className="block text-xs whitespace-nowrap text-gray-500">
                        {t("users.activity.reference")}{" "}
                        <span dir="ltr" className="font-mono">
                          {e.requestId}
                        </span>
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {olderHref || latestHref ? (
        <nav aria-label={t("users.activity.pages")} className="mt-3 flex items-center justify-between gap-3">
          {latestHref ? (
            <Link href={latestHref} className="font-medium" data-testid="activity-latest">
              {t("users.activity.latest")}
            </Link>
          ) : (
            <span />
          )}
          {olderHref ? (
            <Link href={olderHref} className="font-medium" data-testid="activity-older">
              {t("users.activity.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
