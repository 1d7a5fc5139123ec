import type { Metadata } from "next";
import { getDb } from "@/db";
import { requireMember } from "@/lib/access/guard";
import { canManageRoles, routePermissions } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { listRoles } from "@/lib/services/roles";
import { NoticeProvider } from "@/app/components/notice";
import { emptyBoxClass, tableBoxClass, thClass } from "@/app/components/styles";
import { NewRoleButton } from "./new-role-button";
import { RoleCard } from "./role-card";
import type { RoleOption } from "./delete-role-dialog";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("roles.metaTitle") };
}

/**
 * Settings → Roles (docs/PRODUCT.md, Roles): the built-in levels, read-only, and the workspace's custom roles
 * with who holds each. For members whose base level is Owner and who manage users (canManageRoles).
 */
export default async function RolesPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const member = await requireMember(
    workspaceId,
    routePermissions("settings/roles"),
    `/w/${workspaceId}/settings/roles`,
    canManageRoles,
  );
  const { t } = await getI18n();
  const { levels, roles } = await listRoles(await getDb(), member.workspaceId);
  const moveOptions: RoleOption[] = [
    ...levels.map((l) => ({ value: `level:${l.role}`, label: t(`common.roles.${l.role}`) })),
    ...roles.map((r) => ({
      value: `role:${r.id}:${r.base}`,
      label: `${r.name} (${t("roles.choice.customHint", { base: t(`common.roles.${r.base}`) })})`,
    })),
  ];
  return (
    <NoticeProvider>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl">
          <h1 className="text-2xl font-semibold tracking-tight">{t("roles.title")}</h1>
          <p className="mt-1 text-gray-600">{t("roles.lead")}</p>
        </div>
        <NewRoleButton workspaceId={member.workspaceId} />
      </div>

      <section className="mt-6" aria-labelledby="built-in-levels">
        <h2 id="built-in-levels" className="text-lg font-semibold">
          {t("roles.builtIn")}
        </h2>
        <p className="text-sm text-gray-600">{t("roles.builtInHint")}</p>
        <div className={`mt-3 ${tableBoxClass}`}>
          <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="built-in-levels">
            <thead className="bg-gray-50">
              <tr>
                <th scope="col" className={thClass}>
                  {t("roles.dialog.base")}
                </th>
                <th scope="col" className={thClass}>
                  {t("roles.membersHeading")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {levels.map((l) => (
                <tr key={l.role} data-testid={`level-${l.role}`}>
                  <td className="px-4 py-2.5 font-medium text-gray-900">{t(`common.roles.${l.role}`)}</td>
                  <td className="px-4 py-2.5 text-gray-700">{t("roles.members", { count: l.members })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="mt-8" aria-labelledby="custom-roles">
        <h2 id="custom-roles" className="text-lg font-semibold">
          {t("roles.custom")}
        </h2>
        {roles.length === 0 ? (
          <div className={`mt-3 ${emptyBoxClass}`} data-testid="roles-empty">
            {t("roles.empty")}
          </div>
        ) : (
          <ul className="mt-3 grid gap-4" data-testid="roles-list">
            {roles.map((role) => (
              <RoleCard
                key={role.id}
                workspaceId={member.workspaceId}
                role={{ ...role, permissions: [...role.permissions] }}
                moveOptions={moveOptions}
              />
            ))}
          </ul>
        )}
      </section>
    </NoticeProvider>
  );
}
