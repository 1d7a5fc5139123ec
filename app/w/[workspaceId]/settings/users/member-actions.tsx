"use client";
import { useState } from "react";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { EditAccessDialog, type EditTarget } from "./edit-access-dialog";
import { RevokeDialog } from "./revoke-dialog";
import { RowMenu } from "@/app/components/row-menu";

/** A member row's menu: Edit access, Deactivate, Revoke access (rendered only where the viewer may manage the row). */
export function MemberActions({
  workspaceId,
  target,
  roles,
}: {
  workspaceId: string;
  target: EditTarget;
  roles: Role[];
}) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<"edit" | "deactivate" | "revoke" | null>(null);
  return (
    <>
      <RowMenu
        label={t("users.menu.open", { name: target.displayName })}
        items={[
          { key: "edit", label: t("users.menu.edit"), onSelect: () => setDialog("edit") },
          { key: "deactivate", label: t("users.menu.deactivate"), onSelect: () => setDialog("deactivate") },
          { key: "revoke", label: t("users.menu.revoke"), onSelect: () => setDialog("revoke"), danger: true },
        ]}
      />
      {dialog === "edit" ? (
        <EditAccessDialog workspaceId={workspaceId} target={target} roles={roles} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === "revoke" || dialog === "deactivate" ? (
        <RevokeDialog workspaceId={workspaceId} target={target} mode={dialog} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
