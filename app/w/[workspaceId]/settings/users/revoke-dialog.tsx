"use client";
import { useEffect, useId, useState } from "react";
import { useRouter } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import { useI18n } from "@/lib/i18n/client";
import { deactivateMemberAction, getRevokeInfo, revokeMemberAction } from "./actions";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";
import { MemberPicker, type Candidate } from "./member-picker";

/**
 * Revoke or deactivate (docs/PRODUCT.md, Users page): says how many contacts the member holds; by default they
 * become unassigned, or all go to one member chosen in a searchable picker. The two differ in what they say
 * and the action they call; the hand-over is the same.
 */
export function RevokeDialog({
  workspaceId,
  target,
  onClose,
  mode = "revoke",
}: {
  workspaceId: string;
  target: { userId: string; displayName: string };
  onClose: () => void;
  mode?: "revoke" | "deactivate";
}) {
  const { t } = useI18n();
  const words = mode === "revoke" ? "users.revokeDialog" : "users.deactivateDialog";
  const act = mode === "revoke" ? revokeMemberAction : deactivateMemberAction;
  const router = useRouter();
  const notice = useNotice();
  const id = useId();
  const [contacts, setContacts] = useState<number | null>(null);
  const [reassign, setReassign] = useState(false);
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState("");
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [heir, setHeir] = useState<Candidate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // Debounce the picker's search: one request after typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    let live = true;
    getRevokeInfo(workspaceId, { userId: target.userId, q: search }).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setError(result.message);
        return;
      }
      if (!search) setContacts(result.data.contacts);
      setCandidates(result.data.candidates);
    });
    return () => {
      live = false;
    };
  }, [workspaceId, target.userId, search]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setPickError(null);
    if (reassign && !heir) {
      setPickError(t("users.revokeDialog.chooseMember"));
      document.getElementById(`${id}-search`)?.focus();
      return;
    }
    setSubmitting(true);
    const result = await act(workspaceId, {
      userId: target.userId,
      reassignTo: reassign && heir ? heir.userId : null,
    });
    setSubmitting(false);
    if (!result.ok) {
      if (result.fieldErrors?.reassignTo) setPickError(result.fieldErrors.reassignTo);
      else setError(result.message);
      return;
    }
    notice(t(`${words}.done`, { name: target.displayName }));
    onClose();
    router.refresh();
  }

  const name = target.displayName;
  return (
    <Dialog
      title={t(`${words}.title`)}
      description={withIsolated((v) => t(`${words}.lead`, { name: v }), name)}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="grid gap-4" data-testid={`${mode}-form`}>
        <div className="rounded-lg bg-gray-50 px-4 py-3" aria-live="polite">
          {contacts === null ? (
            <p className="text-gray-600">{t("users.revokeDialog.loading")}</p>
          ) : (
            <>
              <p className="font-medium text-gray-900" data-testid={`${mode}-contacts`}>
                {withIsolated((v) => t("users.revokeDialog.contacts", { count: contacts, name: v }), name)}
              </p>
              {contacts > 0 && !reassign ? (
                <p className="mt-0.5 text-gray-600">{t("users.revokeDialog.unassigned")}</p>
              ) : null}
            </>
          )}
        </div>
        {contacts !== null && contacts > 0 ? (
          <label className="flex cursor-pointer items-start gap-3">
            <input
              type="checkbox"
              checked={reassign}
              onChange={(e) => {
                setReassign(e.target.checked);
                setPickError(null);
              }}
              aria-controls={`${id}-picker`}
              className="mt-0.5 size-4 shrink-0 rounded border-gray-300 text-brand-600 focus:ring-brand-500"
            />
            <span className="text-gray-800">{t("users.revokeDialog.reassign")}</span>
          </label>
        ) : null}
        {reassign ? (
          <MemberPicker
            id={id}
            query={query}
            onQuery={setQuery}
            candidates={candidates}
            chosen={heir}
            onChoose={(c) => {
              setHeir(c);
              setPickError(null);
            }}
            error={pickError}
          />
        ) : null}
        <FormAlert message={error} testId={`${mode}-error`} />
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={submitting || contacts === null} className={buttonClass("danger")}>
            {submitting ? t(`${words}.submitting`) : t(`${words}.submit`)}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
