import type { Metadata } from "next";
import { getDb } from "@/db";
import { requireMember } from "@/lib/access/guard";
import { routePermissions } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { listTeams } from "@/lib/services/teams";
import { NoticeProvider } from "@/app/components/notice";
import { NewTeamButton } from "./new-team-button";
import { TeamCard } from "./team-card";
import { emptyBoxClass } from "@/app/components/styles";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("settings.teams.metaTitle") };
}

/** Settings → Teams: teams and their members (used by the Agents' "own and team" visibility). */
export default async function TeamsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const member = await requireMember(
    workspaceId,
    routePermissions("settings/teams"),
    `/w/${workspaceId}/settings/teams`,
  );
  const { t } = await getI18n();
  const teams = await listTeams(await getDb(), member.workspaceId);
  return (
    <NoticeProvider>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("settings.teams.title")}</h1>
          <p className="mt-1 text-gray-600">{t("settings.teams.lead")}</p>
        </div>
        <NewTeamButton workspaceId={member.workspaceId} />
      </div>
      {teams.length === 0 ? (
        <div className={`mt-6 ${emptyBoxClass}`} data-testid="teams-empty">
          {t("settings.teams.empty")}
        </div>
      ) : (
        <ul className="mt-6 grid gap-4" data-testid="teams-list">
          {teams.map((team) => (
            <TeamCard key={team.id} workspaceId={member.workspaceId} team={team} />
          ))}
        </ul>
      )}
    </NoticeProvider>
  );
}
