"use client";
import { useState } from "react";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { EditAccessDialog, type EditTarget } from "./edit-access-dialog";
import { RevokeDialog } from "./revoke-dialog";
import { ExplainDialog } from "./explain-dialog";
import { RowMenu } from "@/app/components/row-menu";

/**
 * A member row's menu: Explain access (anyone on the Users page), then Edit access, Deactivate, Revoke access
 * where the viewer may manage the row.
 */
export function MemberActions({
  workspaceId,
  target,
  roles,
  manageable,
}: {
  workspaceId: string;
  target: EditTarget;
  roles: Role[];
  manageable: boolean;
}) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<"explain" | "edit" | "deactivate" | "revoke" | null>(null);
  const manage = manageable
    ? [
        { key: "edit", label: t("users.menu.edit"), onSelect: () => setDialog("edit") },
        { key: "deactivate", label: t("users.menu.deactivate"), onSelect: () => setDialog("deactivate") },
        { key: "revoke", label: t("users.menu.revoke"), onSelect: () => setDialog("revoke"), danger: true },
      ]
    : [];
  return (
    <>
      <RowMenu
        label={t("users.menu.open", { name: target.displayName })}
        items={[{ key: "explain", label: t("users.explain.menu"), onSelect: () => setDialog("explain") }, ...manage]}
      />
      {dialog === "explain" ? (
        <ExplainDialog
          workspaceId={workspaceId}
          userId={target.userId}
          displayName={target.displayName}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === "edit" ? (
        <EditAccessDialog workspaceId={workspaceId} target={target} roles={roles} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === "revoke" || dialog === "deactivate" ? (
        <RevokeDialog workspaceId={workspaceId} target={target} mode={dialog} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
