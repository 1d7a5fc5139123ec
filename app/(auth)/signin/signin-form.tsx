"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useI18n } from "@/lib/i18n/client";
import { translateKey, type MessageKey } from "@/lib/i18n/translate";
import { signInSchema } from "@/lib/validation/signin";
import { sendSignInLink } from "./send-link";
import { buttonClass, inputClass } from "@/app/components/styles";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [formError, setFormError] = useState<MessageKey | null>(null);
  // The address whose domain requires single sign-on: the link is refused, SSO is offered.
  const [ssoEmail, setSsoEmail] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(signInSchema), defaultValues: { email: "" } });

  const onSubmit = handleSubmit(async ({ email }) => {
    setFormError(null);
    setSsoEmail(null);
    const result = await sendSignInLink(email, callbackUrl);
    if (result.ok) {
      router.push(`/signin/check-email?email=${encodeURIComponent(email)}`);
      return;
    }
    if (result.field) setError("email", { message: "email.invalid" }, { shouldFocus: true });
    else setFormError(result.key);
    if (result.sso) setSsoEmail(email);
  });

  const emailError = errors.email ? translateKey(t, `errors.${errors.email.message}`, "errors.email.invalid") : null;

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <div>
        <label htmlFor="signin-email" className="block font-medium text-gray-800">
          {t("auth.signin.email")}
        </label>
        <input
          id="signin-email"
          type="email"
          autoComplete="email"
          inputMode="email"
          dir="ltr"
          autoFocus
          placeholder={t("auth.signin.emailPlaceholder")}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "signin-email-error" : undefined}
          className={`${inputClass} text-start rtl:text-right`}
          {...register("email")}
        />
        {emailError ? (
          <p id="signin-email-error" role="alert" className="mt-1.5 text-red-600">
            {emailError}
          </p>
        ) : null}
      </div>
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-700">
          {t(formError)}
        </p>
      ) : null}
      {ssoEmail ? (
        <a
          href={`/api/sso/start?email=${encodeURIComponent(ssoEmail)}`}
          className={buttonClass("primary", "lg")}
          data-testid="sso-continue"
        >
          {t("auth.signin.ssoContinue")}
        </a>
      ) : null}
      <button type="submit" disabled={isSubmitting} className={buttonClass(ssoEmail ? "secondary" : "primary", "lg")}>
        {isSubmitting ? t("auth.signin.sending") : t("auth.signin.submit")}
      </button>
    </form>
  );
}
