"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { buttonClass } from "@/app/components/styles";
import { useI18n } from "@/lib/i18n/client";
import { saveTwoFactorPolicyAction } from "./actions";

export function TwoFactorPolicyForm({ orgId, initial }: { orgId: string; initial: boolean }) {
  const { t } = useI18n();
  const router = useRouter();
  const [required, setRequired] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setSaving(true);
    const result = await saveTwoFactorPolicyAction(orgId, { required });
    setSaving(false);
    if (!result.ok) return setStatus({ kind: "error", text: result.fieldErrors?.required ?? result.message });
    setStatus({ kind: "ok", text: t(result.data.required ? "org.twoStep.savedOn" : "org.twoStep.savedOff") });
    router.refresh();
  };
  return (
    <form onSubmit={submit} noValidate className="mt-5 grid gap-3" data-testid="two-factor-policy-form">
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          checked={required}
          onChange={(e) => setRequired(e.target.checked)}
          aria-describedby="two-factor-policy-hint"
          className="mt-1 size-4 rounded border-gray-300"
        />
        <span>
          <span className="block font-medium text-gray-900">{t("org.twoStep.label")}</span>
          <span id="two-factor-policy-hint" className="block text-sm text-gray-600">
            {t("org.twoStep.hint")}
          </span>
        </span>
      </label>
      <div>
        <button type="submit" disabled={saving} className={buttonClass()} data-testid="save-two-factor-policy">
          {saving ? t("settings.saving") : t("org.twoStep.save")}
        </button>
      </div>
      <div role="status" aria-live="polite" className="text-sm empty:hidden">
        {status ? <p className={status.kind === "ok" ? "text-emerald-700" : "text-red-700"}>{status.text}</p> : null}
      </div>
    </form>
  );
}
