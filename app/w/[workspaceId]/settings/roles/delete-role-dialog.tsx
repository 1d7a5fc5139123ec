"use client";
import { useId, useState } from "react";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass, inputClass } from "@/app/components/styles";
import { deleteRoleAction } from "./actions";

export interface RoleOption {
  /** "level:agent" or "role:<id>" (one select for both kinds). */
  value: string;
  label: string;
}

const parseChoice = (value: string): { role: Role; roleId: string | null } | null => {
  const [kind, rest, base] = value.split(":");
  if (kind === "level") return { role: rest as Role, roleId: null };
  if (kind === "role") return { role: base as Role, roleId: rest };
  return null;
};

/**
 * Delete a role. While someone holds it (members, deactivated members, pending invitations), the dialog
 * says how many and offers to move them to a level or another custom role, then delete, in one step.
 */
export function DeleteRoleDialog({
  workspaceId,
  role,
  options,
  onClose,
  onDone,
}: {
  workspaceId: string;
  role: { id: string; name: string; members: number; deactivated: number; invitations: number };
  options: RoleOption[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const held = role.members + role.deactivated + role.invitations;
  const [target, setTarget] = useState(options[0]?.value ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await deleteRoleAction(workspaceId, {
      roleId: role.id,
      moveTo: held > 0 ? parseChoice(target) : null,
    }).catch(() => null);
    setBusy(false);
    if (!result) return setError(t("errors.generic"));
    if (!result.ok) return setError(result.fieldErrors?.moveTo ?? result.message);
    onDone();
  }
  return (
    <Dialog title={t("roles.deleteDialog.title", { name: role.name })} onClose={onClose} size="sm">
      <div className="grid gap-4 text-gray-700" data-testid="delete-role-dialog">
        {held > 0 ? (
          <>
            <p data-testid="delete-role-held">
              {t("roles.deleteDialog.inUse", {
                members: role.members,
                deactivated: role.deactivated,
                invitations: role.invitations,
              })}
            </p>
            <div>
              <label htmlFor={`${id}-move`} className="block text-sm font-medium text-gray-800">
                {t("roles.deleteDialog.moveTo")}
              </label>
              <select
                id={`${id}-move`}
                className={inputClass}
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                data-testid="delete-role-move-to"
              >
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : null}
        <p>{t("roles.deleteDialog.body")}</p>
      </div>
      <FormAlert message={error} />
      <DialogActions>
        <button type="button" onClick={onClose} className={buttonClass("secondary")}>
          {t("common.cancel")}
        </button>
        <button
          type="button"
          onClick={confirm}
          disabled={busy}
          className={buttonClass("danger")}
          data-testid="delete-role-confirm"
        >
          {busy
            ? t("settings.saving")
            : t(held > 0 ? "roles.deleteDialog.moveAndDelete" : "roles.deleteDialog.confirm")}
        </button>
      </DialogActions>
    </Dialog>
  );
}
