import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { requireUser } from "@/lib/access/guard";
import { getI18n } from "@/lib/i18n/server";
import { firstWorkspaceId } from "@/lib/services/user-workspaces";
import { OnboardingForm } from "./onboarding-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("onboarding.metaTitle") };
}

export default async function OnboardingPage() {
  const user = await requireUser("/onboarding");
  // Onboarding is for a user with no workspace; anyone else goes to theirs.
  if (await firstWorkspaceId(await getDb(), user.id)) redirect("/");
  const { t } = await getI18n();
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-12 sm:items-center">
      <div className="w-full max-w-lg">
        <p className="mb-6 text-center text-sm font-semibold tracking-wide text-brand-600">{t("common.appName")}</p>
        <section className="rounded-xl border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 className="text-2xl font-semibold text-gray-900">{t("onboarding.title")}</h1>
          <p className="mt-2 text-sm leading-6 text-gray-600">{t("onboarding.lead")}</p>
          <OnboardingForm />
        </section>
        <p className="mt-6 text-center text-sm text-gray-500">
          <span dir="auto">{t("onboarding.signedInAs", { email: user.email })}</span>
          {" · "}
          <Link href="/signout" className="font-medium text-brand-600 hover:underline">
            {t("onboarding.signOut")}
          </Link>
        </p>
      </div>
    </main>
  );
}
