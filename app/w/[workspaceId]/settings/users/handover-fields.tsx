"use client";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { cx, inputClass } from "@/app/components/styles";

export interface Candidate {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
}

export interface PreviewShare {
  userId: string;
  name: string | null;
  email: string;
  held: number;
  receives: number;
}

/**
 * A searchable list of members: one is picked (radios) or several (checkboxes). The picked ones
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
            <span className="shrink-0 text-xs text-gray-500">{t(`common.roles.${c.role}`)}</span>
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

/** The distribution's preview: who receives how many, beside what they hold now. */
export function HandoverPreview({ shares }: { shares: PreviewShare[] | null }) {
  const { t, locale } = useI18n();
  const formatNumber = (n: number) => new Intl.NumberFormat(locale).format(n);
  if (!shares) return <p className="text-sm text-gray-600">{t("users.revokeDialog.previewLoading")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200">
      <table className="w-full text-sm" data-testid="handover-preview">
        <caption className="px-3 pt-2 text-start font-medium text-gray-800">{t("users.revokeDialog.preview")}</caption>
        <thead>
          <tr className="text-xs text-gray-500">
            <th scope="col" className="px-3 py-1.5 text-start font-medium">
              {t("users.revokeDialog.colMember")}
            </th>
            <th scope="col" className="px-3 py-1.5 text-end font-medium">
              {t("users.revokeDialog.colHolds")}
            </th>
            <th scope="col" className="px-3 py-1.5 text-end font-medium">
              {t("users.revokeDialog.colReceives")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {shares.map((s) => (
            <tr key={s.userId}>
              <td className="max-w-48 truncate px-3 py-1.5 text-gray-900" dir="auto">
                {s.name || s.email}
              </td>
              <td className="px-3 py-1.5 text-end text-gray-600 tabular-nums">{formatNumber(s.held)}</td>
              <td className="px-3 py-1.5 text-end font-medium text-gray-900 tabular-nums">
                +{formatNumber(s.receives)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
