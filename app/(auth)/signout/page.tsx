import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import { getSession, pendingSession } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";
import { SignOutButton } from "./signout-button";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("auth.signout.title") };
}

export default async function SignOutPage() {
  // A session still waiting for its second factor may sign out too (the verify page links here).
  const session = (await getSession()) ?? (await pendingSession().catch(() => null))?.session;
  if (!session) redirect("/signin");
  const { t } = await getI18n();
  return (
    <section className="w-full max-w-md rounded-xl border border-gray-200 bg-white p-8 shadow-sm">
      <h1 className="text-xl font-semibold tracking-tight">{t("auth.signout.title")}</h1>
      <p className="mt-2 text-gray-600">{t("auth.signout.body")}</p>
      <p className="mt-4 rounded-md bg-gray-50 px-3 py-2 text-gray-700">
        {withIsolated((v) => t("auth.signout.signedInAs", { email: v }), session.user.email)}
      </p>
      <SignOutButton />
    </section>
  );
}
