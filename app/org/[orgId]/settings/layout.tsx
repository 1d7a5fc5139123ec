import type { ReactNode } from "react";
import Link from "next/link";
import { getDb } from "@/db";
import { LanguageSwitcher } from "@/app/components/language-switcher";
import { requireOrgAdmin } from "@/lib/access/guard";
import { getI18n } from "@/lib/i18n/server";
import { listUserWorkspaces } from "@/lib/services/user-workspaces";
import { SettingsNav } from "@/app/w/[workspaceId]/settings/settings-nav";
import { Icon } from "@/app/components/icons";

const SECTIONS = ["users", "workspaces", "billing", "network", "two-step", "sso"] as const;

/** Organization settings: org admins only (a workspace Owner who is not one gets the 403 page). */
export default async function OrgSettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ orgId: string }>;
}) {
  const { orgId } = await params;
  const admin = await requireOrgAdmin(orgId);
  const { t } = await getI18n();
  const workspaces = await listUserWorkspaces(await getDb(), admin.userId);
  const back = workspaces.find((w) => w.orgId === admin.orgId) ?? workspaces[0];
  const base = `/org/${admin.orgId}/settings`;
  const items = SECTIONS.map((key) => ({ key, href: `${base}/${key}`, label: t(`org.nav.${key}`) }));
  return (
    <div className="min-h-screen">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-3 px-4 sm:px-8">
          <div className="flex min-w-0 items-center gap-3">
            <span
              aria-hidden="true"
              className="grid size-7 shrink-0 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white"
            >
              S
            </span>
            <div className="min-w-0">
              <p className="truncate text-sm font-semibold text-gray-900">
                <bdi>{admin.orgName}</bdi>
              </p>
              <p className="text-xs text-gray-500">{t("org.heading")}</p>
            </div>
          </div>
          <div className="flex items-center gap-3">
            <LanguageSwitcher />
            <Link
              href={back ? `/w/${back.id}` : "/"}
              className="inline-flex items-center gap-1 text-sm font-medium"
              data-testid="org-back"
            >
              <Icon name="chevronBack" className="size-4 rtl:-scale-x-100" />
              {t("org.back")}
            </Link>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-8 sm:py-8">
        <SettingsNav label={t("org.nav.label")} items={items} />
        <div className="mt-6">{children}</div>
      </main>
    </div>
  );
}
