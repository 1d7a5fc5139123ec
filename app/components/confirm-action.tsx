"use client";
import { useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import type { ActionResult } from "@/lib/actions/result";
import { Dialog, DialogActions } from "./dialog";
import { useNotice } from "./notice";
import { buttonClass, type ButtonVariant } from "./styles";

/**
 * A button that asks first (a modal with the consequence spelled out), runs one server
 * action, announces the outcome in the page's notice area and refreshes the server data.
 * A refusal stays in the dialog as an alert.
 */
export function ConfirmAction<T>({
  label,
  accessibleLabel,
  title,
  body,
  confirmLabel,
  busyLabel,
  run,
  done,
  variant = "secondary",
  testId,
}: {
  label: ReactNode;
  accessibleLabel?: string;
  title: ReactNode;
  body: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  run: () => Promise<ActionResult<T>>;
  /** The notice after success. */
  done: (data: T) => string;
  variant?: ButtonVariant;
  testId?: string;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await run();
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setOpen(false);
    notice(done(result.data));
    router.refresh();
  }

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={accessibleLabel}
        className={`${buttonClass(variant, "sm")} whitespace-nowrap`}
        data-testid={testId}
      >
        {label}
      </button>
      {open ? (
        <Dialog title={title} size="sm" onClose={() => setOpen(false)}>
          <p className="text-gray-700">{body}</p>
          {error ? (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <DialogActions>
            <button type="button" onClick={() => setOpen(false)} className={buttonClass("secondary")}>
              {t("common.cancel")}
            </button>
            <button
              type="button"
              onClick={confirm}
              disabled={busy}
              className={buttonClass("danger")}
              data-testid={testId ? `${testId}-confirm` : undefined}
            >
              {busy ? busyLabel : confirmLabel}
            </button>
          </DialogActions>
        </Dialog>
      ) : null}
    </>
  );
}
