"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { fieldErrorText } from "@/app/components/field-error";
import { buttonClass, inputClass, tableBoxClass, thClass } from "@/app/components/styles";
import { useI18n } from "@/lib/i18n/client";
import type { SsoDomainView } from "@/lib/services/sso-settings";
import { ssoDomainSchema, type SsoDomainInput } from "@/lib/validation/sso";
import { addSsoDomainAction, removeSsoDomainAction, setSsoRequiredAction, verifySsoDomainAction } from "./actions";

type Status = { kind: "ok" | "error"; text: string } | null;

export function SsoDomains({ orgId, domains }: { orgId: string; domains: SsoDomainView[] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  // The switch moves at once; it moves back if the change is refused.
  const [required, setRequired] = useState<Record<string, boolean>>({});
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<SsoDomainInput, unknown, z.output<typeof ssoDomainSchema>>({
    resolver: zodResolver(ssoDomainSchema),
    defaultValues: { domain: "" },
  });
  const add = handleSubmit(async (values) => {
    setStatus(null);
    const result = await addSsoDomainAction(orgId, values);
    if (!result.ok) {
      const message = result.fieldErrors?.domain;
      if (message) setError("domain", { type: "server", message }, { shouldFocus: true });
      else setStatus({ kind: "error", text: result.message });
      return;
    }
    reset({ domain: "" });
    setStatus({ kind: "ok", text: t("org.sso.added", { domain: "\u2066" + result.data.domain + "\u2069" }) });
    router.refresh();
  });
  const act = (run: () => Promise<{ ok: true } | { ok: false; message: string }>, okText: string, undo?: () => void) =>
    startTransition(async () => {
      setStatus(null);
      const result = await run();
      setStatus(result.ok ? { kind: "ok", text: okText } : { kind: "error", text: result.message });
      if (result.ok) router.refresh();
      else undo?.();
    });
  const ltr = (d: string) => "\u2066" + d + "\u2069";
  const error = fieldErrorText(t, errors.domain);
  return (
    <div className="mt-4 grid gap-4">
      {domains.length === 0 ? (
        <p className="text-sm text-gray-600">{t("org.sso.noDomains")}</p>
      ) : (
        <div className={tableBoxClass}>
          <table className="w-full text-sm" data-testid="sso-domains">
            <caption className="sr-only">{t("org.sso.domainsCaption")}</caption>
            <thead className="bg-gray-50">
              <tr>
                <th scope="col" className={thClass}>
                  {t("org.sso.domainLabel")}
                </th>
                <th scope="col" className={thClass}>
                  {t("org.sso.status")}
                </th>
                <th scope="col" className={thClass}>
                  {t("org.sso.actions")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {domains.map((d) => (
                <tr key={d.id} data-testid="sso-domain-row" data-domain={d.domain}>
                  <td className="px-4 py-3 align-top">
                    <bdi dir="ltr" className="font-medium text-gray-900">
                      {d.domain}
                    </bdi>
                    {d.verified ? null : (
                      <p className="mt-1 text-xs text-gray-600">
                        {t("org.sso.record")}:{" "}
                        <code dir="ltr" className="rounded bg-gray-100 px-1 break-all" data-testid="sso-record">
                          {d.record}
                        </code>
                      </p>
                    )}
                  </td>
                  <td className="px-4 py-3 align-top">
                    <span className={d.verified ? "text-emerald-700" : "text-amber-700"}>
                      {d.verified ? t("org.sso.verifiedStatus") : t("org.sso.unverifiedStatus")}
                    </span>
                    {d.verified ? (
                      <label className="mt-2 flex items-center gap-2">
                        <input
                          type="checkbox"
                          className="size-4"
                          checked={required[d.id] ?? d.requireSso}
                          disabled={pending}
                          aria-label={t("org.sso.requireLabel", { domain: d.domain })}
                          data-testid="sso-require"
                          onChange={(e) => {
                            const on = e.target.checked;
                            setRequired((r) => ({ ...r, [d.id]: on }));
                            act(
                              () => setSsoRequiredAction(orgId, { domainId: d.id, required: on }),
                              t(on ? "org.sso.requiredOn" : "org.sso.requiredOff", { domain: ltr(d.domain) }),
                              () => setRequired((r) => ({ ...r, [d.id]: !on })),
                            );
                          }}
                        />
                        <span>{t("org.sso.require")}</span>
                      </label>
                    ) : null}
                    {d.verified ? <p className="mt-1 text-xs text-gray-500">{t("org.sso.requireHint")}</p> : null}
                  </td>
                  <td className="px-4 py-3 align-top">
                    <div className="flex flex-wrap gap-2">
                      {d.verified ? null : (
                        <button
                          type="button"
                          disabled={pending}
                          className={buttonClass("secondary", "sm")}
                          aria-label={t("org.sso.verifyLabel", { domain: d.domain })}
                          data-testid="sso-verify"
                          onClick={() =>
                            act(
                              () => verifySsoDomainAction(orgId, { domainId: d.id }),
                              t("org.sso.verifiedNotice", { domain: ltr(d.domain) }),
                            )
                          }
                        >
                          {t("org.sso.verify")}
                        </button>
                      )}
                      <button
                        type="button"
                        disabled={pending}
                        className={buttonClass("ghost", "sm")}
                        aria-label={t("org.sso.removeLabel", { domain: d.domain })}
                        data-testid="sso-remove"
                        onClick={() =>
                          act(
                            () => removeSsoDomainAction(orgId, { domainId: d.id }),
                            t("org.sso.removed", { domain: ltr(d.domain) }),
                          )
                        }
                      >
                        {t("org.sso.remove")}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={add} noValidate className="flex flex-wrap items-end gap-3" data-testid="sso-domain-form">
        <div className="min-w-60 flex-1">
          <label htmlFor="sso-domain" className="block text-sm font-medium text-gray-800">
            {t("org.sso.domainLabel")}
          </label>
          <input
            id="sso-domain"
            type="text"
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            placeholder="example.com"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "sso-domain-error" : undefined}
            className={inputClass}
            {...register("domain")}
          />
          {error ? (
            <p id="sso-domain-error" role="alert" className="mt-1 text-sm text-red-600">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={isSubmitting} className={buttonClass("secondary")} data-testid="add-sso-domain">
          {t("org.sso.addDomain")}
        </button>
      </form>
      <div role="status" aria-live="polite" className="text-sm empty:hidden" data-testid="sso-domains-status">
        {status ? <p className={status.kind === "ok" ? "text-emerald-700" : "text-red-700"}>{status.text}</p> : null}
      </div>
    </div>
  );
}
