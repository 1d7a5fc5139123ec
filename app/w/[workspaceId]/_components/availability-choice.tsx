"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import { cx } from "@/app/components/styles";
import { AVAILABILITIES, type Availability } from "@/lib/validation/availability";
import { setAvailabilityAction } from "../actions";

export interface OwnAvailability {
  availability: Availability;
  /** Away now for the team: set Away, or auto-away (no recent activity). */
  away: boolean;
  autoAwayMinutes: number | null;
}

const DOT: Record<Availability, string> = { available: "bg-emerald-500", away: "bg-amber-500" };

/** The user menu's status choice: Available or Away in this workspace (docs/PRODUCT.md, Availability). */
export function AvailabilityChoice({
  workspaceId,
  value,
  onChange,
}: {
  workspaceId: string;
  value: OwnAvailability;
  onChange: (next: Availability) => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const choose = (next: Availability) => {
    if (next === value.availability) return;
    const previous = value.availability;
    setError(null);
    onChange(next);
    startTransition(async () => {
      const result = await setAvailabilityAction(workspaceId, { availability: next });
      if (!result.ok) {
        onChange(previous);
        setError(result.message || t("shell.availability.failed"));
        return;
      }
      router.refresh();
    });
  };
  const autoAwayNow = value.availability === "available" && value.away;
  return (
    <fieldset className="px-2 pt-1 pb-2" data-testid="availability" aria-busy={pending || undefined}>
      <legend className="px-0 pb-1 text-xs font-medium text-gray-500">{t("shell.availability.heading")}</legend>
      <div className="grid grid-cols-2 gap-1 rounded-lg bg-gray-100 p-1">
        {AVAILABILITIES.map((option) => {
          const checked = value.availability === option;
          return (
            <label
              key={option}
              className={cx(
                "flex cursor-pointer items-center justify-center gap-2 rounded-md px-2 py-1.5 text-sm",
                "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
                checked ? "bg-white font-medium text-gray-900 shadow-sm" : "text-gray-600 hover:text-gray-900",
              )}
            >
              <input
                type="radio"
                name={`availability-${workspaceId}`}
                value={option}
                checked={checked}
                onChange={() => choose(option)}
                className="sr-only"
                data-testid={`availability-${option}`}
              />
              <span aria-hidden="true" className={cx("size-2.5 rounded-full", DOT[option])} />
              {t(`shell.availability.${option}`)}
            </label>
          );
        })}
      </div>
      <p className="mt-2 text-xs text-gray-500">
        {autoAwayNow
          ? t("shell.availability.autoAwayNow")
          : value.availability === "away"
            ? t("shell.availability.awayHint")
            : t("shell.availability.availableHint")}
        {value.autoAwayMinutes && !autoAwayNow
          ? ` ${t("shell.availability.autoAway", { count: value.autoAwayMinutes })}`
          : null}
      </p>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
