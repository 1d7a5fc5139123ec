"use client";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { cx, inputClass } from "@/app/components/styles";

export interface Candidate {
  userId: string;
  name: string | null;
  email: string;
  /** Shown beside the name when known. */
  role?: Role;
}

/** Keep the chosen member visible even when a later search does not match them. */
export const withChosen = (list: Candidate[], chosen: Candidate | null) =>
  chosen && !list.some((c) => c.userId === chosen.userId) ? [chosen, ...list] : list;

/**
 * A searchable list of members to hand contacts to, one chosen (revoke, deactivate, the end of access). The caller
 * loads `candidates` for `query` (debounced) and keeps the choice.
 */
export function MemberPicker({
  id,
  query,
  onQuery,
  candidates,
  chosen,
  onChoose,
  error,
}: {
  id: string;
  query: string;
  onQuery: (q: string) => void;
  candidates: Candidate[] | null;
  chosen: Candidate | null;
  onChoose: (c: Candidate) => void;
  error: string | null;
}) {
  const { t } = useI18n();
  return (
    <fieldset id={`${id}-picker`} className="grid gap-2" aria-describedby={error ? `${id}-pick-error` : undefined}>
      <legend className="text-sm font-medium text-gray-800">{t("users.revokeDialog.member")}</legend>
      <label htmlFor={`${id}-search`} className="sr-only">
        {t("users.revokeDialog.searchMembers")}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        placeholder={t("users.revokeDialog.searchMembers")}
        autoComplete="off"
        className={`${inputClass} mt-0`}
      />
      <div className="max-h-52 overflow-y-auto rounded-lg border border-gray-200">
        {candidates && candidates.length === 0 ? (
          <p className="px-3 py-2 text-gray-500">{t("users.revokeDialog.noCandidates")}</p>
        ) : null}
        {withChosen(candidates ?? [], chosen).map((c) => (
          <label
            key={c.userId}
            className={cx(
              "flex cursor-pointer items-center gap-3 px-3 py-2 hover:bg-gray-50",
              chosen?.userId === c.userId ? "bg-brand-50" : "",
            )}
          >
            <input
              type="radio"
              name={`${id}-heir`}
              value={c.userId}
              checked={chosen?.userId === c.userId}
              onChange={() => onChoose(c)}
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
            {c.role ? <span className="shrink-0 text-xs text-gray-500">{t(`common.roles.${c.role}`)}</span> : null}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-pick-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
