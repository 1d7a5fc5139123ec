"use client";
import { ConfirmAction } from "@/app/components/confirm-action";
import { NoticeProvider } from "@/app/components/notice";
import { exactTime, relativeTime } from "@/app/components/time-format";
import { useHydrated } from "@/app/components/use-hydrated";
import { useNow } from "@/app/components/use-now";
import { tableBoxClass, thClass } from "@/app/components/styles";
import { useI18n } from "@/lib/i18n/client";
import type { Translator } from "@/lib/i18n/translate";
import { UNKNOWN_BROWSER, UNKNOWN_SYSTEM } from "@/lib/validation/device";
import { endOtherSessionsAction, endSessionAction } from "./actions";

export interface SessionItem {
  id: string;
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

/** "Chrome on Linux" (as stored, lib/validation/device.ts) in the page's language. */
function deviceText(t: Translator, label: string): string {
  const [browser, system] = label.includes(" on ") ? label.split(" on ", 2) : [UNKNOWN_BROWSER, UNKNOWN_SYSTEM];
  return t("account.sessions.deviceLabel", {
    browser: browser === UNKNOWN_BROWSER ? t("account.sessions.unknownBrowser") : browser,
    system: system === UNKNOWN_SYSTEM ? t("account.sessions.unknownSystem") : system,
  });
}

const td = "px-4 py-3 align-middle";

/** docs/PRODUCT.md, Your account: the user's open sessions, this device first. */
export function SessionsList({ sessions, serverNow }: { sessions: SessionItem[]; serverNow: number }) {
  const { t, locale } = useI18n();
  const now = useNow(serverNow);
  const hydrated = useHydrated();
  const others = sessions.filter((s) => !s.current).length;
  const when = (at: string) => {
    const ms = Date.parse(at);
    return (
      <time dateTime={at} title={exactTime(locale, ms, hydrated)}>
        {relativeTime(locale, Math.min(ms, now), now)}
      </time>
    );
  };
  return (
    <NoticeProvider>
      <div className={tableBoxClass}>
        <table className="w-full text-sm" data-testid="sessions">
          <caption className="sr-only">{t("account.sessions.caption")}</caption>
          <thead className="border-b border-gray-200 bg-gray-50">
            <tr>
              <th scope="col" className={thClass}>
                {t("account.sessions.device")}
              </th>
              <th scope="col" className={`${thClass} hidden sm:table-cell`}>
                {t("account.sessions.ip")}
              </th>
              <th scope="col" className={`${thClass} hidden sm:table-cell`}>
                {t("account.sessions.created")}
              </th>
              <th scope="col" className={thClass}>
                {t("account.sessions.lastSeen")}
              </th>
              <th scope="col" className={thClass}>
                <span className="sr-only">{t("account.sessions.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {sessions.map((s) => {
              const device = deviceText(t, s.device);
              return (
                <tr key={s.id} data-testid="session-row" data-current={s.current ? "true" : undefined}>
                  <td className={td}>
                    <p className="font-medium text-gray-900">
                      <bdi>{device}</bdi>
                    </p>
                    {s.current ? (
                      <span className="mt-1 inline-block rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">
                        {t("account.sessions.thisDevice")}
                      </span>
                    ) : null}
                    <p className="mt-0.5 text-xs text-gray-500 sm:hidden">
                      {s.ip ? <bdi dir="ltr">{s.ip}</bdi> : t("account.sessions.unknownIp")}
                    </p>
                  </td>
                  <td className={`${td} hidden text-gray-600 sm:table-cell`}>
                    {s.ip ? <bdi dir="ltr">{s.ip}</bdi> : t("account.sessions.unknownIp")}
                  </td>
                  <td className={`${td} hidden text-gray-600 sm:table-cell`}>{when(s.createdAt)}</td>
                  <td className={`${td} text-gray-600`}>{when(s.lastSeenAt)}</td>
                  <td className={`${td} text-end`}>
                    {s.current ? null : (
                      <ConfirmAction
                        label={t("account.sessions.signOut")}
                        accessibleLabel={t("account.sessions.signOutLabel", {
                          device,
                          when: relativeTime(locale, Math.min(Date.parse(s.createdAt), now), now),
                        })}
                        title={t("account.sessions.confirmOneTitle")}
                        body={t("account.sessions.confirmOneBody", { device })}
                        confirmLabel={t("account.sessions.signOut")}
                        run={() => endSessionAction({ sessionId: s.id })}
                        done={() => t("account.sessions.endedOne")}
                        testId="end-session"
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="mt-4 flex flex-wrap items-center justify-end gap-3">
        {others === 0 ? (
          <p className="me-auto text-gray-600">{t("account.sessions.noOthers")}</p>
        ) : (
          <ConfirmAction
            label={t("account.sessions.signOutOthers")}
            title={t("account.sessions.confirmOthersTitle")}
            body={t("account.sessions.confirmOthersBody", { count: others })}
            confirmLabel={t("account.sessions.signOutOthers")}
            run={() => endOtherSessionsAction({})}
            done={(data) => t("account.sessions.endedOthers", { count: data.ended })}
            testId="end-other-sessions"
          />
        )}
      </div>
    </NoticeProvider>
  );
}
