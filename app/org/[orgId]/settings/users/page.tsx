import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { Avatar } from "@/app/components/avatar";
import { requireOrgAdmin } from "@/lib/access/guard";
import { getI18n } from "@/lib/i18n/server";
import { countOrgUsers, listOrgUsers } from "@/lib/services/org";
import { orgUsersQuerySchema } from "@/lib/validation/org";
import { SearchBox } from "@/app/components/search-box";
import { NoticeProvider } from "@/app/components/notice";
import { SignOutMember } from "./sign-out-member";
import { emptyBoxClass, tableBoxClass, thClass } from "@/app/components/styles";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("org.users.metaTitle") };
}

type Props = {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const PAGE_SIZE = 50;
const td = "px-4 py-3 align-middle";

/** Everyone in the organization, with each workspace they belong to and their level there. */
export default async function OrgUsersPage({ params, searchParams }: Props) {
  const { orgId } = await params;
  const admin = await requireOrgAdmin(orgId);
  const sp = await searchParams;
  const parsed = orgUsersQuerySchema.safeParse({
    q: first(sp.q) ?? "",
    cursor: first(sp.cursor) || undefined,
    limit: PAGE_SIZE,
  });
  const { q, cursor } = parsed.success ? parsed.data : { q: "", cursor: undefined };
  const { t } = await getI18n();
  const db = await getDb();
  const [page, total] = await Promise.all([
    listOrgUsers(db, admin.orgId, { q, cursor, limit: PAGE_SIZE }),
    countOrgUsers(db, admin.orgId),
  ]);
  const base = `/org/${admin.orgId}/settings/users`;
  const qs = (extra: Record<string, string>) => {
    const s = new URLSearchParams({ ...(q ? { q } : {}), ...extra }).toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("org.users.title")}</h1>
          <p className="mt-1 text-gray-600" data-testid="org-user-count">
            {t("org.users.count", { count: total })}
          </p>
        </div>
        <SearchBox
          initial={q}
          id="users-search"
          label={t("users.search.label")}
          placeholder={t("users.search.placeholder")}
        />
      </div>
      {page.rows.length === 0 ? (
        <div className={`mt-6 ${emptyBoxClass}`}>
          {q ? <bdi>{t("org.users.noMatch", { q })}</bdi> : t("org.users.empty")}
        </div>
      ) : (
        <div className="mt-6">
          <NoticeProvider>
            <div className={tableBoxClass}>
              <table className="w-full min-w-[640px] text-sm" data-testid="org-users">
                <caption className="sr-only">{t("org.users.caption")}</caption>
                <thead className="border-b border-gray-200 bg-gray-50">
                  <tr>
                    <th scope="col" className={thClass}>
                      {t("org.users.user")}
                    </th>
                    <th scope="col" className={thClass}>
                      {t("org.users.workspaces")}
                    </th>
                    <th scope="col" className={thClass}>
                      {t("org.users.twoStep")}
                    </th>
                    <th scope="col" className={thClass}>
                      <span className="sr-only">{t("org.users.actions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-gray-100">
                  {page.rows.map((u) => (
                    <tr key={u.userId} data-testid="org-user-row">
                      <td className={td}>
                        <div className="flex items-center gap-3">
                          <Avatar userId={u.userId} name={u.name} email={u.email} image={u.image} size="sm" />
                          <div className="min-w-0">
                            <p className="flex flex-wrap items-center gap-2 font-medium text-gray-900">
                              <bdi>{u.name ?? u.email}</bdi>
                              {u.isAdmin ? (
                                <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">
                                  {t("org.users.admin")}
                                </span>
                              ) : null}
                            </p>
                            {u.name ? (
                              <p className="truncate text-gray-500" dir="ltr">
                                {u.email}
                              </p>
                            ) : null}
                          </div>
                        </div>
                      </td>
                      <td className={td}>
                        {u.workspaces.length === 0 ? (
                          <span className="text-gray-500">{t("org.users.noWorkspace")}</span>
                        ) : (
                          <ul className="flex flex-wrap gap-1.5">
                            {u.workspaces.map((w) => (
                              <li
                                key={w.id}
                                className="rounded-md border border-gray-200 bg-gray-50 px-2 py-0.5 text-xs text-gray-700"
                              >
                                {t("org.users.membership", {
                                  workspace: w.name,
                                  role: w.roleName || t(`common.roles.${w.role}`),
                                })}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td className={td} data-testid="two-step-cell">
                        {u.hasFactor ? (
                          <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">
                            {t("org.users.twoStepOn")}
                          </span>
                        ) : (
                          <span className="text-gray-500">{t("org.users.twoStepOff")}</span>
                        )}
                      </td>
                      <td className={`${td} text-end`}>
                        {u.userId === admin.userId ? null : (
                          <SignOutMember orgId={admin.orgId} userId={u.userId} name={u.name ?? u.email} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </NoticeProvider>
        </div>
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
            <Link href={qs({ cursor: page.nextCursor })} className="font-medium">
              {t("reports.pagination.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
