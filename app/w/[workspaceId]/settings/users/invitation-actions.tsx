"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import {
  cancelInvitationAction,
  copyInvitationLinkAction,
  resendInvitationAction,
  updateInvitationAction,
} from "./actions";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass, inputClass } from "@/app/components/styles";
import { AccessDialog } from "./access-dialog";
import type { AccessUntilItem } from "./access-until-fields";
import { useNotice } from "@/app/components/notice";
import { RowMenu } from "@/app/components/row-menu";

export interface InvitationTarget {
  id: string;
  email: string;
  role: Role;
  /** The custom role it gives, if any. */
  roleId?: string | null;
  restrictions: string[];
  accessUntil: AccessUntilItem | null;
  /** The viewer sent it, or is an Owner: "Copy invitation link" is offered. */
  linkCopyable?: boolean;
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
  const [dialog, setDialog] = useState<"change" | "cancel" | "link" | null>(null);

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
          ...(invitation.linkCopyable
            ? [{ key: "link", label: t("users.invitation.copyLink"), onSelect: () => setDialog("link") }]
            : []),
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
      {dialog === "link" ? (
        <CopyLinkDialog workspaceId={workspaceId} invitation={invitation} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === "cancel" ? (
        <CancelInvitationDialog workspaceId={workspaceId} invitation={invitation} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}

/**
 * Copy invitation link: opening the dialog rotates the token (the emailed link dies) and shows the new
 * link once, with a Copy button. Closing it forgets the link.
 */
function CopyLinkDialog({
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
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  const started = useRef(false);

  useEffect(() => {
    // Once per opening (React's dev double effect must not rotate twice).
    if (started.current) return;
    started.current = true;
    void copyInvitationLinkAction(workspaceId, { invitationId: invitation.id }).then((result) => {
      if (!result.ok) setError(result.message);
      else {
        setUrl(result.data.url);
        router.refresh();
      }
    });
  }, [workspaceId, invitation.id, router]);

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <Dialog
      title={t("users.invitation.copyLinkTitle")}
      description={withIsolated((v) => t("users.invitation.copyLinkLead", { email: v }), invitation.email)}
      onClose={onClose}
    >
      <FormAlert message={error} />
      {url ? (
        <div>
          <label htmlFor="invitation-link" className="block text-sm font-medium text-gray-800">
            {t("users.invitation.copyLinkLabel")}
          </label>
          <div className="mt-1.5 flex gap-2">
            <input
              id="invitation-link"
              readOnly
              dir="ltr"
              value={url}
              onFocus={(e) => e.currentTarget.select()}
              className={`${inputClass} mt-0 font-mono text-sm`}
              data-testid="invitation-link"
            />
            <button type="button" onClick={copy} className={buttonClass()} data-autofocus>
              {copied === "yes" ? t("users.invitation.copied") : t("users.invitation.copy")}
            </button>
          </div>
          <p role="status" className="mt-1 text-sm text-gray-600">
            {copied === "yes"
              ? t("users.invitation.copied")
              : copied === "failed"
                ? t("users.invitation.copyFailed")
                : ""}
          </p>
        </div>
      ) : error ? null : (
        <p role="status" className="text-sm text-gray-600">
          {t("users.invitation.creatingLink")}
        </p>
      )}
      <DialogActions>
        <button type="button" onClick={onClose} className={buttonClass("secondary")}>
          {t("users.invitation.close")}
        </button>
      </DialogActions>
    </Dialog>
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
