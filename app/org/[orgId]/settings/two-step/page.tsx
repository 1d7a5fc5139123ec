import type { Metadata } from "next";
import { getDb } from "@/db";
import { requireOrgAdmin } from "@/lib/access/guard";
import { getI18n } from "@/lib/i18n/server";
import { getTwoFactorPolicy } from "@/lib/services/two-factor-policy";
import { TwoFactorPolicyForm } from "./two-factor-policy-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("org.twoStep.metaTitle") };
}

/** "Require two-step sign-in for members" (docs/SECURITY.md, Two-step sign-in). */
export default async function OrgTwoStepPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const admin = await requireOrgAdmin(orgId);
  const { t } = await getI18n();
  const required = await getTwoFactorPolicy(await getDb(), admin.orgId);
  return (
    <section className="max-w-2xl rounded-xl border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold tracking-tight">{t("org.twoStep.title")}</h1>
      <p className="mt-2 text-gray-600">{t("org.twoStep.lead")}</p>
      {admin.hasFactor ? null : (
        <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("org.twoStep.youHaveNone")}
        </p>
      )}
      <TwoFactorPolicyForm orgId={admin.orgId} initial={required} />
    </section>
  );
}
