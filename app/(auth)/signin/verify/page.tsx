import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getSession, pendingSession } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";
import { getDb } from "@/db";
import { listPasskeys } from "@/lib/services/passkeys";
import { VerifyForm } from "./verify-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: { absolute: t("auth.verify.title") } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The second step of signing in (docs/SECURITY.md, Two-step sign-in): the one page a session
 * that waits for its factor may see. The factor kinds are offered as tabs of one form, so a
 * passkey can be another way in beside the app code and the recovery code.
 */
export default async function VerifyPage({ searchParams }: { searchParams: SearchParams }) {
  const callbackUrl = safeCallbackUrl(first((await searchParams).callbackUrl));
  const pending = await pendingSession().catch(() => null);
  if (!pending) {
    // Signed in already (passed, or no factor): go on; signed out: sign in first.
    if (await getSession()) redirect(callbackUrl);
    redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  }
  const [{ t }, passkeys] = await Promise.all([getI18n(), listPasskeys(await getDb(), pending.session.user.id)]);
  return (
    <section className="w-full max-w-md rounded-xl border border-gray-200 bg-white p-8 shadow-sm">
      <h1 className="text-xl font-semibold tracking-tight">{t("auth.verify.title")}</h1>
      <p className="mt-2 text-gray-600">
        {withIsolated(
          (v) => t(passkeys.length > 0 ? "auth.verify.leadPasskey" : "auth.verify.lead", { email: v }),
          pending.session.user.email,
        )}
      </p>
      <VerifyForm callbackUrl={callbackUrl} passkey={passkeys.length > 0} />
      <p className="mt-6 text-sm text-gray-600">
        <Link href="/signout" className="font-medium">
          {t("auth.verify.signOut")}
        </Link>
      </p>
    </section>
  );
}
