"use client";
import { useEffect, useId, useState } from "react";
import { useRouter } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import { useI18n } from "@/lib/i18n/client";
import { deactivateMemberAction, getRevokeInfo, previewHandoverAction, revokeMemberAction } from "./actions";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass, inputClass } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";
import { HandoverPreview, type PreviewShare } from "./handover-fields";
import { MemberPicker, type Candidate } from "./member-picker";

type Way = "unassign" | "member" | "distribute";
interface Team {
  id: string;
  name: string;
  memberCount: number;
}

/**
 * Revoke or deactivate (docs/PRODUCT.md, Users page): says how many contacts the member holds and
 * where they go — unassigned (the default), all to one member, or distributed over a team or chosen
 * members with a preview of who receives how many, which the server holds itself to. The two
 * differ in what they say and the action they call; the hand-over is the same.
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
  const [way, setWay] = useState<Way>("unassign");
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState("");
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [picked, setPicked] = useState<Candidate[]>([]);
  const [fromTeam, setFromTeam] = useState(true);
  const [teamId, setTeamId] = useState("");
  const [availableOnly, setAvailableOnly] = useState(false);
  const [previewed, setPreviewed] = useState<{ key: string; shares: PreviewShare[] } | null>(null);
  const [previewRound, setPreviewRound] = useState(0);
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
      if (result.data.teams) setTeams(result.data.teams);
      setCandidates(result.data.candidates);
    });
    return () => {
      live = false;
    };
  }, [workspaceId, target.userId, search]);

  const distribute =
    way !== "distribute"
      ? null
      : fromTeam
        ? teamId
          ? { teamId, memberIds: [], availableOnly }
          : null
        : picked.length
          ? { teamId: null, memberIds: picked.map((p) => p.userId), availableOnly }
          : null;
  const distributeKey = JSON.stringify(distribute);
  // A preview is shown only for the choice (and round) it was made for.
  const preview = previewed?.key === `${distributeKey}#${previewRound}` ? previewed.shares : null;

  // The preview follows the choice; the write sends it back as what the actor expects.
  useEffect(() => {
    if (distributeKey === "null") return;
    let live = true;
    const timer = setTimeout(() => {
      previewHandoverAction(workspaceId, { userId: target.userId, distribute: JSON.parse(distributeKey) }).then(
        (result) => {
          if (!live) return;
          if (result.ok) {
            setPreviewed({ key: `${distributeKey}#${previewRound}`, shares: result.data });
            setPickError(null);
          } else setPickError(Object.values(result.fieldErrors ?? {})[0] ?? result.message);
        },
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [workspaceId, target.userId, distributeKey, previewRound]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if ((way === "member" && !picked.length) || (way === "distribute" && !distribute)) {
      setPickError(t(way === "member" ? "users.revokeDialog.chooseMember" : "users.revokeDialog.chooseRecipients"));
      document.getElementById(fromTeam && way === "distribute" ? `${id}-team` : `${id}-search`)?.focus();
      return;
    }
    if (way === "distribute" && !preview) return;
    setPickError(null);
    setSubmitting(true);
    const result = await act(workspaceId, {
      userId: target.userId,
      reassignTo: way === "member" ? picked[0].userId : null,
      distribute:
        distribute && preview
          ? { ...distribute, expect: preview.map((p) => ({ userId: p.userId, receives: p.receives })) }
          : null,
    });
    setSubmitting(false);
    if (!result.ok) {
      const field = result.fieldErrors?.reassignTo ?? result.fieldErrors?.distribute;
      if (field) setPickError(field);
      else setError(result.message);
      // The numbers moved since the preview: show the new one.
      if (result.code === "conflict") setPreviewRound((n) => n + 1);
      return;
    }
    notice(t(`${words}.done`, { name: target.displayName }));
    onClose();
    router.refresh();
  }

  const choose = (next: Way) => {
    setWay(next);
    setPicked([]);
    setPickError(null);
  };

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
              {contacts > 0 && way === "unassign" ? (
                <p className="mt-0.5 text-gray-600">{t("users.revokeDialog.unassigned")}</p>
              ) : null}
            </>
          )}
        </div>
        {contacts !== null && contacts > 0 ? (
          <fieldset className="grid gap-2">
            <legend className="text-sm font-medium text-gray-800">{t("users.revokeDialog.handoverLegend")}</legend>
            {(["unassign", "member", "distribute"] as const).map((w) => (
              <label key={w} className="flex cursor-pointer items-start gap-3">
                <input
                  type="radio"
                  name={`${id}-way`}
                  value={w}
                  checked={way === w}
                  onChange={() => choose(w)}
                  className="mt-0.5 size-4 shrink-0 border-gray-300 text-brand-600 focus:ring-brand-500"
                />
                <span className="text-gray-800">{t(`users.revokeDialog.${w === "member" ? "reassign" : w}`)}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        {way === "distribute" ? (
          <div className="grid gap-3 rounded-lg border border-gray-200 p-3">
            <div
              className="flex flex-wrap gap-x-5 gap-y-2"
              role="radiogroup"
              aria-label={t("users.revokeDialog.distribute")}
            >
              {[true, false].map((team) => (
                <label key={String(team)} className="flex cursor-pointer items-center gap-2">
                  <input
                    type="radio"
                    name={`${id}-source`}
                    checked={fromTeam === team}
                    onChange={() => {
                      setFromTeam(team);
                      setPicked([]);
                      setPickError(null);
                    }}
                    className="size-4 border-gray-300 text-brand-600 focus:ring-brand-500"
                  />
                  <span className="text-gray-800">
                    {t(team ? "users.revokeDialog.fromTeam" : "users.revokeDialog.fromMembers")}
                  </span>
                </label>
              ))}
            </div>
            {fromTeam ? (
              teams.length ? (
                <label className="grid gap-1">
                  <span className="text-sm font-medium text-gray-800">{t("users.revokeDialog.team")}</span>
                  <select
                    id={`${id}-team`}
                    value={teamId}
                    onChange={(e) => setTeamId(e.target.value)}
                    className={`${inputClass} mt-0`}
                  >
                    <option value="">{t("users.revokeDialog.chooseTeam")}</option>
                    {teams.map((team) => (
                      <option key={team.id} value={team.id}>
                        {team.name} ({team.memberCount})
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <p className="text-sm text-gray-600">{t("users.revokeDialog.noTeams")}</p>
              )
            ) : (
              <MemberPicker
                id={id}
                query={query}
                onQuery={setQuery}
                candidates={candidates}
                picked={picked}
                multiple
                onPick={setPicked}
                error={null}
              />
            )}
            <label className="flex cursor-pointer items-center gap-2">
              <input
                type="checkbox"
                checked={availableOnly}
                onChange={(e) => setAvailableOnly(e.target.checked)}
                className="size-4 rounded border-gray-300 text-brand-600 focus:ring-brand-500"
              />
              <span className="text-gray-800">{t("users.revokeDialog.availableOnly")}</span>
            </label>
            {pickError ? (
              <p role="alert" className="text-sm text-red-600">
                {pickError}
              </p>
            ) : distribute ? (
              <HandoverPreview shares={preview} />
            ) : null}
          </div>
        ) : null}
        {way === "member" ? (
          <MemberPicker
            id={id}
            query={query}
            onQuery={setQuery}
            candidates={candidates}
            picked={picked}
            multiple={false}
            onPick={(p) => {
              setPicked(p);
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
          <button
            type="submit"
            disabled={submitting || contacts === null || (way === "distribute" && Boolean(distribute) && !preview)}
            className={buttonClass("danger")}
          >
            {submitting ? t(`${words}.submitting`) : t(`${words}.submit`)}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
