import type { Metadata } from "next";
import { requireMember } from "@/lib/access/guard";
import { routePermissions } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { ComingSoon } from "../_components/coming-soon";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("shell.nav.contacts") };
}

export default async function Page({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireMember(workspaceId, routePermissions("contacts"));
  return <ComingSoon title="shell.nav.contacts" />;
}
