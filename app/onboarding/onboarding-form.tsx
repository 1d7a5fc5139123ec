"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useSession } from "next-auth/react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { fieldErrorText } from "@/app/components/field-error";
import { useI18n } from "@/lib/i18n/client";
import { NAME_MAX, onboardingSchema, type OnboardingInput, type OnboardingValues } from "@/lib/validation/onboarding";
import { createWorkspace } from "./actions";
import { buttonClass, inputClass } from "@/app/components/styles";

const FIELDS = [
  {
    name: "organizationName",
    label: "onboarding.organizationName",
    hint: "onboarding.organizationHint",
    placeholder: "onboarding.organizationPlaceholder",
    autoComplete: "organization",
  },
  {
    name: "workspaceName",
    label: "onboarding.workspaceName",
    hint: "onboarding.workspaceHint",
    placeholder: "onboarding.workspacePlaceholder",
    autoComplete: "off",
  },
] as const;

export function OnboardingForm() {
  const { t } = useI18n();
  const router = useRouter();
  const { update } = useSession();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<OnboardingInput, unknown, OnboardingValues>({
    resolver: zodResolver(onboardingSchema),
    defaultValues: { organizationName: "", workspaceName: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await createWorkspace(values);
    if (!result.ok) {
      if (result.code === "conflict") {
        // Already has a workspace (another tab, a double submit): open it.
        setFormError(result.message);
        router.replace("/");
        return;
      }
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
        if (field === "organizationName" || field === "workspaceName") setError(field, { type: "server", message });
      }
      setFormError(result.message);
      return;
    }
    setDone(true);
    // The session token's claims list the user's workspaces: refresh them before navigating.
    await update();
    router.push(`/w/${result.data.workspaceId}`);
  });

  const busy = isSubmitting || done;
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-5">
      {FIELDS.map((field) => {
        const error = fieldErrorText(t, errors[field.name], { max: NAME_MAX });
        const id = `onboarding-${field.name}`;
        return (
          <div key={field.name}>
            <label htmlFor={id} className="block text-sm font-medium text-gray-800">
              {t(field.label)}
            </label>
            <input
              id={id}
              type="text"
              dir="auto"
              autoComplete={field.autoComplete}
              placeholder={t(field.placeholder)}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
              className={inputClass}
              {...register(field.name)}
            />
            <p id={`${id}-hint`} className="mt-1 text-xs text-gray-500">
              {t(field.hint)}
            </p>
            {error ? (
              <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <p className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700">{t("onboarding.roleNote")}</p>
      {formError ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {formError}
        </p>
      ) : null}
      <button type="submit" disabled={busy} className={buttonClass("primary", "lg")}>
        {busy ? t("onboarding.submitting") : t("onboarding.submit")}
      </button>
    </form>
  );
}
