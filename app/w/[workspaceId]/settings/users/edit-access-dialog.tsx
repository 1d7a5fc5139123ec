"use client";
import { withIsolated } from "@/app/components/isolate";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { updateMemberAccessAction } from "./actions";
import { AccessDialog } from "./access-dialog";
import type { AccessUntilItem } from "./access-until-fields";

export interface EditTarget {
  userId: string;
  displayName: string;
  role: Role;
  roleId: string | null;
  restrictions: string[];
  accessUntil: AccessUntilItem | null;
}

/** Change a member's level and restrictions (the server refuses self-edits and the last Owner). */
export function EditAccessDialog({
  workspaceId,
  target,
  roles,
  onClose,
}: {
  workspaceId: string;
  target: EditTarget;
  roles: Role[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <AccessDialog
      title={t("users.editDialog.title")}
      description={withIsolated((v) => t("users.editDialog.lead", { name: v }), target.displayName)}
      roles={roles}
      initial={target}
      testId="edit-access-form"
      submit={(access) => updateMemberAccessAction(workspaceId, { userId: target.userId, ...access })}
      savedMessage={t("users.editDialog.saved", { name: target.displayName })}
      onClose={onClose}
      until={{ workspaceId, initial: target.accessUntil, exceptUserId: target.userId }}
    />
  );
}
