"use client";
import { useState } from "react";
import { Avatar } from "@/app/components/avatar";
import { useI18n } from "@/lib/i18n/client";
import { RowMenu } from "@/app/components/row-menu";
import { cx, tableBoxClass, thClass } from "@/app/components/styles";
import { LocalTime } from "./local-time";
import { ReactivateDialog, RemoveDeactivatedDialog, type DeactivatedTarget } from "./reactivate-dialog";
import { Access } from "./users-table";
import { ExplainDialog } from "./explain-dialog";
import type { Role } from "@/lib/access/matrix";

export interface DeactivatedItem {
  id: string;
  name: string | null;
  email: string;
  image: string | null;
  role: Role;
  restrictions: string[];
  deactivatedAt: string;
  deactivatedBy: string | null;
  manageable: boolean;
}

const STICKY_END = "sticky end-0 z-10";

/** The *Deactivated* filter of the Users list: who, their kept access, when and by whom; Reactivate or Revoke. */
export function DeactivatedTable({
  workspaceId,
  people,
  serverNow,
}: {
  workspaceId: string;
  people: DeactivatedItem[];
  serverNow: number;
}) {
  const { t } = useI18n();
  return (
    <div className={tableBoxClass}>
      <table
        className="w-full min-w-[720px] text-sm [&_td]:px-4 [&_td]:py-3 [&_td]:align-middle"
        data-testid="deactivated-table"
      >
        <caption className="sr-only">{t("users.deactivated.caption")}</caption>
        <thead className="border-b border-gray-200 bg-gray-50">
          <tr>
            <th scope="col" className={thClass}>
              {t("users.table.user")}
            </th>
            <th scope="col" className={thClass}>
              {t("users.table.role")}
            </th>
            <th scope="col" className={thClass}>
              {t("users.table.email")}
            </th>
            <th scope="col" className={thClass}>
              {t("users.deactivated.when")}
            </th>
            <th scope="col" className={cx(thClass, STICKY_END, "w-12 bg-gray-50")}>
              <span className="sr-only">{t("users.table.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {people.map((p) => (
            <tr key={p.id} data-testid="deactivated-row" data-email={p.email}>
              <td>
                <div className="flex items-center gap-3">
                  <Avatar userId={p.id} name={p.name} email={p.email} image={p.image} className="opacity-60" />
                  <span className="block min-w-0 truncate font-medium text-gray-900" dir="auto">
                    {p.name || p.email}
                  </span>
                </div>
              </td>
              <td>
                <Access role={p.role} restrictions={p.restrictions} />
              </td>
              <td className="text-gray-600">
                <span dir="ltr">{p.email}</span>
              </td>
              <td className="text-gray-600">
                <LocalTime at={p.deactivatedAt} serverNow={serverNow} />
                {/* No one: the access job ended it at its date (docs/PRODUCT.md, Access until a date). */}
                <span className="block text-xs text-gray-500">
                  <bdi>{t("users.deactivated.by", { name: p.deactivatedBy ?? t("users.activity.system") })}</bdi>
                </span>
              </td>
              <td className={cx(STICKY_END, "bg-white text-end")}>
                <DeactivatedActions
                  workspaceId={workspaceId}
                  target={{
                    userId: p.id,
                    displayName: p.name || p.email,
                    role: p.role,
                    restrictions: p.restrictions,
                  }}
                  manageable={p.manageable}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Explain access (what reactivating gives back) for anyone here; Reactivate and Revoke where manageable. */
function DeactivatedActions({
  workspaceId,
  target,
  manageable,
}: {
  workspaceId: string;
  target: DeactivatedTarget;
  manageable: boolean;
}) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<"explain" | "reactivate" | "remove" | null>(null);
  const manage = manageable
    ? [
        { key: "reactivate", label: t("users.menu.reactivate"), onSelect: () => setDialog("reactivate") },
        { key: "remove", label: t("users.menu.revoke"), onSelect: () => setDialog("remove"), danger: true },
      ]
    : [];
  return (
    <>
      <RowMenu
        label={t("users.menu.open", { name: target.displayName })}
        items={[{ key: "explain", label: t("users.explain.menu"), onSelect: () => setDialog("explain") }, ...manage]}
      />
      {dialog === "explain" ? (
        <ExplainDialog
          workspaceId={workspaceId}
          userId={target.userId}
          displayName={target.displayName}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === "reactivate" ? (
        <ReactivateDialog workspaceId={workspaceId} target={target} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === "remove" ? (
        <RemoveDeactivatedDialog workspaceId={workspaceId} target={target} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
