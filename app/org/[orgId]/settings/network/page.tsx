import { withIsolated } from "@/app/components/isolate";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { requireOrgAdmin } from "@/lib/access/guard";
import { getI18n } from "@/lib/i18n/server";
import { clientIp } from "@/lib/request-ip";
import { getIpAllowlist } from "@/lib/services/ip-allowlist";
import { IpAllowlistForm } from "./ip-allowlist-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("org.network.metaTitle") };
}

/** The organization's IP allow-list (docs/SECURITY.md, IP allow-list). */
export default async function OrgNetworkPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const admin = await requireOrgAdmin(orgId);
  const { t } = await getI18n();
  const ranges = await getIpAllowlist(await getDb(), admin.orgId);
  const ip = clientIp(await headers());
  return (
    <section className="max-w-2xl rounded-xl border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold tracking-tight">{t("org.network.title")}</h1>
      <p className="mt-2 text-gray-600">{t("org.network.lead")}</p>
      <p className="mt-3 text-sm text-gray-800" data-testid="current-address">
        {withIsolated((v) => t("org.network.yourAddress", { ip: v }), ip, "ltr")}
      </p>
      <p className="mt-1 text-sm text-gray-600" data-testid="allowlist-summary">
        {ranges.length === 0 ? t("org.network.empty") : t("org.network.count", { count: ranges.length })}
      </p>
      <IpAllowlistForm orgId={admin.orgId} initial={ranges.join("\n")} />
    </section>
  );
}
