"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/translate";
import { AUTO_AWAY_MAX, AUTO_AWAY_MIN, autoAwaySchema } from "@/lib/validation/availability";
import { buttonClass, inputClass } from "@/app/components/styles";
import { setAutoAwayAction } from "./actions";

const DEFAULT_MINUTES = 10;

/** Settings → General: auto-away after 1–60 minutes without activity, or off (docs/PRODUCT.md, Availability). */
export function AutoAwayForm({ workspaceId, minutes }: { workspaceId: string; minutes: number | null }) {
  const { t } = useI18n();
  const router = useRouter();
  const [saved, setSaved] = useState(minutes);
  const [enabled, setEnabled] = useState(minutes !== null);
  const [text, setText] = useState(String(minutes ?? DEFAULT_MINUTES));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const value = enabled ? (text.trim() === "" ? NaN : Number(text)) : null;
  const dirty = value !== saved;

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const parsed = autoAwaySchema.safeParse({ minutes: value });
    if (!parsed.success) {
      setError(t(`errors.${parsed.error.issues[0]?.message ?? "invalidInput"}` as MessageKey));
      document.getElementById("auto-away-minutes")?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const result = await setAutoAwayAction(workspaceId, parsed.data);
    setBusy(false);
    if (!result.ok) {
      if (result.fieldErrors?.minutes) setError(result.fieldErrors.minutes);
      else setStatus({ kind: "error", text: result.message });
      return;
    }
    setSaved(result.data.minutes);
    setStatus({
      kind: "ok",
      text:
        result.data.minutes === null ? t("settings.general.autoAway.savedOff") : t("settings.general.autoAway.saved"),
    });
    router.refresh();
  };

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4" data-testid="auto-away-form">
      <label className="flex items-start gap-3 text-sm text-gray-800">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
          className="mt-0.5 size-4 rounded border-gray-300"
          data-testid="auto-away-enabled"
        />
        <span>{t("settings.general.autoAway.enabled")}</span>
      </label>
      <div>
        <label htmlFor="auto-away-minutes" className="block text-sm font-medium text-gray-800">
          {t("settings.general.autoAway.minutesLabel")}
        </label>
        <input
          id="auto-away-minutes"
          type="number"
          inputMode="numeric"
          min={AUTO_AWAY_MIN}
          max={AUTO_AWAY_MAX}
          step={1}
          disabled={!enabled}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "auto-away-minutes-error" : "auto-away-minutes-hint"}
          className={`${inputClass} max-w-32 disabled:opacity-60`}
          dir="ltr"
        />
        {error ? (
          <p id="auto-away-minutes-error" role="alert" className="mt-1 text-sm text-red-600">
            {error}
          </p>
        ) : (
          <p id="auto-away-minutes-hint" className="mt-1 text-sm text-gray-500">
            {t("settings.general.autoAway.minutesHint")}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={busy || !dirty} className={buttonClass()} data-testid="auto-away-save">
          {busy ? t("settings.saving") : t("common.save")}
        </button>
        <p
          role="status"
          aria-live="polite"
          className={`text-sm ${status?.kind === "error" ? "text-red-700" : "text-emerald-700"}`}
        >
          {status?.text}
        </p>
      </div>
    </form>
  );
}
