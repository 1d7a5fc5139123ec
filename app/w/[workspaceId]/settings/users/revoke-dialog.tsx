"use client";
import { useEffect, useId, useState } from "react";
import { useRouter } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { deactivateMemberAction, getRevokeInfo, revokeMemberAction } from "./actions";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass, cx, inputClass } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";

interface Candidate {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
}

/** Keep the chosen member visible even when a later search does not match them. */
const withChosen = (list: Candidate[], chosen: Candidate | null) =>
  chosen && !list.some((c) => c.userId === chosen.userId) ? [chosen, ...list] : list;

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
          <fieldset
            id={`${id}-picker`}
            className="grid gap-2"
            aria-describedby={pickError ? `${id}-pick-error` : undefined}
          >
            <legend className="text-sm font-medium text-gray-800">{t("users.revokeDialog.member")}</legend>
            <label htmlFor={`${id}-search`} className="sr-only">
              {t("users.revokeDialog.searchMembers")}
            </label>
            <input
              id={`${id}-search`}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder={t("users.revokeDialog.searchMembers")}
              autoComplete="off"
              className={`${inputClass} mt-0`}
            />
            <div className="max-h-52 overflow-y-auto rounded-lg border border-gray-200">
              {candidates && candidates.length === 0 ? (
                <p className="px-3 py-2 text-gray-500">{t("users.revokeDialog.noCandidates")}</p>
              ) : null}
              {withChosen(candidates ?? [], heir).map((c) => (
                <label
                  key={c.userId}
                  className={cx(
                    "flex cursor-pointer items-center gap-3 px-3 py-2 hover:bg-gray-50",
                    heir?.userId === c.userId ? "bg-brand-50" : "",
                  )}
                >
                  <input
                    type="radio"
                    name={`${id}-heir`}
                    value={c.userId}
                    checked={heir?.userId === c.userId}
                    onChange={() => {
                      setHeir(c);
                      setPickError(null);
                    }}
                    className="size-4 shrink-0 border-gray-300 text-brand-600 focus:ring-brand-500"
                  />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium text-gray-900" dir="auto">
                      {c.name || c.email}
                    </span>
                    <span className="block truncate text-xs text-gray-500" dir="ltr">
                      {c.email}
                    </span>
                  </span>
                  <span className="shrink-0 text-xs text-gray-500">{t(`common.roles.${c.role}`)}</span>
                </label>
              ))}
            </div>
            {pickError ? (
              <p id={`${id}-pick-error`} role="alert" className="text-sm text-red-600">
                {pickError}
              </p>
            ) : null}
          </fieldset>
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
