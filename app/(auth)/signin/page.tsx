import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DEMO_ACCOUNTS } from "@/db/seed/demo-accounts";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getSession, pendingSession } from "@/lib/auth/session";
import { devToolsEnabled } from "@/lib/env";
import { getI18n } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { DemoAccounts } from "./demo-accounts";
import { SignInForm } from "./signin-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: { absolute: t("auth.signin.title") } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// Errors next-auth (pages.error = /signin) and our sign-in guard put in the query string.
const ERROR_KEYS: Record<string, MessageKey> = {
  Verification: "auth.signin.linkError",
  InvalidEmail: "errors.email.invalid",
  RateLimited: "errors.rateLimited",
  SsoRequired: "auth.signin.ssoRequired",
  SsoFailed: "auth.signin.ssoFailed",
  SsoUnavailable: "auth.signin.ssoUnavailable",
  SsoEmailUnverified: "auth.signin.ssoEmailUnverified",
  SsoDomain: "auth.signin.ssoDomain",
};

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  // Signed in already: go where the user was heading (safeCallbackUrl defaults to "/").
  if (await getSession()) redirect(callbackUrl);
  // Signed in but the second factor is still due: that step, then the same destination.
  if (await pendingSession().catch(() => null))
    redirect(`/signin/verify?callbackUrl=${encodeURIComponent(callbackUrl)}`);

  const { t } = await getI18n();
  const error = first(params.error);
  // Object.hasOwn: "?error=constructor" must not reach the prototype.
  const errorMessage = error ? t(Object.hasOwn(ERROR_KEYS, error) ? ERROR_KEYS[error] : "auth.signin.error") : null;
  const demo = devToolsEnabled();

  return (
    <div className="w-full max-w-md space-y-6">
      <section className="rounded-xl border border-gray-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold tracking-tight">{t("auth.signin.title")}</h1>
        <p className="mt-2 text-gray-600">{t("auth.signin.lead")}</p>
        {errorMessage ? (
          <div role="alert" className="mt-5 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
            {errorMessage}
          </div>
        ) : null}
        <SignInForm callbackUrl={callbackUrl} />
        <p className="mt-4 text-xs text-gray-500">{t("auth.signin.privacy")}</p>
      </section>
      {demo ? <DemoAccounts accounts={DEMO_ACCOUNTS} callbackUrl={callbackUrl} /> : null}
    </div>
  );
}
