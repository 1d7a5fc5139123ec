"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { buttonClass, inputClass } from "@/app/components/styles";
import { exactTime } from "@/app/components/time-format";
import { useHydrated } from "@/app/components/use-hydrated";
import { useI18n } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/translate";
import { passkeyNameSchema } from "@/lib/validation/passkeys";
import {
  beginPasskeyRegistrationAction,
  finishPasskeyRegistrationAction,
  removePasskeyAction,
} from "./passkey-actions";
import { RecoveryCodes } from "./two-step";

export interface PasskeyItem {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** One passkey: its name, when it was added and used, and Remove (a recovery code when last). */
function PasskeyRow({ passkey, onRemoved }: { passkey: PasskeyItem; onRemoved: () => void }) {
  const { t, locale } = useI18n();
  const hydrated = useHydrated();
  const [needsCode, setNeedsCode] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const when = (at: string) => exactTime(locale, Date.parse(at), hydrated);
  const remove = async () => {
    setError(null);
    setBusy(true);
    const result = await removePasskeyAction({ id: passkey.id, ...(needsCode ? { recoveryCode: code } : {}) });
    setBusy(false);
    if (result.ok) return onRemoved();
    if (!needsCode && result.fieldErrors?.recoveryCode) return setNeedsCode(true);
    setError(result.message);
  };
  return (
    <li className="grid gap-2 py-3" data-testid="passkey">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium break-words text-gray-900" data-testid="passkey-name">
            <bdi>{passkey.name}</bdi>
          </p>
          <p className="text-sm text-gray-600">
            {t("account.passkeys.addedOn", { date: when(passkey.createdAt) })}
            {passkey.lastUsedAt ? ` · ${t("account.passkeys.lastUsed", { date: when(passkey.lastUsedAt) })}` : null}
          </p>
        </div>
        {needsCode ? null : (
          <button type="button" disabled={busy} className={buttonClass("danger", "sm")} onClick={remove}>
            {busy ? t("account.passkeys.removing") : t("account.passkeys.remove")}
          </button>
        )}
      </div>
      {needsCode ? (
        <div className="grid gap-2 sm:max-w-sm">
          <label htmlFor={`pk-code-${passkey.id}`} className="text-sm font-medium text-gray-800">
            {t("account.passkeys.recoveryLabel")}
          </label>
          <p id={`pk-hint-${passkey.id}`} className="text-sm text-gray-600">
            {t("account.passkeys.recoveryHint")}
          </p>
          <input
            id={`pk-code-${passkey.id}`}
            type="text"
            dir="ltr"
            autoComplete="one-time-code"
            spellCheck={false}
            maxLength={32}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-describedby={`pk-hint-${passkey.id}`}
            className={`${inputClass} text-start font-mono tracking-widest rtl:text-right`}
          />
          <div className="flex gap-2">
            <button type="button" disabled={busy} className={buttonClass("danger", "sm")} onClick={remove}>
              {busy ? t("account.passkeys.removing") : t("account.passkeys.confirmRemove")}
            </button>
            <button type="button" className={buttonClass("secondary", "sm")} onClick={() => setNeedsCode(false)}>
              {t("account.passkeys.cancel")}
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** docs/PRODUCT.md, Your account: the user's passkeys, Add a passkey (named) and Remove. */
export function Passkeys({ passkeys }: { passkeys: PasskeyItem[] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  const done = (key: MessageKey) => {
    setNotice(key);
    router.refresh();
  };

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const parsed = passkeyNameSchema.safeParse(name);
    if (!parsed.success) return setError(t(`errors.${parsed.error.issues[0]?.message}` as MessageKey));
    if (!browserSupportsWebAuthn()) return setError(t("errors.passkey.unsupported"));
    setBusy(true);
    try {
      const options = await beginPasskeyRegistrationAction({});
      if (!options.ok) return setError(options.message);
      let response;
      try {
        response = await startRegistration({ optionsJSON: options.data });
      } catch {
        return setError(t("errors.passkey.cancelled"));
      }
      const result = await finishPasskeyRegistrationAction({ name: parsed.data, response });
      if (!result.ok) return setError(result.message);
      setName("");
      if (result.data.recoveryCodes) setCodes(result.data.recoveryCodes);
      done("account.passkeys.added");
    } finally {
      setBusy(false);
    }
  };

  if (codes) return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;

  return (
    <div className="grid gap-4">
      {passkeys.length === 0 ? (
        <p className="text-sm text-gray-700">{t("account.passkeys.none")}</p>
      ) : (
        <ul className="divide-y divide-gray-200" data-testid="passkeys">
          {passkeys.map((p) => (
            <PasskeyRow key={p.id} passkey={p} onRemoved={() => done("account.passkeys.removed")} />
          ))}
        </ul>
      )}
      <div role="status" className="text-sm text-emerald-700 empty:hidden">
        {notice ? t(notice) : null}
      </div>
      <form onSubmit={add} noValidate className="grid gap-2 sm:max-w-sm" data-testid="add-passkey">
        <label htmlFor="passkey-name" className="text-sm font-medium text-gray-800">
          {t("account.passkeys.nameLabel")}
        </label>
        <p id="passkey-name-hint" className="text-sm text-gray-600">
          {t("account.passkeys.nameHint")}
        </p>
        <input
          id="passkey-name"
          type="text"
          maxLength={60}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "passkey-name-hint passkey-error" : "passkey-name-hint"}
          className={inputClass}
        />
        {error ? (
          <p id="passkey-error" role="alert" className="text-sm text-red-600">
            {error}
          </p>
        ) : null}
        <div>
          <button type="submit" disabled={busy} className={buttonClass()}>
            {busy ? t("account.passkeys.adding") : t("account.passkeys.add")}
          </button>
        </div>
      </form>
    </div>
  );
}
