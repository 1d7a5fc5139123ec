import type { Metadata } from "next";
import { requireMember } from "@/lib/access/guard";
import { routePermissions } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { GeneralForm } from "./general-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("settings.general.metaTitle") };
}

/** Settings → General: the workspace's name. */
export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const member = await requireMember(
    workspaceId,
    routePermissions("settings/general"),
    `/w/${workspaceId}/settings/general`,
  );
  const { t } = await getI18n();
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight">{t("settings.general.title")}</h1>
      <p className="mt-1 text-gray-600">{t("settings.general.lead")}</p>
      <div className="mt-6 rounded-xl border border-gray-200 bg-white p-6 shadow-sm">
        <GeneralForm workspaceId={member.workspaceId} name={member.workspaceName} />
      </div>
    </div>
  );
}
