"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import { accessSummary } from "@/app/components/access-summary";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { getReactivateInfo, reactivateMemberAction, revokeMemberAction } from "./actions";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";

export interface DeactivatedTarget {
  userId: string;
  displayName: string;
  role: Role;
  restrictions: string[];
}

/**
 * Reactivate (docs/PRODUCT.md, Users page, Deactivate): the access that comes back, and an offer (on by default)
 * to give back the contacts handed over at deactivation that are still where they went.
 */
export function ReactivateDialog({
  workspaceId,
  target,
  onClose,
}: {
  workspaceId: string;
  target: DeactivatedTarget;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [returnable, setReturnable] = useState<number | null>(null);
  const [giveBack, setGiveBack] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    let live = true;
    getReactivateInfo(workspaceId, { userId: target.userId }).then((result) => {
      if (!live) return;
      if (result.ok) setReturnable(result.data.returnable);
      else setError(result.message);
    });
    return () => {
      live = false;
    };
  }, [workspaceId, target.userId]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setSubmitting(true);
    const result = await reactivateMemberAction(workspaceId, {
      userId: target.userId,
      giveBack: giveBack && (returnable ?? 0) > 0,
    });
    setSubmitting(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    notice(t("users.reactivateDialog.done", { name: target.displayName }));
    onClose();
    router.refresh();
  }

  const access = accessSummary(t, locale, target.role, target.restrictions);
  return (
    <Dialog
      title={t("users.reactivateDialog.title")}
      description={withIsolated((v) => t("users.reactivateDialog.lead", { name: v, access }), target.displayName)}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="grid gap-4" data-testid="reactivate-form">
        <div className="rounded-lg bg-gray-50 px-4 py-3" aria-live="polite">
          {returnable === null ? (
            <p className="text-gray-600">{t("users.reactivateDialog.loading")}</p>
          ) : returnable === 0 ? (
            <p className="text-gray-600" data-testid="reactivate-returnable">
              {t("users.reactivateDialog.nothingToGiveBack")}
            </p>
          ) : (
            <label className="flex cursor-pointer items-start gap-3">
              <input
                type="checkbox"
                checked={giveBack}
                onChange={(e) => setGiveBack(e.target.checked)}
                data-testid="reactivate-give-back"
                className="mt-0.5 size-4 shrink-0 rounded border-gray-300 text-brand-600 focus:ring-brand-500"
              />
              <span>
                <span className="block font-medium text-gray-900" data-testid="reactivate-returnable">
                  {t("users.reactivateDialog.giveBack", { count: returnable })}
                </span>
                <span className="block text-sm text-gray-600">{t("users.reactivateDialog.giveBackHint")}</span>
              </span>
            </label>
          )}
        </div>
        <FormAlert message={error} testId="reactivate-error" />
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={submitting || returnable === null} className={buttonClass("primary")}>
            {submitting ? t("users.reactivateDialog.submitting") : t("users.reactivateDialog.submit")}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Revoke a deactivated member: removal for good (confirmed; nothing to hand over any more). */
export function RemoveDeactivatedDialog({
  workspaceId,
  target,
  onClose,
}: {
  workspaceId: string;
  target: DeactivatedTarget;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function confirm() {
    setPending(true);
    const result = await revokeMemberAction(workspaceId, { userId: target.userId, reassignTo: null });
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    notice(t("users.revokeDialog.done", { name: target.displayName }));
    onClose();
    router.refresh();
  }

  return (
    <Dialog
      size="sm"
      title={t("users.removeDialog.title")}
      description={withIsolated((v) => t("users.removeDialog.lead", { name: v }), target.displayName)}
      onClose={onClose}
    >
      <FormAlert message={error} />
      <DialogActions>
        <button type="button" onClick={onClose} className={buttonClass("secondary")} data-autofocus>
          {t("common.cancel")}
        </button>
        <button
          type="button"
          onClick={confirm}
          disabled={pending}
          className={buttonClass("danger")}
          data-testid="remove-confirm"
        >
          {t("users.revokeDialog.submit")}
        </button>
      </DialogActions>
    </Dialog>
  );
}
