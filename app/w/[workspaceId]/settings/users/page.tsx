import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { requireMember } from "@/lib/access/guard";
import { can, grantableRoles } from "@/lib/access/matrix";
import { grantableCustomRoles, listCustomRoles, roleFilterOf } from "@/lib/services/roles";
import { CustomRolesProvider } from "./custom-roles";
import { RoleFilter } from "./role-filter";
import { getI18n } from "@/lib/i18n/server";
import { memberListSchema } from "@/lib/validation/users";
import { Activity } from "./activity";
import { AddUserButton } from "./add-user-dialog";
import { PAGE_SIZE, loadDeactivatedPage, loadUsersPage } from "./load-users";
import { DeactivatedTable } from "./deactivated-table";
import { NoticeProvider } from "@/app/components/notice";
import { SearchBox } from "@/app/components/search-box";
import { UsersTable } from "./users-table";
import { InactiveReview } from "./bulk-actions";
import { INACTIVE_DAYS } from "@/lib/services/people-sql";
import { buttonClass, emptyBoxClass } from "@/app/components/styles";
import { Icon } from "@/app/components/icons";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("users.metaTitle") };
}

type Props = {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Settings → Users (docs/PRODUCT.md, Users page): one page of members (keyset), the pending invitations, and for
 * Owners the activity.
 */
export default async function UsersPage({ params, searchParams }: Props) {
  const { workspaceId } = await params;
  const member = await requireMember(workspaceId, ["settings.view"], `/w/${workspaceId}/settings/users`);
  const sp = await searchParams;
  const parsed = memberListSchema.safeParse({
    q: first(sp.q) ?? "",
    status: first(sp.status) || undefined,
    inactive: first(sp.inactive) || undefined,
    role: first(sp.role) || undefined,
    cursor: first(sp.cursor) || undefined,
    log: first(sp.log) || undefined,
    limit: PAGE_SIZE,
  });
  const {
    q,
    status,
    cursor,
    log: activityCursor,
    inactive: inactiveParam,
    role: roleParam,
  } = parsed.success
    ? parsed.data
    : { q: "", status: "active" as const, cursor: undefined, log: undefined, inactive: undefined, role: undefined };

  const { t, locale } = await getI18n();
  const ws = member.workspaceId;
  const roles = grantableRoles(member);
  const db = await getDb();
  const manages = can(member, "users.manage");
  const [customRoles, grantable, roleFilter] = await Promise.all([
    listCustomRoles(db, ws),
    manages ? grantableCustomRoles(db, member) : Promise.resolve([]),
    status === "deactivated" ? Promise.resolve(undefined) : roleFilterOf(db, ws, roleParam),
  ]);
  // The role filter and "not active for" are one filter at a time (the role filter wins).
  const inactiveDays = roleFilter ? undefined : inactiveParam;
  const [usersPage, deactivated] = await Promise.all([
    loadUsersPage(db, member, { q, cursor, activityCursor, t, locale, status, inactiveDays, role: roleFilter }),
    status === "deactivated" ? loadDeactivatedPage(db, member, { q, cursor }) : Promise.resolve(null),
  ]);
  const { people, total, pendingTotal, deactivatedTotal, activity, serverNow, inactive } = usersPage;
  const nextCursor = deactivated ? deactivated.nextCursor : usersPage.nextCursor;
  const matches = deactivated ? deactivated.matches : usersPage.matches;

  const base = `/w/${ws}/settings/users`;
  const qs = (extra: Record<string, string>) => {
    const p = new URLSearchParams({
      ...(q ? { q } : {}),
      ...(deactivated ? { status } : {}),
      ...(inactiveDays ? { inactive: String(inactiveDays) } : {}),
      ...(roleFilter ? { role: roleFilter.roleId ?? roleFilter.role } : {}),
      ...extra,
    });
    const s = p.toString();
    return s ? `${base}?${s}` : base;
  };
  const inactiveHref = (days: number | undefined) => {
    const p = new URLSearchParams({ ...(q ? { q } : {}), ...(days ? { inactive: String(days) } : {}) });
    const s = p.toString();
    return s ? `${base}?${s}` : base;
  };
  const roleHref = (value: string) => {
    const p = new URLSearchParams({ ...(q ? { q } : {}), ...(value ? { role: value } : {}) });
    const s = p.toString();
    return s ? `${base}?${s}` : base;
  };
  const roleOptions = [
    { value: "", label: t("users.roleFilter.any") },
    ...(["owner", "manager", "agent"] as const).map((r) => ({ value: r, label: t(`common.roles.${r}`) })),
    ...customRoles.map((r) => ({
      value: r.id,
      label: `${r.name} (${t("roles.choice.customHint", { base: t(`common.roles.${r.base}`) })})`,
    })),
  ];
  const empty = deactivated ? deactivated.people.length === 0 : q !== "" && people.length === 0;
  const filterHref = (next: "active" | "deactivated") => {
    const p = new URLSearchParams({ ...(q ? { q } : {}), ...(next === "deactivated" ? { status: next } : {}) });
    const s = p.toString();
    return s ? `${base}?${s}` : base;
  };

  return (
    <NoticeProvider>
      <CustomRolesProvider roles={grantable.map((r) => ({ id: r.id, name: r.name, base: r.base }))}>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">{t("users.title")}</h1>
            <p className="mt-1 text-gray-600">
              <span data-testid="member-count">{t("users.count", { count: total })}</span>
              {pendingTotal > 0 ? <span> · {t("users.pendingCount", { count: pendingTotal })}</span> : null}
              {deactivatedTotal > 0 ? (
                <span data-testid="deactivated-count">
                  {" "}
                  · {t("users.deactivatedCount", { count: deactivatedTotal })}
                </span>
              ) : null}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {can(member, "data.export") ? (
              <a
                href={`${base}/export`}
                download
                title={t("users.exportHint")}
                className={buttonClass("secondary")}
                data-testid="export-users"
              >
                <Icon name="download" className="size-4" />
                {t("users.export")}
              </a>
            ) : null}
            {roles.length > 0 ? <AddUserButton workspaceId={ws} roles={roles} /> : null}
          </div>
        </div>

        <div className="mt-6 mb-4 flex flex-wrap items-center justify-between gap-3">
          <nav aria-label={t("users.filter.label")} className="flex flex-wrap gap-1 rounded-lg bg-gray-100 p-1">
            {(["active", "deactivated"] as const).map((f) => (
              <Link
                key={f}
                href={filterHref(f)}
                aria-current={status === f ? "page" : undefined}
                data-testid={`filter-${f}`}
                className={
                  status === f
                    ? "rounded-md bg-white px-3 py-1.5 text-sm font-medium text-gray-900 shadow-sm"
                    : "rounded-md px-3 py-1.5 text-sm font-medium text-gray-600 hover:text-gray-900"
                }
              >
                {t(`users.filter.${f}`)}
                {f === "deactivated" && deactivatedTotal > 0 ? (
                  <span className="ms-1.5 text-gray-500">{deactivatedTotal}</span>
                ) : null}
              </Link>
            ))}
          </nav>
          {!deactivated ? (
            <nav aria-label={t("users.inactive.label")} className="flex flex-wrap items-center gap-1 text-sm">
              <span className="me-1 text-gray-600">{t("users.inactive.label")}</span>
              {([undefined, ...INACTIVE_DAYS] as const).map((d) => (
                <Link
                  key={d ?? "any"}
                  href={inactiveHref(d)}
                  aria-current={inactiveDays === d ? "page" : undefined}
                  data-testid={`inactive-${d ?? "any"}`}
                  className={
                    inactiveDays === d
                      ? "rounded-md bg-gray-900 px-2.5 py-1 font-medium text-white"
                      : "rounded-md px-2.5 py-1 font-medium text-gray-600 hover:bg-gray-100 hover:text-gray-900"
                  }
                >
                  {d ? t("users.inactive.days", { count: d }) : t("users.inactive.any")}
                </Link>
              ))}
            </nav>
          ) : null}
          {!deactivated ? (
            <RoleFilter
              label={t("users.roleFilter.label")}
              value={roleFilter ? (roleFilter.roleId ?? roleFilter.role) : ""}
              options={roleOptions.map((o) => ({ ...o, href: roleHref(o.value) }))}
            />
          ) : null}
          <SearchBox
            initial={q}
            id="users-search"
            keep={
              deactivated
                ? { status: "deactivated" }
                : inactiveDays
                  ? { inactive: String(inactiveDays) }
                  : roleFilter
                    ? { role: roleFilter.roleId ?? roleFilter.role }
                    : undefined
            }
            label={t("users.search.label")}
            placeholder={t("users.search.placeholder")}
          />
          {matches !== null ? (
            <p className="text-sm text-gray-600" aria-live="polite">
              {t("users.search.results", { count: matches })}
            </p>
          ) : null}
        </div>

        {inactive && inactiveDays ? (
          <div
            className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3"
            data-testid="inactive-summary"
          >
            <p className="text-gray-900">
              {t("users.inactive.summary", { count: inactive.count, days: inactiveDays, seats: inactive.seats })}
            </p>
            {manages && inactive.count > 0 ? (
              <InactiveReview workspaceId={ws} q={q} days={inactiveDays} count={inactive.count} roles={roles} />
            ) : null}
          </div>
        ) : null}
        {deactivated && empty ? (
          <div className={emptyBoxClass} data-testid="deactivated-empty">
            <p className="font-medium text-gray-900">
              <bdi>{q ? t("users.deactivated.emptySearch", { q }) : t("users.deactivated.empty")}</bdi>
            </p>
          </div>
        ) : deactivated ? (
          <DeactivatedTable workspaceId={ws} people={deactivated.people} serverNow={serverNow} />
        ) : empty ? (
          <div className={emptyBoxClass} data-testid="users-empty">
            <p className="font-medium text-gray-900">
              <bdi>{t("users.empty.title", { q })}</bdi>
            </p>
            <p className="mt-1 text-gray-600">{t("users.empty.body")}</p>
            <Link href={base} className="mt-4 inline-block font-medium">
              {t("users.search.clear")}
            </Link>
          </div>
        ) : (
          <UsersTable
            workspaceId={ws}
            people={people}
            roles={roles}
            serverNow={serverNow}
            bulk={
              manages
                ? {
                    // With the role filter, only ticked rows (a bulk "all matching" selection knows no role).
                    matching: roleFilter ? 0 : inactive ? inactive.count : (matches ?? total + pendingTotal),
                    q,
                    inactiveDays,
                  }
                : undefined
            }
          />
        )}

        {cursor || nextCursor ? (
          <nav aria-label={t("users.pagination.label")} className="mt-4 flex items-center justify-between gap-3">
            {cursor ? (
              <Link href={qs({})} className="font-medium" data-testid="first-page">
                {t("users.pagination.first")}
              </Link>
            ) : (
              <span />
            )}
            {nextCursor ? (
              <Link
                href={qs({ cursor: nextCursor })}
                className="inline-flex items-center gap-1 font-medium"
                data-testid="next-page"
              >
                {t("users.pagination.next")}
                <Icon name="chevronForward" className="size-4 rtl:-scale-x-100" />
              </Link>
            ) : null}
          </nav>
        ) : null}

        {activity ? (
          <Activity
            entries={activity.entries}
            serverNow={serverNow}
            olderHref={
              activity.olderCursor
                ? `${qs({ ...(cursor ? { cursor } : {}), log: activity.olderCursor })}#activity`
                : null
            }
            latestHref={activityCursor ? `${qs(cursor ? { cursor } : {})}#activity` : null}
          />
        ) : null}
      </CustomRolesProvider>
    </NoticeProvider>
  );
}
