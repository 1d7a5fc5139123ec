"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import { useI18n } from "@/lib/i18n/client";
import { Dialog, DialogActions, buttonClass } from "../../settings/users/dialog";
import { deleteContactAction } from "../actions";

/** "Delete contact" and its confirmation. Rendered only for members with contacts.delete. */
export function DeleteContactButton({
  workspaceId,
  contactId,
  name,
}: {
  workspaceId: string;
  contactId: string;
  name: string;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await deleteContactAction(workspaceId, { contactId });
    if (!result.ok) {
      setBusy(false);
      setError(result.message);
      return;
    }
    router.replace(`/w/${workspaceId}/contacts?deleted=1`);
  }

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="inline-flex items-center gap-2 rounded-lg border border-red-200 bg-white px-3 py-2 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50"
        data-testid="delete-contact"
      >
        <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4">
          <path
            fillRule="evenodd"
            d="M8.75 1A2.75 2.75 0 0 0 6 3.75v.443c-.795.077-1.584.176-2.365.298a.75.75 0 1 0 .23 1.482l.149-.022.841 10.518A2.75 2.75 0 0 0 7.596 19h4.807a2.75 2.75 0 0 0 2.742-2.53l.841-10.52.149.023a.75.75 0 0 0 .23-1.482A41.03 41.03 0 0 0 14 4.193V3.75A2.75 2.75 0 0 0 11.25 1h-2.5ZM10 4c.84 0 1.673.025 2.5.075V3.75c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.325C8.327 4.025 9.16 4 10 4ZM8.58 7.72a.75.75 0 0 0-1.5.06l.3 7.5a.75.75 0 1 0 1.5-.06l-.3-7.5Zm4.34.06a.75.75 0 1 0-1.5-.06l-.3 7.5a.75.75 0 1 0 1.5.06l.3-7.5Z"
            clipRule="evenodd"
          />
        </svg>
        {t("contacts.delete.button")}
      </button>
      {open ? (
        <Dialog title={t("contacts.delete.title")} size="sm" onClose={() => setOpen(false)}>
          <p className="text-gray-700">{withIsolated((v) => t("contacts.delete.body", { name: v }), name)}</p>
          {error ? (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <DialogActions>
            <button type="button" onClick={() => setOpen(false)} className={buttonClass.secondary}>
              {t("common.cancel")}
            </button>
            <button
              type="button"
              onClick={confirm}
              disabled={busy}
              className={buttonClass.danger}
              data-testid="confirm-delete"
            >
              {busy ? t("contacts.delete.deleting") : t("contacts.delete.confirm")}
            </button>
          </DialogActions>
        </Dialog>
      ) : null}
    </>
  );
}
