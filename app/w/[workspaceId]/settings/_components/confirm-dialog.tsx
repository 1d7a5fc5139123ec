"use client";
import { useState, type ReactNode } from "react";
import { useI18n } from "@/lib/i18n/client";
import type { ActionResult } from "@/lib/actions/result";
import { Dialog, DialogActions } from "@/app/components/dialog";
import { buttonClass } from "@/app/components/styles";

/** "Delete X?" with a danger button; the action's refusal is shown inside the dialog. */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
  onDone,
}: {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<ActionResult<unknown>>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await onConfirm();
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    onDone();
  }
  return (
    <Dialog title={title} onClose={onClose} size="sm">
      <div className="text-gray-700">{body}</div>
      {error ? (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <DialogActions>
        <button type="button" onClick={onClose} className={buttonClass("secondary")}>
          {t("common.cancel")}
        </button>
        <button
          type="button"
          onClick={confirm}
          disabled={busy}
          className={buttonClass("danger")}
          data-testid="confirm-danger"
        >
          {confirmLabel}
        </button>
      </DialogActions>
    </Dialog>
  );
}
