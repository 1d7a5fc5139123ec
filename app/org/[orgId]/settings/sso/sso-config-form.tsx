"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { fieldErrorText } from "@/app/components/field-error";
import { buttonClass, inputClass } from "@/app/components/styles";
import { useI18n } from "@/lib/i18n/client";
import type { SsoSettingsView } from "@/lib/services/sso-settings";
import { ssoConfigSchema, type SsoConfigInput } from "@/lib/validation/sso";
import { saveSsoConfigAction } from "./actions";

type Field = "issuer" | "clientId" | "clientSecret" | "defaultWorkspaceId" | "defaultRole";
const FIELDS: Field[] = ["issuer", "clientId", "clientSecret", "defaultWorkspaceId", "defaultRole"];

export function SsoConfigForm({
  orgId,
  config,
  workspaces,
  disabled,
}: {
  orgId: string;
  config: SsoSettingsView["config"];
  workspaces: { id: string; name: string }[];
  disabled: boolean;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    resetField,
    formState: { errors, isSubmitting },
  } = useForm<SsoConfigInput, unknown, z.output<typeof ssoConfigSchema>>({
    resolver: zodResolver(ssoConfigSchema),
    defaultValues: {
      issuer: config?.issuer ?? "",
      clientId: config?.clientId ?? "",
      clientSecret: "",
      enabled: config?.enabled ?? false,
      defaultWorkspaceId: config?.defaultWorkspaceId ?? "",
      defaultRole: config?.defaultRole ?? "",
    },
  });
  const submit = handleSubmit(async (values) => {
    setStatus(null);
    const result = await saveSsoConfigAction(orgId, values);
    if (!result.ok) {
      let focused = false;
      for (const f of FIELDS) {
        const message = result.fieldErrors?.[f];
        if (!message) continue;
        setError(f, { type: "server", message }, { shouldFocus: !focused });
        focused = true;
      }
      if (!focused) setStatus({ kind: "error", text: result.message });
      return;
    }
    resetField("clientSecret");
    setStatus({ kind: "ok", text: t("org.sso.saved") });
    router.refresh();
  });
  const field = (name: Field, label: string, input: React.ReactNode, hint?: string) => {
    const error = fieldErrorText(t, errors[name]);
    return (
      <div>
        <label htmlFor={`sso-${name}`} className="block text-sm font-medium text-gray-800">
          {label}
        </label>
        {hint ? (
          <p id={`sso-${name}-hint`} className="mt-1 text-sm text-gray-600">
            {hint}
          </p>
        ) : null}
        {input}
        {error ? (
          <p id={`sso-${name}-error`} role="alert" className="mt-1 text-sm text-red-600">
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  const aria = (name: Field, hint?: boolean) => ({
    id: `sso-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby":
      [hint ? `sso-${name}-hint` : "", errors[name] ? `sso-${name}-error` : ""].filter(Boolean).join(" ") || undefined,
  });
  return (
    <form onSubmit={submit} noValidate className="mt-5 grid gap-4" data-testid="sso-config-form">
      <fieldset disabled={disabled} className="grid gap-4 disabled:opacity-60">
        {field(
          "issuer",
          t("org.sso.issuer"),
          <input
            type="url"
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            className={inputClass}
            {...aria("issuer", true)}
            {...register("issuer")}
          />,
          t("org.sso.issuerHint"),
        )}
        {field(
          "clientId",
          t("org.sso.clientId"),
          <input
            type="text"
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            className={inputClass}
            {...aria("clientId")}
            {...register("clientId")}
          />,
        )}
        {field(
          "clientSecret",
          t("org.sso.clientSecret"),
          <input
            type="password"
            dir="ltr"
            autoComplete="new-password"
            className={inputClass}
            {...aria("clientSecret", true)}
            {...register("clientSecret")}
          />,
          config?.secretSet ? t("org.sso.secretSet") : t("org.sso.secretNotSet"),
        )}
        <label className="flex items-center gap-2 text-sm font-medium text-gray-800">
          <input type="checkbox" className="size-4" data-testid="sso-enabled" {...register("enabled")} />
          {t("org.sso.enabled")}
        </label>
        <fieldset className="grid gap-3 rounded-lg border border-gray-200 p-4">
          <legend className="px-1 text-sm font-semibold text-gray-800">{t("org.sso.defaultsTitle")}</legend>
          <p className="text-sm text-gray-600">{t("org.sso.defaultsLead")}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            {field(
              "defaultWorkspaceId",
              t("org.sso.defaultWorkspace"),
              <select className={inputClass} {...aria("defaultWorkspaceId")} {...register("defaultWorkspaceId")}>
                <option value="">{t("org.sso.defaultNone")}</option>
                {workspaces.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}
                  </option>
                ))}
              </select>,
            )}
            {field(
              "defaultRole",
              t("org.sso.defaultRole"),
              <select className={inputClass} {...aria("defaultRole")} {...register("defaultRole")}>
                <option value="">{t("org.sso.roleNone")}</option>
                <option value="manager">{t("org.sso.roles.manager")}</option>
                <option value="agent">{t("org.sso.roles.agent")}</option>
              </select>,
            )}
          </div>
        </fieldset>
        <div>
          <button type="submit" disabled={isSubmitting} className={buttonClass()} data-testid="save-sso">
            {isSubmitting ? t("settings.saving") : t("org.sso.save")}
          </button>
        </div>
      </fieldset>
      <div role="status" aria-live="polite" className="text-sm empty:hidden" data-testid="sso-config-status">
        {status ? <p className={status.kind === "ok" ? "text-emerald-700" : "text-red-700"}>{status.text}</p> : null}
      </div>
    </form>
  );
}
