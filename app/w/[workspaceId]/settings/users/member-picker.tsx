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

/**
 * A searchable list of members to hand contacts to (revoke, deactivate, the end of access): one is
 * picked (radios) or several (checkboxes). The caller loads `candidates` for `query` (debounced). The picked ones
 * stay listed even when a later search does not match them.
 */
export function MemberPicker({
  id,
  query,
  onQuery,
  candidates,
  picked,
  multiple,
  onPick,
  error,
}: {
  id: string;
  query: string;
  onQuery: (q: string) => void;
  candidates: Candidate[] | null;
  picked: Candidate[];
  multiple: boolean;
  onPick: (picked: Candidate[]) => void;
  error: string | null;
}) {
  const { t } = useI18n();
  const isPicked = (c: Candidate) => picked.some((p) => p.userId === c.userId);
  const listed = [
    ...picked.filter((p) => !(candidates ?? []).some((c) => c.userId === p.userId)),
    ...(candidates ?? []),
  ];
  const toggle = (c: Candidate) =>
    onPick(!multiple ? [c] : isPicked(c) ? picked.filter((p) => p.userId !== c.userId) : [...picked, c]);
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
        {listed.map((c) => (
          <label
            key={c.userId}
            className={cx(
              "flex cursor-pointer items-center gap-3 px-3 py-2 hover:bg-gray-50",
              isPicked(c) ? "bg-brand-50" : "",
            )}
          >
            <input
              type={multiple ? "checkbox" : "radio"}
              name={`${id}-heir`}
              value={c.userId}
              checked={isPicked(c)}
              onChange={() => toggle(c)}
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
