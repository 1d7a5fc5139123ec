"use client";
import { useState } from "react";
import { signOut } from "next-auth/react";
import { useI18n } from "@/lib/i18n/client";
import { acceptInvitationAction } from "./actions";
import { FormAlert } from "@/app/components/dialog";
import { buttonClass, inputClass } from "@/app/components/styles";

/**
 * Accept: asks for a display name when the account is new (or has none), then a full
 * navigation so the session cookie the action just set is sent with the next request.
 */
export function AcceptForm({ token, needsName }: { token: string; needsName: boolean }) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setNameError(null);
    if (needsName && !name.trim()) {
      setNameError(t("errors.name.required"));
      document.getElementById("invite-name")?.focus();
      return;
    }
    setPending(true);
    const result = await acceptInvitationAction({ token, ...(needsName ? { name } : {}) });
    if (!result.ok) {
      setPending(false);
      if (result.fieldErrors?.name) {
        setNameError(result.fieldErrors.name);
        document.getElementById("invite-name")?.focus();
      } else setError(result.message);
      return;
    }
    window.location.assign(result.data.path);
  }

  return (
    <form onSubmit={submit} noValidate className="mt-6 grid gap-4" data-testid="accept-form">
      {needsName ? (
        <div>
          <label htmlFor="invite-name" className="block text-sm font-medium text-gray-800">
            {t("invite.pending.name")}
          </label>
          <input
            id="invite-name"
            type="text"
            dir="auto"
            autoComplete="name"
            required
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? "invite-name-hint invite-name-error" : "invite-name-hint"}
            className={inputClass}
          />
          <p id="invite-name-hint" className="mt-1 text-xs text-gray-500">
            {t("invite.pending.nameHint")}
          </p>
          {nameError ? (
            <p id="invite-name-error" role="alert" className="mt-1 text-sm text-red-600">
              {nameError}
            </p>
          ) : null}
        </div>
      ) : null}
      <FormAlert message={error} testId="accept-error" />
      <button type="submit" disabled={pending} className={buttonClass("primary", "lg")} data-testid="accept-invitation">
        {pending ? t("invite.pending.accepting") : t("invite.pending.accept")}
      </button>
    </form>
  );
}

/** On the "wrong account" page: sign out and come back to the same invitation link. */
export function SignOutAndReturn({ token }: { token: string }) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: `/invite/${encodeURIComponent(token)}` });
      }}
      className={buttonClass()}
    >
      {pending ? t("invite.wrongAccount.signingOut") : t("invite.wrongAccount.signOut")}
    </button>
  );
}
