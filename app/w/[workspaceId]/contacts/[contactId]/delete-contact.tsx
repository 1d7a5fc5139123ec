"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import { useI18n } from "@/lib/i18n/client";
import { Dialog, DialogActions } from "@/app/components/dialog";
import { buttonClass } from "@/app/components/styles";
import { deleteContactAction } from "../actions";
import { Icon } from "@/app/components/icons";

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
        className={`${buttonClass("secondary")} border-red-200 text-red-700 hover:bg-red-50`}
        data-testid="delete-contact"
      >
        <Icon name="trash" className="size-4" />
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
            <button type="button" onClick={() => setOpen(false)} className={buttonClass("secondary")}>
              {t("common.cancel")}
            </button>
            <button
              type="button"
              onClick={confirm}
              disabled={busy}
              className={buttonClass("danger")}
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
