import type { Metadata } from "next";
import { getDb } from "@/db";
import { requireOrgAdmin } from "@/lib/access/guard";
import { getI18n } from "@/lib/i18n/server";
import { billingSummary } from "@/lib/services/org";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("org.billing.metaTitle") };
}

/** Plan and seat usage: a seat is a person with a membership in any of the organization's workspaces. */
export default async function OrgBillingPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const admin = await requireOrgAdmin(orgId);
  const { t, locale } = await getI18n();
  const b = await billingSummary(await getDb(), admin.orgId);
  const nf = new Intl.NumberFormat(locale);
  const pct = Math.min(100, Math.round((b.seatsUsed / b.seatLimit) * 100));
  const over = b.seatsUsed > b.seatLimit;
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold tracking-tight">{t("org.billing.title")}</h1>
      <div className="mt-6 grid gap-4 sm:grid-cols-2">
        <section className="rounded-xl border border-gray-200 bg-white p-5 shadow-sm">
          <h2 className="text-sm text-gray-600">{t("org.billing.plan")}</h2>
          <p className="mt-1 text-2xl font-semibold" data-testid="billing-plan">
            {t(`org.billing.plans.${b.plan}`)}
          </p>
          <p className="mt-1 text-sm text-gray-600">{t("org.billing.workspaces", { count: b.workspaces })}</p>
        </section>
        <section className="rounded-xl border border-gray-200 bg-white p-5 shadow-sm">
          <h2 className="text-sm text-gray-600">{t("org.billing.seats")}</h2>
          <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid="billing-seats">
            {t("org.billing.seatUsage", { used: nf.format(b.seatsUsed), limit: nf.format(b.seatLimit) })}
          </p>
          <div
            className="mt-3 h-2 overflow-hidden rounded-full bg-gray-100"
            role="progressbar"
            aria-label={t("org.billing.seats")}
            aria-valuemin={0}
            aria-valuemax={b.seatLimit}
            aria-valuenow={b.seatsUsed}
          >
            <div
              className={`h-full rounded-full ${over ? "bg-red-500" : pct >= 90 ? "bg-amber-500" : "bg-brand-600"}`}
              style={{ width: `${pct}%` }}
            />
          </div>
          <p className={`mt-2 text-sm ${over ? "font-medium text-red-700" : "text-gray-600"}`}>
            {over
              ? t("org.billing.over", { count: b.seatsUsed - b.seatLimit })
              : t("org.billing.left", { count: b.seatLimit - b.seatsUsed })}
          </p>
        </section>
      </div>
      <p className="mt-4 text-sm text-gray-600">{t("org.billing.seatHint")}</p>
    </div>
  );
}
