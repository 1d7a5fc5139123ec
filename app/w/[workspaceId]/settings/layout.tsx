import type { ReactNode } from "react";
import { requireMember } from "@/lib/access/guard";
import { canManageRoles } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { SettingsNav } from "./settings-nav";

const SECTIONS = ["general", "users", "roles", "teams", "snippets", "integrations"] as const;

/** Workspace settings: the sub-navigation, for members who may open settings (others get the 403 page). */
export default async function SettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceId: string }>;
}) {
  const { workspaceId } = await params;
  const member = await requireMember(workspaceId, ["settings.view"], `/w/${workspaceId}/settings/general`);
  const { t } = await getI18n();
  const base = `/w/${member.workspaceId}/settings`;
  // Roles only for those who may manage roles (the page's guard says the same).
  const sections = SECTIONS.filter((key) => key !== "roles" || canManageRoles(member));
  const items = sections.map((key) => ({ key, href: `${base}/${key}`, label: t(`users.settingsNav.${key}`) }));
  return (
    <div className="mx-auto max-w-6xl">
      <SettingsNav label={t("users.settingsNav.label")} items={items} />
      <div className="mt-6">{children}</div>
    </div>
  );
}
