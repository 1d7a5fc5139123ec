"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import type { Permission, Role, Visibility } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { buttonClass } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";
import { duplicateRoleAction, updateRoleAction } from "./actions";
import { DeleteRoleDialog, type RoleOption } from "./delete-role-dialog";
import { permissionLabel, RoleDialog } from "./role-dialog";

export interface RoleCardView {
  id: string;
  name: string;
  base: Role;
  permissions: Permission[];
  visibility: Visibility;
  members: number;
  deactivated: number;
  invitations: number;
}

type Open = null | "edit" | "delete";

/** One custom role: what it grants, who holds it, and edit / duplicate / delete. */
export function RoleCard({
  workspaceId,
  role,
  moveOptions,
}: {
  workspaceId: string;
  role: RoleCardView;
  moveOptions: RoleOption[];
}) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);

  async function duplicate() {
    setBusy(true);
    const result = await duplicateRoleAction(workspaceId, { roleId: role.id }).catch(() => null);
    setBusy(false);
    if (!result) notice(t("errors.generic"), "error");
    else if (!result.ok) notice(result.message, "error");
    else notice(t("roles.duplicated", { name: result.data.name }));
    router.refresh();
  }

  return (
    <li className="rounded-xl border border-gray-200 bg-white p-5 shadow-sm" data-testid="role-card">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="text-lg font-semibold break-words">
            <bdi>{role.name}</bdi>
          </h3>
          <p className="text-sm text-gray-600">
            {t("roles.basedOn", { base: t(`common.roles.${role.base}`) })} ·{" "}
            {t("roles.permissionCount", { count: role.permissions.length })}
          </p>
          <p className="text-sm text-gray-600" data-testid="role-held">
            {t("roles.held", { members: role.members, deactivated: role.deactivated, invitations: role.invitations })}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => setOpen("edit")}
            data-testid="role-edit"
          >
            {t("roles.edit")}
          </button>
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={duplicate}
            disabled={busy}
            data-testid="role-duplicate"
          >
            {t("roles.duplicate")}
          </button>
          <button
            type="button"
            className={`${buttonClass("secondary")} text-red-700`}
            onClick={() => setOpen("delete")}
            data-testid="role-delete"
          >
            {t("roles.delete")}
          </button>
        </div>
      </div>
      <ul className="mt-3 flex flex-wrap gap-1.5" aria-label={t("roles.dialog.permissions")}>
        {role.permissions.map((p) => (
          <li key={p} className="rounded-full bg-gray-100 px-2.5 py-0.5 text-xs text-gray-700">
            {t(permissionLabel(p))}
          </li>
        ))}
      </ul>
      {open === "edit" ? (
        <RoleDialog
          mode="edit"
          initial={role}
          onSubmit={(values) =>
            updateRoleAction(workspaceId, {
              roleId: role.id,
              name: values.name,
              permissions: values.permissions,
              visibility: values.visibility,
            })
          }
          onClose={() => setOpen(null)}
          onDone={(name) => {
            setOpen(null);
            notice(t("roles.saved", { name }));
            router.refresh();
          }}
        />
      ) : null}
      {open === "delete" ? (
        <DeleteRoleDialog
          workspaceId={workspaceId}
          role={role}
          options={moveOptions.filter((o) => !o.value.startsWith(`role:${role.id}:`))}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            notice(t("roles.deleted", { name: role.name }));
            router.refresh();
          }}
        />
      ) : null}
    </li>
  );
}
