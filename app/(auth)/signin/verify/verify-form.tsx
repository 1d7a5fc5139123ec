"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { buttonClass, inputClass } from "@/app/components/styles";
import { useI18n } from "@/lib/i18n/client";
import { translateKey } from "@/lib/i18n/translate";
import { twoFactorCodeSchema, type TwoFactorCodeInput } from "@/lib/validation/two-factor";
import { verifySecondFactorAction } from "./actions";

type Kind = "app" | "recovery";

/** One code field; "app" asks for the 6 digits, "recovery" for a recovery code. */
export function VerifyForm({ callbackUrl }: { callbackUrl: string }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>("app");
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<TwoFactorCodeInput>({ resolver: zodResolver(twoFactorCodeSchema), defaultValues: { code: "" } });

  const onSubmit = handleSubmit(async ({ code }) => {
    setFormError(null);
    const result = await verifySecondFactorAction({ code, callbackUrl });
    if (result.ok) {
      // A full navigation: the next page renders with the session now passed.
      window.location.assign(result.data.redirectTo);
      return;
    }
    setFormError(result.message);
  });

  const switchTo = (next: Kind) => {
    setKind(next);
    setFormError(null);
    reset({ code: "" });
  };
  const fieldError = errors.code
    ? translateKey(t, `errors.${errors.code.message}`, "errors.twoFactor.codeFormat")
    : null;
  const error = fieldError ?? formError;

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <div>
        <label htmlFor="verify-code" className="block font-medium text-gray-800">
          {kind === "app" ? t("auth.verify.appCode") : t("auth.verify.recoveryCode")}
        </label>
        <p id="verify-code-hint" className="mt-1 text-sm text-gray-600">
          {kind === "app" ? t("auth.verify.appHint") : t("auth.verify.recoveryHint")}
        </p>
        <input
          key={kind}
          id="verify-code"
          type="text"
          dir="ltr"
          autoFocus
          autoComplete="one-time-code"
          inputMode={kind === "app" ? "numeric" : "text"}
          maxLength={32}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "verify-code-hint verify-code-error" : "verify-code-hint"}
          className={`${inputClass} mt-2 text-start font-mono tracking-widest rtl:text-right`}
          {...register("code")}
        />
        {error ? (
          <p id="verify-code-error" role="alert" className="mt-1.5 text-red-600">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={isSubmitting} className={buttonClass("primary", "lg")}>
        {isSubmitting ? t("auth.verify.checking") : t("auth.verify.submit")}
      </button>
      <button
        type="button"
        className="block text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
        onClick={() => switchTo(kind === "app" ? "recovery" : "app")}
      >
        {kind === "app" ? t("auth.verify.useRecovery") : t("auth.verify.useApp")}
      </button>
    </form>
  );
}
