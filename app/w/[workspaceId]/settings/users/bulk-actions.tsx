"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import type { BulkUsersInput } from "@/lib/validation/users";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass, cx } from "@/app/components/styles";
import { bulkUsersAction } from "./actions";
import { AccessDialog } from "./access-dialog";
import { HeirField, heirId, type HeirValue } from "./heir-field";

// Bulk actions on the Users list (docs/PRODUCT.md, Users page, bulk actions): the bar over the
// table, the dialog that applies one operation to the selection, and the per-row report.

export type Selection = BulkUsersInput["selection"];
type Op = "access" | "deactivate" | "resend" | "cancel";
interface Report {
  results: { id: string; kind: string; label: string; ok: boolean; message: string | null }[];
  done: number;
  refused: number;
}

/** What is selected: ticked rows, or every row matching the list's search and filter. */
export function BulkBar({
  workspaceId,
  selection,
  count,
  matching,
  onSelectAll,
  onClear,
  roles,
  hasMembers,
  hasInvitations,
}: {
  workspaceId: string;
  selection: Selection;
  count: number;
  /** How many rows match across pages, when that is more than the page shows; else null. */
  matching: number | null;
  onSelectAll: () => void;
  onClear: () => void;
  roles: Role[];
  hasMembers: boolean;
  hasInvitations: boolean;
}) {
  const { t } = useI18n();
  const [op, setOp] = useState<Op | null>(null);
  const all = "all" in selection;
  const ops: Op[] = [
    ...(roles.length ? (["access"] as const) : []),
    ...(hasMembers ? (["deactivate"] as const) : []),
    ...(hasInvitations ? (["resend", "cancel"] as const) : []),
  ];
  return (
    <div
      role="region"
      aria-label={t("users.bulkEdit.barLabel")}
      data-testid="bulk-bar"
      className="border-brand-200 mb-3 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-xl border bg-brand-50 px-4 py-2.5 text-sm"
    >
      <span className="font-medium text-gray-900" aria-live="polite" data-testid="bulk-count">
        {all ? t("users.bulkEdit.allSelected", { count }) : t("users.bulkEdit.selected", { count })}
      </span>
      {!all && matching !== null && matching > count ? (
        <button type="button" onClick={onSelectAll} className="font-medium text-brand-700 hover:underline">
          {t("users.bulkEdit.selectAll", { count: matching })}
        </button>
      ) : null}
      <div className="flex flex-wrap gap-2 sm:ms-auto">
        {ops.map((o) => (
          <button
            key={o}
            type="button"
            onClick={() => setOp(o)}
            className={buttonClass(o === "deactivate" || o === "cancel" ? "danger" : "secondary", "sm")}
          >
            {t(`users.bulkEdit.${o}`)}
          </button>
        ))}
        <button type="button" onClick={onClear} className={buttonClass("ghost", "sm")}>
          {t("users.bulkEdit.clear")}
        </button>
      </div>
      {op ? (
        <BulkDialog
          workspaceId={workspaceId}
          op={op}
          selection={selection}
          count={count}
          roles={roles}
          onClose={() => setOp(null)}
          onFinished={onClear}
        />
      ) : null}
    </div>
  );
}

/** Apply one operation to the selection, then show what happened to each row. */
export function BulkDialog({
  workspaceId,
  op,
  selection,
  count,
  roles,
  onClose,
  onFinished,
}: {
  workspaceId: string;
  op: Op;
  selection: Selection;
  count: number;
  roles: Role[];
  onClose: () => void;
  onFinished?: () => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [handover, setHandover] = useState<HeirValue>({ handOver: false, heir: null });
  // The member picked to receive the contacts is also being deactivated: that row will be refused.
  const heir = heirId(handover);
  const heirSelected = heir !== null && "members" in selection && selection.members.includes(heir);
  const close = () => {
    if (report) onFinished?.();
    onClose();
  };
  const lead = t("users.bulkEdit.lead", { count });

  if (report) return <BulkReport report={report} title={t(`users.bulkEdit.title.${op}`)} onClose={close} />;
  if (op === "access")
    return (
      <AccessDialog
        title={t("users.bulkEdit.title.access")}
        description={lead}
        roles={roles}
        initial={{ role: roles[roles.length - 1] ?? "agent", restrictions: [] }}
        testId="bulk-access-form"
        submit={(access) => bulkUsersAction(workspaceId, { selection, op: { kind: "access", ...access } })}
        savedMessage=""
        onDone={(data) => setReport(data as Report)}
        onClose={close}
      />
    );

  async function apply(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setSubmitting(true);
    const kind = op as Exclude<Op, "access">;
    const result = await bulkUsersAction(workspaceId, {
      selection,
      op: kind === "deactivate" ? { kind, reassignTo: heir } : { kind },
    });
    setSubmitting(false);
    if (!result.ok) return setError(result.message);
    setReport(result.data);
    router.refresh();
  }
  return (
    <Dialog title={t(`users.bulkEdit.title.${op}`)} description={lead} onClose={close}>
      <form onSubmit={apply} className="grid gap-4" data-testid="bulk-form">
        {op === "deactivate" ? (
          <HeirField
            workspaceId={workspaceId}
            exceptUserId={null}
            legend={t("users.bulkEdit.handover")}
            value={handover}
            onChange={setHandover}
          />
        ) : null}
        {op === "deactivate" && heirSelected ? (
          <p className="text-sm text-amber-700">{t("users.bulkEdit.heirSelected")}</p>
        ) : null}
        <FormAlert message={error} />
        <DialogActions>
          <button type="button" onClick={close} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={submitting} className={buttonClass(op === "resend" ? "primary" : "danger")}>
            {submitting ? t("users.bulkEdit.submitting") : t("users.bulkEdit.submit")}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function BulkReport({ report, title, onClose }: { report: Report; title: string; onClose: () => void }) {
  const { t } = useI18n();
  const refused = report.results.filter((r) => !r.ok);
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="grid gap-4" data-testid="bulk-report">
        <p className="font-medium text-gray-900" role="status">
          {t("users.bulkEdit.done", { count: report.done })} · {t("users.bulkEdit.refused", { count: report.refused })}
        </p>
        {refused.length ? (
          <ul className="max-h-64 divide-y divide-gray-100 overflow-y-auto rounded-lg border border-gray-200">
            {refused.map((r) => (
              <li key={`${r.kind}:${r.id}`} className="px-3 py-2" data-testid="bulk-refused">
                <span className={cx("block truncate font-medium text-gray-900")} dir="auto">
                  {r.label}
                </span>
                <span className="block text-sm text-red-700">{r.message}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass()} data-autofocus>
            {t("users.bulkEdit.close")}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}

/** The "not active for" review's way into a bulk deactivation of every member it lists. */
export function InactiveReview({
  workspaceId,
  q,
  days,
  count,
  roles,
}: {
  workspaceId: string;
  q: string;
  days: 7 | 30 | 90;
  count: number;
  roles: Role[];
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={buttonClass("danger", "sm")}
        data-testid="inactive-review"
      >
        {t("users.inactive.review")}
      </button>
      {open ? (
        <BulkDialog
          workspaceId={workspaceId}
          op="deactivate"
          selection={{ all: { q, inactiveDays: days } }}
          count={count}
          roles={roles}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
