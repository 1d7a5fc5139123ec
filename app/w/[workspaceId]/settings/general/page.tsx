import type { Metadata } from "next";
import { requireMember } from "@/lib/access/guard";
import { routePermissions } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { getDb } from "@/db";
import { getAutoAway } from "@/lib/services/availability";
import { GeneralForm } from "./general-form";
import { AutoAwayForm } from "./auto-away-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("settings.general.metaTitle") };
}

/** Settings → General: the workspace's name and its auto-away delay. */
export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const member = await requireMember(
    workspaceId,
    routePermissions("settings/general"),
    `/w/${workspaceId}/settings/general`,
  );
  const [{ t }, autoAway] = await Promise.all([getI18n(), getAutoAway(await getDb(), member.workspaceId)]);
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight">{t("settings.general.title")}</h1>
      <p className="mt-1 text-gray-600">{t("settings.general.lead")}</p>
      <div className="mt-6 rounded-xl border border-gray-200 bg-white p-6 shadow-sm">
        <GeneralForm workspaceId={member.workspaceId} name={member.workspaceName} />
      </div>
      <section
        aria-labelledby="auto-away-title"
        className="mt-6 rounded-xl border border-gray-200 bg-white p-6 shadow-sm"
      >
        <h2 id="auto-away-title" className="text-lg font-semibold">
          {t("settings.general.autoAway.title")}
        </h2>
        <p className="mt-1 mb-5 text-sm text-gray-600">{t("settings.general.autoAway.lead")}</p>
        <AutoAwayForm workspaceId={member.workspaceId} minutes={autoAway} />
      </section>
    </div>
  );
}
