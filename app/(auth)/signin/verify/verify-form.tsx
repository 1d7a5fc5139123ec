"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { buttonClass, inputClass } from "@/app/components/styles";
import { useI18n } from "@/lib/i18n/client";
import { translateKey } from "@/lib/i18n/translate";
import { twoFactorCodeSchema, type TwoFactorCodeInput } from "@/lib/validation/two-factor";
import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import { beginPasskeySignInAction, verifyPasskeyAction, verifySecondFactorAction } from "./actions";

type Kind = "app" | "recovery";

/** "Use a passkey": a challenge from the server, the browser's passkey prompt, the server's check. */
function PasskeyButton({ callbackUrl }: { callbackUrl: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const use = async () => {
    setError(null);
    if (!browserSupportsWebAuthn()) return setError(t("errors.passkey.unsupported"));
    setBusy(true);
    try {
      const options = await beginPasskeySignInAction({});
      if (!options.ok) return setError(options.message);
      let response;
      try {
        response = await startAuthentication({ optionsJSON: options.data });
      } catch {
        return setError(t("errors.passkey.cancelled"));
      }
      const result = await verifyPasskeyAction({ response, callbackUrl });
      if (!result.ok) return setError(result.message);
      window.location.assign(result.data.redirectTo);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mt-6 grid gap-2">
      <button type="button" disabled={busy} className={buttonClass("primary", "lg")} onClick={use}>
        {busy ? t("auth.verify.passkeyWaiting") : t("auth.verify.usePasskey")}
      </button>
      {error ? (
        <p role="alert" className="text-red-600" data-testid="passkey-error">
          {error}
        </p>
      ) : null}
      <p className="mt-2 text-sm text-gray-600">{t("auth.verify.or")}</p>
    </div>
  );
}

/** One code field; "app" asks for the 6 digits, "recovery" for a recovery code. */
export function VerifyForm({ callbackUrl, passkey = false }: { callbackUrl: string; passkey?: boolean }) {
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
    <>
      {passkey ? <PasskeyButton callbackUrl={callbackUrl} /> : null}
      <form onSubmit={onSubmit} noValidate className={`${passkey ? "mt-2" : "mt-6"} space-y-4`}>
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
        <button type="submit" disabled={isSubmitting} className={buttonClass(passkey ? "secondary" : "primary", "lg")}>
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
    </>
  );
}
