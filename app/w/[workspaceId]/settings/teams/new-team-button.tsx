"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import { buttonClass } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";
import { NameDialog } from "../_components/name-dialog";
import { createTeamAction } from "./actions";

export function NewTeamButton({ workspaceId }: { workspaceId: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass()} onClick={() => setOpen(true)} data-testid="new-team">
        {t("settings.teams.add")}
      </button>
      {open ? (
        <NameDialog
          title={t("settings.teams.createTitle")}
          label={t("settings.teams.nameLabel")}
          submitLabel={t("settings.teams.create")}
          onSubmit={(name) => createTeamAction(workspaceId, { name })}
          onClose={() => setOpen(false)}
          onDone={(name) => {
            setOpen(false);
            notice(t("settings.teams.created", { name }));
            router.refresh();
          }}
        />
      ) : null}
    </>
  );
}
