"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { cancelInvitationAction, resendInvitationAction, updateInvitationAction } from "./actions";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass } from "@/app/components/styles";
import { AccessDialog } from "./access-dialog";
import type { AccessUntilItem } from "./access-until-fields";
import { useNotice } from "@/app/components/notice";
import { RowMenu } from "@/app/components/row-menu";

export interface InvitationTarget {
  id: string;
  email: string;
  role: Role;
  restrictions: string[];
  accessUntil: AccessUntilItem | null;
}

/** Pending invitation actions (docs/PRODUCT.md, Users page): resend (new link), change access, cancel (confirmed). */
export function InvitationActions({
  workspaceId,
  invitation,
  roles,
}: {
  workspaceId: string;
  invitation: InvitationTarget;
  roles: Role[];
}) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [dialog, setDialog] = useState<"change" | "cancel" | null>(null);

  async function resend() {
    const result = await resendInvitationAction(workspaceId, { invitationId: invitation.id });
    if (!result.ok) {
      notice(result.message, "error");
      return;
    }
    notice(t("users.invitation.resent", { email: invitation.email }));
    router.refresh();
  }

  return (
    <>
      <RowMenu
        label={t("users.invitation.menu", { email: invitation.email })}
        items={[
          { key: "resend", label: t("users.invitation.resend"), onSelect: () => void resend() },
          { key: "change", label: t("users.invitation.change"), onSelect: () => setDialog("change") },
          { key: "cancel", label: t("users.invitation.cancel"), onSelect: () => setDialog("cancel"), danger: true },
        ]}
      />
      {dialog === "change" ? (
        <ChangeInvitationDialog
          workspaceId={workspaceId}
          invitation={invitation}
          roles={roles}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === "cancel" ? (
        <CancelInvitationDialog workspaceId={workspaceId} invitation={invitation} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}

function CancelInvitationDialog({
  workspaceId,
  invitation,
  onClose,
}: {
  workspaceId: string;
  invitation: InvitationTarget;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function confirm() {
    setPending(true);
    const result = await cancelInvitationAction(workspaceId, { invitationId: invitation.id });
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    notice(t("users.invitation.cancelled", { email: invitation.email }));
    onClose();
    router.refresh();
  }

  return (
    <Dialog
      size="sm"
      title={t("users.invitation.cancelTitle")}
      description={withIsolated((v) => t("users.invitation.cancelBody", { email: v }), invitation.email)}
      onClose={onClose}
    >
      <FormAlert message={error} />
      <DialogActions>
        {/* The safe choice first and focused: Enter does not cancel the invitation by accident. */}
        <button type="button" onClick={onClose} className={buttonClass("secondary")} data-autofocus>
          {t("users.invitation.cancelKeep")}
        </button>
        <button type="button" onClick={confirm} disabled={pending} className={buttonClass("danger")}>
          {t("users.invitation.cancelConfirm")}
        </button>
      </DialogActions>
    </Dialog>
  );
}

function ChangeInvitationDialog({
  workspaceId,
  invitation,
  roles,
  onClose,
}: {
  workspaceId: string;
  invitation: InvitationTarget;
  roles: Role[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <AccessDialog
      title={t("users.invitation.changeTitle")}
      description={withIsolated((v) => t("users.invitation.changeLead", { email: v }), invitation.email)}
      roles={roles}
      initial={invitation}
      testId="change-invitation-form"
      submit={(access) => updateInvitationAction(workspaceId, { invitationId: invitation.id, ...access })}
      savedMessage={t("users.invitation.changed", { email: invitation.email })}
      onClose={onClose}
      until={{ workspaceId, initial: invitation.accessUntil, exceptUserId: null }}
    />
  );
}
