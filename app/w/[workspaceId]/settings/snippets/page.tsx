import type { Metadata } from "next";
import { getDb } from "@/db";
import { requireMember } from "@/lib/access/guard";
import { routePermissions } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { listSnippetsForSettings } from "@/lib/services/snippets";
import { NoticeProvider } from "@/app/components/notice";
import { SnippetList } from "./snippet-list";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("settings.snippets.metaTitle") };
}

/** Settings → Snippets: the saved replies offered by the inbox composer. */
export default async function SnippetsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const member = await requireMember(
    workspaceId,
    routePermissions("settings/snippets"),
    `/w/${workspaceId}/settings/snippets`,
  );
  const snippets = await listSnippetsForSettings(await getDb(), member.workspaceId);
  return (
    <NoticeProvider>
      <SnippetList workspaceId={member.workspaceId} snippets={snippets} />
    </NoticeProvider>
  );
}
