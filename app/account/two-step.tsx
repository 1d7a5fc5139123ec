"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { buttonClass, inputClass } from "@/app/components/styles";
import { useI18n } from "@/lib/i18n/client";
import { translateKey, type MessageKey } from "@/lib/i18n/translate";
import { twoFactorCodeSchema, type TwoFactorCodeInput } from "@/lib/validation/two-factor";
import type { ActionResult } from "@/lib/actions/result";
import {
  beginTotpSetupAction,
  confirmTotpAction,
  regenerateRecoveryCodesAction,
  removeTotpAction,
} from "./two-step-actions";

/** One code field and its button: confirming, regenerating and removing all ask for a code. */
function CodeForm<T>({
  id,
  label,
  hint,
  submit,
  variant = "primary",
  onDone,
  action,
}: {
  id: string;
  label: MessageKey;
  hint: MessageKey;
  submit: MessageKey;
  variant?: "primary" | "secondary" | "danger";
  action: (input: TwoFactorCodeInput) => Promise<ActionResult<T>>;
  onDone: (data: T) => void;
}) {
  const { t } = useI18n();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<TwoFactorCodeInput>({ resolver: zodResolver(twoFactorCodeSchema), defaultValues: { code: "" } });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await action(values);
    if (!result.ok) return setFormError(result.message);
    reset({ code: "" });
    onDone(result.data);
  });
  const fieldError = errors.code
    ? translateKey(t, `errors.${errors.code.message}`, "errors.twoFactor.codeFormat")
    : null;
  const error = fieldError ?? formError;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-2 sm:max-w-sm" data-testid={id}>
      <label htmlFor={`${id}-code`} className="text-sm font-medium text-gray-800">
        {t(label)}
      </label>
      <p id={`${id}-hint`} className="text-sm text-gray-600">
        {t(hint)}
      </p>
      <input
        id={`${id}-code`}
        type="text"
        dir="ltr"
        autoComplete="one-time-code"
        spellCheck={false}
        maxLength={32}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        className={`${inputClass} text-start font-mono tracking-widest rtl:text-right`}
        {...register("code")}
      />
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={isSubmitting} className={buttonClass(variant, "sm")}>
          {isSubmitting ? t("account.twoStep.checking") : t(submit)}
        </button>
      </div>
    </form>
  );
}

/** The ten recovery codes, shown once, left to right in every language. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 p-4" data-testid="recovery-codes">
      <h3 className="font-semibold text-amber-900">{t("account.twoStep.codesTitle")}</h3>
      <p className="mt-1 text-sm text-amber-900">{t("account.twoStep.codesLead")}</p>
      <ul dir="ltr" className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-sm text-gray-900 sm:w-max">
        {codes.map((c) => (
          <li key={c} data-testid="recovery-code">
            {c}
          </li>
        ))}
      </ul>
      <button type="button" className={`${buttonClass("secondary", "sm")} mt-4`} onClick={onDone}>
        {t("account.twoStep.codesSaved")}
      </button>
    </div>
  );
}

export interface TwoStepStatus {
  enabled: boolean;
  /** The user has passkeys (the app is then an extra factor). */
  passkeys?: boolean;
  recoveryCodesLeft: number;
}

/** docs/PRODUCT.md, Your account: "Two-step sign-in" with an authenticator app. */
export function TwoStep({ status }: { status: TwoStepStatus }) {
  const { t } = useI18n();
  const router = useRouter();
  const [setup, setSetup] = useState<{ secret: string; qrDataUrl: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [notice, setNotice] = useState<MessageKey | null>(null);

  const done = (key: MessageKey) => {
    setCodes(null);
    setNotice(key);
    router.refresh();
  };

  if (codes) return <RecoveryCodes codes={codes} onDone={() => done("account.twoStep.codesDone")} />;

  if (!status.enabled && !setup)
    return (
      <div className="grid gap-3">
        <p className="text-sm text-gray-700" data-testid="two-step-state">
          {status.passkeys ? t("account.twoStep.passkeysOnly") : t("account.twoStep.off")}
        </p>
        {error ? (
          <p role="alert" className="text-sm text-red-600">
            {error}
          </p>
        ) : null}
        <div role="status" className="text-sm text-emerald-700 empty:hidden">
          {notice ? t(notice) : null}
        </div>
        <div>
          <button
            type="button"
            disabled={starting}
            className={buttonClass()}
            onClick={async () => {
              setError(null);
              setStarting(true);
              const result = await beginTotpSetupAction({});
              setStarting(false);
              if (result.ok) setSetup(result.data);
              else setError(result.message);
            }}
          >
            {t("account.twoStep.setUp")}
          </button>
        </div>
      </div>
    );

  if (setup)
    return (
      <div className="grid gap-4">
        <ol className="grid list-decimal gap-1 ps-5 text-sm text-gray-700">
          <li>{t("account.twoStep.step1")}</li>
          <li>{t("account.twoStep.step2")}</li>
        </ol>
        <div className="flex flex-wrap items-start gap-6">
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn by the server, shown once */}
          <img
            src={setup.qrDataUrl}
            alt={t("account.twoStep.qrAlt")}
            width={176}
            height={176}
            className="rounded-md border border-gray-200 bg-white"
          />
          <div className="min-w-0">
            <p className="text-sm text-gray-700">{t("account.twoStep.manual")}</p>
            <p
              dir="ltr"
              className="mt-1 font-mono text-sm break-all text-gray-900 select-all"
              data-testid="totp-secret"
            >
              {setup.secret}
            </p>
          </div>
        </div>
        <CodeForm
          id="confirm-totp"
          label="account.twoStep.appCode"
          hint="account.twoStep.confirmHint"
          submit="account.twoStep.confirm"
          action={confirmTotpAction}
          onDone={(data) => {
            setSetup(null);
            setCodes(data.recoveryCodes);
          }}
        />
      </div>
    );

  return (
    <div className="grid gap-6">
      <p className="text-sm text-gray-700" data-testid="two-step-state">
        {t("account.twoStep.on", { count: status.recoveryCodesLeft })}
      </p>
      <div role="status" className="text-sm text-emerald-700 empty:hidden">
        {notice ? t(notice) : null}
      </div>
      <CodeForm
        id="regenerate-codes"
        label="account.twoStep.regenerate"
        hint="account.twoStep.regenerateHint"
        submit="account.twoStep.regenerateSubmit"
        variant="secondary"
        action={regenerateRecoveryCodesAction}
        onDone={(data) => setCodes(data.recoveryCodes)}
      />
      <CodeForm
        id="remove-totp"
        label="account.twoStep.remove"
        hint="account.twoStep.removeHint"
        submit="account.twoStep.removeSubmit"
        variant="danger"
        action={removeTotpAction}
        onDone={() => done("account.twoStep.offNotice")}
      />
    </div>
  );
}
