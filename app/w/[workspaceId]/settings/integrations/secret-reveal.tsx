"use client";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import { buttonClass, cx } from "@/app/components/styles";

/** The signing secret, shown this once, with a copy button. */
export function SecretReveal({ secret }: { secret: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 p-4" data-testid="webhook-secret">
      <p className="text-sm font-medium text-amber-900">{t("settings.webhooks.secretOnce")}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code
          dir="ltr"
          className={cx(
            "min-w-0 flex-1 rounded-md border border-amber-200 bg-white",
            "px-3 py-2 font-mono text-sm break-all text-gray-900",
          )}
          data-testid="webhook-secret-value"
        >
          {secret}
        </code>
        <button type="button" onClick={copy} className={buttonClass("secondary")}>
          {copied ? t("settings.webhooks.copied") : t("settings.webhooks.copy")}
        </button>
      </div>
    </div>
  );
}
