"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { fieldErrorText } from "@/app/components/field-error";
import { useI18n } from "@/lib/i18n/client";
import { ipAllowlistSchema, type IpAllowlistInput } from "@/lib/validation/ip-allowlist";
import { buttonClass, inputClass } from "@/app/components/styles";
import { saveIpAllowlistAction } from "./actions";

export function IpAllowlistForm({ orgId, initial }: { orgId: string; initial: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<IpAllowlistInput, unknown, z.output<typeof ipAllowlistSchema>>({
    resolver: zodResolver(ipAllowlistSchema),
    defaultValues: { ranges: initial },
  });
  const submit = handleSubmit(async (values) => {
    setStatus(null);
    const result = await saveIpAllowlistAction(orgId, { ranges: values.ranges.join("\n") });
    if (!result.ok) {
      if (result.fieldErrors?.ranges)
        setError("ranges", { type: "server", message: result.fieldErrors.ranges }, { shouldFocus: true });
      else setStatus({ kind: "error", text: result.message });
      return;
    }
    reset({ ranges: result.data.ranges.join("\n") });
    setStatus({ kind: "ok", text: t("org.network.saved") });
    router.refresh();
  });
  const error = fieldErrorText(t, errors.ranges);
  return (
    <form onSubmit={submit} noValidate className="mt-5 grid gap-3" data-testid="ip-allowlist-form">
      <div>
        <label htmlFor="ip-allowlist" className="block text-sm font-medium text-gray-800">
          {t("org.network.label")}
        </label>
        <p id="ip-allowlist-hint" className="mt-1 text-sm text-gray-600">
          {t("org.network.hint")}
        </p>
        <textarea
          id="ip-allowlist"
          dir="ltr"
          rows={8}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "ip-allowlist-hint ip-allowlist-error" : "ip-allowlist-hint"}
          className={`${inputClass} font-mono`}
          {...register("ranges")}
        />
        {error ? (
          <p id="ip-allowlist-error" role="alert" className="mt-1 text-sm text-red-600">
            {error}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" disabled={isSubmitting} className={buttonClass()} data-testid="save-ip-allowlist">
          {isSubmitting ? t("settings.saving") : t("org.network.save")}
        </button>
      </div>
      <div role="status" aria-live="polite" className="text-sm empty:hidden">
        {status ? <p className={status.kind === "ok" ? "text-emerald-700" : "text-red-700"}>{status.text}</p> : null}
      </div>
    </form>
  );
}
