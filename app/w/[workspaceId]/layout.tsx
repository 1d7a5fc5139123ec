import type { ReactNode } from "react";
import Link from "next/link";
import { getDb } from "@/db";
import { heartbeat } from "@/lib/presence/service";
import { requireMember } from "@/lib/access/guard";
import { MODULES, can } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { getAccount } from "@/lib/services/account";
import { getAvailability } from "@/lib/services/availability";
import { listUserWorkspaces } from "@/lib/services/user-workspaces";
import { NavIcon } from "./_components/nav-icon";
import { NavLinks, type NavItem } from "./_components/nav-links";
import { UserMenu } from "./_components/user-menu";
import { WorkspaceSwitcher } from "./_components/workspace-switcher";
import { PresenceHeartbeat } from "@/app/components/presence-heartbeat";
import { ClaimsRefresher } from "@/app/components/claims-refresher";
import { cx } from "@/app/components/styles";

type Params = Promise<{ workspaceId: string }>;

/** The workspace shell: navigation from the permission matrix, workspace switcher, user menu. */
export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { workspaceId } = await params;
  const member = await requireMember(workspaceId);
  const db = await getDb();
  // Opening a page counts as being seen: online at once, before the client's first beat.
  await heartbeat(db, member.userId).catch(() => undefined);
  const [{ t }, account, workspaces, availability] = await Promise.all([
    getI18n(),
    getAccount(db, member.userId),
    listUserWorkspaces(db, member.userId),
    getAvailability(db, member.workspaceId, member.userId),
  ]);

  const base = `/w/${member.workspaceId}`;
  const items: NavItem[] = MODULES.filter((m) => can(member, m.permission)).map((m) => ({
    key: m.key,
    href: `${base}/${m.path}`,
    match: `${base}/${m.path.split("/")[0]}`,
    label: t(`shell.nav.${m.key}`),
  }));
  const current = workspaces.find((w) => w.id === member.workspaceId) ?? {
    id: member.workspaceId,
    name: member.workspaceName,
    orgName: "",
  };
  const user = {
    id: member.userId,
    name: account?.name ?? null,
    email: account?.email ?? "",
    image: account?.image ?? null,
  };
  const orgHref = `/org/${member.orgId}/settings/users`;

  return (
    <div className="flex min-h-screen">
      <PresenceHeartbeat workspaceId={member.workspaceId} />
      <ClaimsRefresher workspaceId={member.workspaceId} version={member.version} />
      <a
        href="#main"
        className={cx(
          "sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50",
          "focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow",
        )}
      >
        {t("shell.skipToContent")}
      </a>
      <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col border-e border-gray-200 bg-white md:flex">
        <div className="flex h-14 items-center gap-2 px-5 text-base font-semibold text-gray-900">
          <span
            aria-hidden="true"
            className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white"
          >
            S
          </span>
          {t("common.appName")}
        </div>
        <div className="flex-1 overflow-y-auto px-3 py-4">
          <NavLinks items={items} label={t("shell.nav.label")} layout="sidebar" />
        </div>
        {member.isOrgAdmin ? (
          <div className="border-t border-gray-200 p-3">
            <Link
              href={orgHref}
              data-testid="org-link"
              className={cx(
                "flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium",
                "text-gray-700 hover:bg-gray-100 hover:text-gray-900",
              )}
            >
              <NavIcon name="organization" className="size-5 text-gray-400" />
              {t("shell.nav.organization")}
            </Link>
          </div>
        ) : null}
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-20 border-b border-gray-200 bg-white">
          <div className="flex h-14 items-center justify-between gap-3 px-3 sm:px-5">
            <WorkspaceSwitcher current={current} workspaces={workspaces} />
            <UserMenu
              user={user}
              accountHref={`/account?w=${member.workspaceId}`}
              workspaceId={member.workspaceId}
              availability={availability ?? { availability: "available", away: false, autoAwayMinutes: null }}
            />
          </div>
          <div className="border-t border-gray-100 px-2 py-1.5 md:hidden">
            <NavLinks
              items={
                member.isOrgAdmin
                  ? [
                      ...items,
                      {
                        key: "organization",
                        href: orgHref,
                        match: `/org/${member.orgId}`,
                        label: t("shell.nav.organization"),
                      },
                    ]
                  : items
              }
              label={t("shell.nav.label")}
              layout="bar"
            />
          </div>
        </header>
        <main id="main" className="flex-1 px-4 py-6 sm:px-8 sm:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
