"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import { buttonClass } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";
import { createRoleAction } from "./actions";
import { RoleDialog } from "./role-dialog";

export function NewRoleButton({ workspaceId }: { workspaceId: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass()} onClick={() => setOpen(true)} data-testid="new-role">
        {t("roles.newRole")}
      </button>
      {open ? (
        <RoleDialog
          mode="create"
          initial={{ name: "", base: "agent", permissions: ["inbox.view", "snippets.use"], visibility: "all" }}
          onSubmit={(values) => createRoleAction(workspaceId, values)}
          onClose={() => setOpen(false)}
          onDone={(name) => {
            setOpen(false);
            notice(t("roles.created", { name }));
            router.refresh();
          }}
        />
      ) : null}
    </>
  );
}
