"use client";
import { useEffect, useId, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import { getHandoverTargets } from "./actions";
import { MemberPicker, type Candidate } from "./member-picker";

/** Whether the contacts go to someone, and to whom (null until picked). */
export interface HeirValue {
  handOver: boolean;
  heir: Candidate | null;
}

/** The user id the action receives: the picked member when handing over, else null (unassigned). */
export const heirId = (v: HeirValue): string | null => (v.handOver && v.heir ? v.heir.userId : null);

/**
 * Where a departing member's contacts go: unassigned, or to one member picked from a search (the access-until
 * fields and the bulk deactivation). `exceptUserId`: never offered as the one receiving them.
 */
export function HeirField({
  workspaceId,
  exceptUserId,
  legend,
  value,
  onChange,
}: {
  workspaceId: string;
  exceptUserId: string | null;
  legend: string;
  value: HeirValue;
  onChange: (v: HeirValue) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState("");
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);
  useEffect(() => {
    if (!value.handOver) return;
    let live = true;
    getHandoverTargets(workspaceId, { q: search, exceptUserId }).then((result) => {
      if (live && result.ok) setCandidates(result.data.candidates);
    });
    return () => {
      live = false;
    };
  }, [workspaceId, exceptUserId, search, value.handOver]);

  return (
    <div className="grid gap-2" role="radiogroup" aria-label={legend}>
      <span className="text-sm text-gray-700">{legend}</span>
      {([false, true] as const).map((handOver) => (
        <label key={String(handOver)} className="flex cursor-pointer items-center gap-3">
          <input
            type="radio"
            name={`${id}-handover`}
            checked={value.handOver === handOver}
            onChange={() => onChange({ ...value, handOver })}
            className="size-4 border-gray-300 text-brand-600 focus:ring-brand-500"
          />
          <span className="text-gray-800">
            {handOver ? t("users.accessUntil.reassign") : t("users.accessUntil.unassign")}
          </span>
        </label>
      ))}
      {value.handOver ? (
        <MemberPicker
          id={id}
          query={query}
          onQuery={setQuery}
          candidates={candidates}
          picked={value.heir ? [value.heir] : []}
          multiple={false}
          onPick={(picked) => onChange({ ...value, heir: picked[0] ?? null })}
          error={null}
        />
      ) : null}
    </div>
  );
}
