"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useSession } from "next-auth/react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { fieldErrorText } from "@/app/components/field-error";
import { useI18n } from "@/lib/i18n/client";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { profileSchema, type ProfileInput, type ProfileValues } from "@/lib/validation/account";
import { NAME_MAX } from "@/lib/validation/onboarding";
import { saveProfile } from "./actions";
import { buttonClass, inputClass } from "@/app/components/styles";

/** Display name and language. A new language is applied at once: session refresh + re-render. */
export function AccountForm({ email, defaults }: { email: string; defaults: { name: string; locale: Locale } }) {
  const { t } = useI18n();
  const router = useRouter();
  const { update } = useSession();
  const [status, setStatus] = useState<{ kind: "saved" } | { kind: "error"; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ProfileInput, unknown, ProfileValues>({ resolver: zodResolver(profileSchema), defaultValues: defaults });

  const onSubmit = handleSubmit(async (values) => {
    setStatus(null);
    const result = await saveProfile(values);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
        if (field === "name" || field === "locale") setError(field, { type: "server", message });
      }
      setStatus({ kind: "error", text: result.message });
      return;
    }
    reset(values);
    // The token carries the language (and the name): refresh it, then re-render in the new language.
    await update();
    router.refresh();
    setStatus({ kind: "saved" });
  });

  const nameError = fieldErrorText(t, errors.name, { max: NAME_MAX });
  const localeError = fieldErrorText(t, errors.locale);
  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 space-y-5">
      <div>
        <label htmlFor="account-name" className="block text-sm font-medium text-gray-800">
          {t("account.profile.name")}
        </label>
        <input
          id="account-name"
          type="text"
          dir="auto"
          autoComplete="name"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? "account-name-hint account-name-error" : "account-name-hint"}
          className={inputClass}
          {...register("name")}
        />
        <p id="account-name-hint" className="mt-1 text-xs text-gray-500">
          {t("account.profile.nameHint")}
        </p>
        {nameError ? (
          <p id="account-name-error" role="alert" className="mt-1 text-sm text-red-600">
            {nameError}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="account-email" className="block text-sm font-medium text-gray-800">
          {t("account.profile.email")}
        </label>
        <input
          id="account-email"
          type="email"
          dir="ltr"
          value={email}
          readOnly
          aria-describedby="account-email-hint"
          className={`${inputClass} bg-gray-50 text-gray-600`}
        />
        <p id="account-email-hint" className="mt-1 text-xs text-gray-500">
          {t("account.profile.emailHint")}
        </p>
      </div>
      <div>
        <label htmlFor="account-locale" className="block text-sm font-medium text-gray-800">
          {t("account.profile.language")}
        </label>
        <select
          id="account-locale"
          aria-describedby="account-locale-hint"
          className={`${inputClass} sm:max-w-xs`}
          {...register("locale")}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`common.languages.${l}`)}
            </option>
          ))}
        </select>
        <p id="account-locale-hint" className="mt-1 text-xs text-gray-500">
          {t("account.profile.languageHint")}
        </p>
        {localeError ? (
          <p role="alert" className="mt-1 text-sm text-red-600">
            {localeError}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={isSubmitting} className={buttonClass()}>
          {isSubmitting ? t("account.profile.saving") : t("account.profile.save")}
        </button>
        {status ? (
          <p role="status" className={`text-sm ${status.kind === "saved" ? "text-emerald-700" : "text-red-600"}`}>
            {/* "saved" is a key so it shows in the new language after the refresh. */}
            {status.kind === "saved" ? t("account.profile.saved") : status.text}
          </p>
        ) : null}
      </div>
    </form>
  );
}
