"use client";
import { useId, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import { formatDate } from "@/app/components/time-format";
import { useHydrated } from "@/app/components/use-hydrated";
import { inputClass } from "@/app/components/styles";
import { HeirField, heirId, type HeirValue } from "./heir-field";

/** An end of access as the list carries it (docs/PRODUCT.md, Access until a date). */
export interface AccessUntilItem {
  at: string;
  reassignTo: { id: string; name: string | null; email: string } | null;
}

/** The form's state: a calendar day in the viewer's zone ("" = none) and the hand-over then. */
export interface AccessUntilValue extends HeirValue {
  date: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export function untilValue(item: AccessUntilItem | null): AccessUntilValue {
  if (!item) return { date: "", handOver: false, heir: null };
  const heir = item.reassignTo
    ? { userId: item.reassignTo.id, name: item.reassignTo.name, email: item.reassignTo.email }
    : null;
  return { date: localDay(new Date(item.at)), handOver: heir !== null, heir };
}

/**
 * What the action receives: the end of the chosen day in the viewer's time zone (the server decides whether it is
 * still in the future by its database's clock), or null to remove the date.
 */
export function untilPayload(v: AccessUntilValue): { at: string; reassignTo: string | null } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.date);
  if (!m) return null;
  const end = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999);
  return { at: end.toISOString(), reassignTo: heirId(v) };
}

export const sameUntil = (a: AccessUntilValue, b: AccessUntilValue) =>
  a.date === b.date && (a.date === "" || (a.handOver === b.handOver && a.heir?.userId === b.heir?.userId));

/** "Access until 12 Jan 2027" in the reader's language and zone (UTC until hydrated). */
export function AccessUntilNote({ item }: { item: AccessUntilItem }) {
  const { t, locale } = useI18n();
  const hydrated = useHydrated();
  const date = formatDate(locale, Date.parse(item.at), { dateStyle: "medium" }, hydrated);
  return (
    <time dateTime={item.at} className="block text-xs font-medium text-violet-700" data-testid="access-until">
      {t("users.accessUntil.note", { date })}
    </time>
  );
}

/**
 * The optional end date and what happens to the member's contacts then (unassigned, or to one member picked from
 * a search). `exceptUserId`: the member whose access ends, never offered as the one receiving them.
 */
export function AccessUntilFields({
  workspaceId,
  exceptUserId,
  value,
  onChange,
  error,
}: {
  workspaceId: string;
  exceptUserId: string | null;
  value: AccessUntilValue;
  onChange: (v: AccessUntilValue) => void;
  error: string | null;
}) {
  const { t } = useI18n();
  const id = useId();
  // The end of today is still ahead, so today is the first day offered (the server checks by its own clock).
  const [today] = useState(() => localDay(new Date()));

  return (
    <fieldset className="grid gap-3 rounded-lg border border-gray-200 p-4" data-testid="access-until-fields">
      <legend className="px-1 text-sm font-medium text-gray-800">{t("users.accessUntil.legend")}</legend>
      <div>
        <label htmlFor={`${id}-date`} className="block text-sm text-gray-700">
          {t("users.accessUntil.date")}
        </label>
        <div className="flex items-center gap-3">
          <input
            id={`${id}-date`}
            type="date"
            value={value.date}
            min={today}
            onChange={(e) => onChange({ ...value, date: e.target.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
            className={`${inputClass} max-w-48`}
            data-testid="access-until-date"
          />
          {value.date ? (
            <button
              type="button"
              onClick={() => onChange({ ...value, date: "" })}
              className="text-sm font-semibold text-brand-600 hover:underline"
            >
              {t("users.accessUntil.clear")}
            </button>
          ) : null}
        </div>
        <p id={`${id}-hint`} className="mt-1 text-xs text-gray-500">
          {t("users.accessUntil.hint")}
        </p>
        {error ? (
          <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600">
            {error}
          </p>
        ) : null}
      </div>
      {value.date ? (
        <HeirField
          workspaceId={workspaceId}
          exceptUserId={exceptUserId}
          legend={t("users.accessUntil.handover")}
          value={{ handOver: value.handOver, heir: value.heir }}
          onChange={(v) => onChange({ ...value, ...v })}
        />
      ) : null}
    </fieldset>
  );
}
