"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Avatar } from "@/app/components/avatar";
import { useI18n } from "@/lib/i18n/client";
import { buttonClass, cx } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";
import { ConfirmDialog } from "../_components/confirm-dialog";
import { NameDialog } from "../_components/name-dialog";
import { deleteTeamAction, removeTeamMemberAction, renameTeamAction } from "./actions";
import { MemberPicker } from "./member-picker";
import { Icon } from "@/app/components/icons";

export interface TeamView {
  id: string;
  name: string;
  memberCount: number;
  members: { userId: string; name: string | null; email: string; image: string | null }[];
}

type Open = null | "rename" | "delete" | "add";

export function TeamCard({ workspaceId, team }: { workspaceId: string; team: TeamView }) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [open, setOpen] = useState<Open>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  async function remove(userId: string, label: string) {
    setRemoving(userId);
    const result = await removeTeamMemberAction(workspaceId, { teamId: team.id, userId });
    setRemoving(null);
    if (!result.ok) notice(result.message, "error");
    else notice(t("settings.teams.memberRemoved", { name: label, team: team.name }));
    router.refresh();
  }

  const hidden = team.memberCount - team.members.length;
  return (
    <li className="rounded-xl border border-gray-200 bg-white p-5 shadow-sm" data-testid="team-card">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">
            <bdi>{team.name}</bdi>
          </h2>
          <p className="text-sm text-gray-600">{t("settings.teams.count", { count: team.memberCount })}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => setOpen("add")}
            data-testid="team-add-member"
          >
            {t("settings.teams.addMember")}
          </button>
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => setOpen("rename")}
            data-testid="team-rename"
          >
            {t("settings.teams.rename")}
          </button>
          <button
            type="button"
            className={`${buttonClass("secondary")} text-red-700`}
            onClick={() => setOpen("delete")}
            data-testid="team-delete"
          >
            {t("settings.delete")}
          </button>
        </div>
      </div>
      {team.members.length > 0 ? (
        <ul className="mt-4 flex flex-wrap gap-2" aria-label={t("settings.teams.membersOf", { team: team.name })}>
          {team.members.map((m) => {
            const label = m.name ?? m.email;
            return (
              <li
                key={m.userId}
                className={cx(
                  "inline-flex items-center gap-2 rounded-full border",
                  "border-gray-200 bg-gray-50 py-1 ps-1 pe-2 text-sm",
                )}
              >
                <Avatar userId={m.userId} name={m.name} email={m.email} image={m.image} size="xs" />
                <bdi>{label}</bdi>
                <button
                  type="button"
                  onClick={() => remove(m.userId, label)}
                  disabled={removing === m.userId}
                  aria-label={t("settings.teams.removeMember", { name: label })}
                  className="rounded-full p-0.5 text-gray-400 hover:bg-gray-200 hover:text-gray-700 disabled:opacity-50"
                >
                  <Icon name="close" className="size-3.5" />
                </button>
              </li>
            );
          })}
          {hidden > 0 ? (
            <li className="self-center text-sm text-gray-500">{t("settings.teams.more", { count: hidden })}</li>
          ) : null}
        </ul>
      ) : (
        <p className="mt-4 text-sm text-gray-500">{t("settings.teams.noMembers")}</p>
      )}

      {open === "rename" ? (
        <NameDialog
          title={t("settings.teams.renameTitle")}
          label={t("settings.teams.nameLabel")}
          initial={team.name}
          submitLabel={t("common.save")}
          onSubmit={(name) => renameTeamAction(workspaceId, { teamId: team.id, name })}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            notice(t("settings.teams.renamed"));
            router.refresh();
          }}
        />
      ) : null}
      {open === "delete" ? (
        <ConfirmDialog
          title={t("settings.teams.deleteTitle")}
          body={t("settings.teams.deleteBody", { name: team.name })}
          confirmLabel={t("settings.delete")}
          onConfirm={() => deleteTeamAction(workspaceId, { teamId: team.id })}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            notice(t("settings.teams.deleted", { name: team.name }));
            router.refresh();
          }}
        />
      ) : null}
      {open === "add" ? <MemberPicker workspaceId={workspaceId} team={team} onClose={() => setOpen(null)} /> : null}
    </li>
  );
}
