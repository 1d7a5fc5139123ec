import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { LiveAvatar, LivePresence } from "@/app/components/live-presence";
import { requireMember } from "@/lib/access/guard";
import { routePermissions } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { usersReport, usersReportByRole, usersReportTotals } from "@/lib/services/reports";
import { reportQuerySchema } from "@/lib/validation/settings";
import { LastActive } from "@/app/components/last-active";
import { SearchBox } from "@/app/components/search-box";
import { emptyBoxClass, tableBoxClass } from "@/app/components/styles";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("reports.metaTitle") };
}

type Props = {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const PAGE_SIZE = 50;
const thBase = "px-4 py-2.5 text-xs font-semibold uppercase tracking-wide text-gray-500";
const th = `${thBase} text-start`;
const thNum = `${thBase} text-end`;
const td = "px-4 py-3 align-middle";

/** docs/PRODUCT.md, Routes Reports: the Users report, one keyset page of members with their counts. */
export default async function ReportsPage({ params, searchParams }: Props) {
  const { workspaceId } = await params;
  const member = await requireMember(workspaceId, routePermissions("reports"), `/w/${workspaceId}/reports`);
  const sp = await searchParams;
  const parsed = reportQuerySchema.safeParse({
    q: first(sp.q) ?? "",
    cursor: first(sp.cursor) || undefined,
    limit: PAGE_SIZE,
  });
  const { q, cursor } = parsed.success ? parsed.data : { q: "", cursor: undefined };
  const { t, locale } = await getI18n();
  const db = await getDb();
  const [page, totals, byRole] = await Promise.all([
    usersReport(db, member.workspaceId, { q, cursor, limit: PAGE_SIZE }),
    usersReportTotals(db, member.workspaceId),
    usersReportByRole(db, member.workspaceId),
  ]);
  const serverNow = totals.now;
  const nf = new Intl.NumberFormat(locale);
  const base = `/w/${member.workspaceId}/reports`;
  const qs = (extra: Record<string, string>) => {
    const s = new URLSearchParams({ ...(q ? { q } : {}), ...extra }).toString();
    return s ? `${base}?${s}` : base;
  };
  const dotLabels = { online: t("reports.onlineNow"), away: t("reports.away"), offline: t("reports.offline") };
  const cards = [
    { key: "members", label: t("reports.totals.members"), value: totals.members },
    { key: "online", label: t("reports.totals.online"), value: totals.online },
    { key: "assigned", label: t("reports.totals.assigned"), value: totals.assignedContacts },
    { key: "sent", label: t("reports.totals.sent"), value: totals.messagesSent7d },
  ];

  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-semibold tracking-tight">{t("reports.title")}</h1>
      <p className="mt-1 text-gray-600">{t("reports.lead")}</p>

      <dl className="mt-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        {cards.map((c) => (
          <div key={c.key} className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
            <dt className="text-sm text-gray-600">{c.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`report-total-${c.key}`}>
              {nf.format(c.value)}
            </dd>
          </div>
        ))}
      </dl>

      <section className="mt-8" aria-labelledby="report-by-role">
        <h2 id="report-by-role" className="mb-3 text-lg font-semibold">
          {t("reports.byRole.heading")}
        </h2>
        <div className={tableBoxClass}>
          <table className="w-full min-w-[560px] text-sm" data-testid="report-by-role">
            <caption className="sr-only">{t("reports.byRole.caption")}</caption>
            <thead className="border-b border-gray-200 bg-gray-50">
              <tr>
                <th scope="col" className={th}>
                  {t("reports.byRole.role")}
                </th>
                <th scope="col" className={thNum}>
                  {t("reports.totals.members")}
                </th>
                <th scope="col" className={thNum}>
                  {t("reports.table.assigned")}
                </th>
                <th scope="col" className={thNum}>
                  {t("reports.table.sent")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {byRole.map((g) => (
                <tr key={g.roleId ?? g.role} data-testid="report-role-row">
                  <td className={td}>
                    {g.roleName ? (
                      <>
                        <bdi className="font-medium text-gray-900">{g.roleName}</bdi>{" "}
                        <span className="text-xs text-gray-500">
                          {t("roles.choice.customHint", { base: t(`common.roles.${g.role}`) })}
                        </span>
                      </>
                    ) : (
                      <span className="font-medium text-gray-900">{t(`common.roles.${g.role}`)}</span>
                    )}
                  </td>
                  <td className={`${td} text-end tabular-nums`}>{nf.format(g.members)}</td>
                  <td className={`${td} text-end tabular-nums`}>{nf.format(g.assignedContacts)}</td>
                  <td className={`${td} text-end tabular-nums`}>{nf.format(g.messagesSent7d)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <div className="mt-8 mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{t("reports.usersHeading")}</h2>
        <SearchBox
          initial={q}
          id="users-search"
          label={t("users.search.label")}
          placeholder={t("users.search.placeholder")}
        />
      </div>

      {page.rows.length === 0 ? (
        <div className={emptyBoxClass} data-testid="report-empty">
          {q ? <bdi>{t("reports.noMatch", { q })}</bdi> : t("reports.empty")}
        </div>
      ) : (
        <LivePresence
          workspaceId={member.workspaceId}
          initial={Object.fromEntries(page.rows.map((r) => [r.userId, { online: r.online, away: r.away }]))}
        >
          <div className={tableBoxClass}>
            <table className="w-full min-w-[720px] text-sm" data-testid="users-report">
              <caption className="sr-only">{t("reports.table.caption")}</caption>
              <thead className="border-b border-gray-200 bg-gray-50">
                <tr>
                  <th scope="col" className={th}>
                    {t("reports.table.member")}
                  </th>
                  <th scope="col" className={th}>
                    {t("reports.table.role")}
                  </th>
                  <th scope="col" className={thNum}>
                    {t("reports.table.assigned")}
                  </th>
                  <th scope="col" className={thNum}>
                    {t("reports.table.sent")}
                  </th>
                  <th scope="col" className={th}>
                    {t("reports.table.lastActive")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {page.rows.map((r) => (
                  <tr key={r.userId} data-testid="report-row">
                    <td className={td}>
                      <div className="flex items-center gap-3">
                        <LiveAvatar
                          userId={r.userId}
                          name={r.name}
                          email={r.email}
                          image={r.image}
                          size="sm"
                          labels={dotLabels}
                        />
                        <div className="min-w-0">
                          <div className="truncate font-medium text-gray-900">
                            <bdi>{r.name ?? r.email}</bdi>
                          </div>
                          {r.name ? (
                            <div className="truncate text-gray-500" dir="ltr">
                              {r.email}
                            </div>
                          ) : null}
                        </div>
                      </div>
                    </td>
                    <td className={`${td} text-gray-700`}>
                      {r.roleName ? <bdi>{r.roleName}</bdi> : t(`common.roles.${r.role}`)}
                    </td>
                    <td className={`${td} text-end tabular-nums`} data-testid="report-assigned">
                      {nf.format(r.assignedContacts)}
                    </td>
                    <td className={`${td} text-end tabular-nums`} data-testid="report-sent">
                      {nf.format(r.messagesSent7d)}
                    </td>
                    <td className={td}>
                      <LastActive
                        online={r.online}
                        at={r.lastActiveAt ? new Date(r.lastActiveAt).toISOString() : null}
                        serverNow={serverNow}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </LivePresence>
      )}

      {cursor || page.nextCursor ? (
        <nav aria-label={t("reports.pagination.label")} className="mt-4 flex items-center justify-between gap-3">
          {cursor ? (
            <Link href={qs({})} className="font-medium">
              {t("reports.pagination.first")}
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link href={qs({ cursor: page.nextCursor })} className="font-medium" data-testid="report-next">
              {t("reports.pagination.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
