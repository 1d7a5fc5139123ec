"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Avatar } from "@/app/components/avatar";
import { useI18n } from "@/lib/i18n/client";
import { Dialog, DialogActions } from "@/app/components/dialog";
import { buttonClass, inputClass } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";
import { addTeamMemberAction, teamCandidatesAction } from "./actions";

type Candidate = { userId: string; name: string | null; email: string; image: string | null };

/** Search the workspace's members (server-side, 20 at a time) and add one to the team. */
export function MemberPicker({
  workspaceId,
  team,
  onClose,
}: {
  workspaceId: string;
  team: { id: string; name: string };
  onClose: () => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [q, setQ] = useState("");
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(async () => {
      const result = await teamCandidatesAction(workspaceId, { teamId: team.id, q });
      if (stale) return;
      if (result.ok) {
        setCandidates(result.data);
        setError(null);
      } else setError(result.message);
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [workspaceId, team.id, q, reload]);

  async function add(c: Candidate) {
    setBusy(c.userId);
    const result = await addTeamMemberAction(workspaceId, { teamId: team.id, userId: c.userId });
    setBusy(null);
    if (!result.ok) {
      setError(result.fieldErrors?.userId ?? result.message);
      return;
    }
    notice(t("settings.teams.memberAdded", { name: c.name ?? c.email, team: team.name }));
    setReload((n) => n + 1);
    router.refresh();
  }

  return (
    <Dialog title={t("settings.teams.addMemberTitle", { team: team.name })} onClose={onClose}>
      <label htmlFor="team-member-search" className="block text-sm font-medium text-gray-800">
        {t("settings.teams.searchMembers")}
      </label>
      <input
        id="team-member-search"
        type="search"
        autoFocus
        autoComplete="off"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className={inputClass}
      />
      {error ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <ul
        className="mt-3 max-h-72 divide-y divide-gray-100 overflow-y-auto rounded-lg border border-gray-200"
        aria-busy={candidates === null}
        data-testid="team-candidates"
      >
        {candidates === null ? <li className="px-3 py-3 text-sm text-gray-500">{t("common.loading")}</li> : null}
        {candidates?.length === 0 ? (
          <li className="px-3 py-3 text-sm text-gray-500">{t("settings.teams.noCandidates")}</li>
        ) : null}
        {candidates?.map((c) => (
          <li key={c.userId} className="flex items-center justify-between gap-3 px-3 py-2">
            <span className="flex min-w-0 items-center gap-2">
              <Avatar userId={c.userId} name={c.name} email={c.email} image={c.image} size="sm" />
              <span className="min-w-0">
                <span className="block truncate text-sm font-medium">
                  <bdi>{c.name ?? c.email}</bdi>
                </span>
                <span className="block truncate text-xs text-gray-500" dir="ltr">
                  {c.email}
                </span>
              </span>
            </span>
            <button
              type="button"
              onClick={() => add(c)}
              disabled={busy !== null}
              className="shrink-0 text-sm font-semibold text-brand-600 hover:text-brand-700 disabled:opacity-50"
            >
              {t("settings.teams.addThis")}
            </button>
          </li>
        ))}
      </ul>
      <DialogActions>
        <button type="button" onClick={onClose} className={buttonClass("secondary")}>
          {t("settings.done")}
        </button>
      </DialogActions>
    </Dialog>
  );
}
