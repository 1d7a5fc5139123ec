"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import {
  parseInviteCsv,
  parsePastedAddresses,
  type BulkRowInput,
  type BulkRowStatus,
} from "@/lib/validation/bulk-invite";
import { previewBulkInviteAction, sendBulkInviteAction } from "./actions";
import { DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass, cx, inputClass, tableBoxClass, thClass } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";
import { RestrictionFields, RoleRadios } from "./restriction-fields";
import { useCustomRoles } from "./custom-roles";

type Status = BulkRowStatus | "sent";
interface Row extends BulkRowInput {
  key: number;
  status: Status | null;
}

const STATUS_STYLE: Record<Status, string> = {
  ready: "bg-emerald-100 text-emerald-800",
  sent: "bg-emerald-100 text-emerald-800",
  invalidEmail: "bg-red-100 text-red-800",
  levelNotAllowed: "bg-red-100 text-red-800",
  member: "bg-amber-100 text-amber-800",
  deactivated: "bg-amber-100 text-amber-800",
  invited: "bg-amber-100 text-amber-800",
  duplicate: "bg-amber-100 text-amber-800",
};

/**
 * "Many addresses" in the Add user dialog (docs/PRODUCT.md, Users page "Bulk invite"): pasted addresses
 * and/or a CSV file → a preview of every row with its status, where a row's address and level can be
 * fixed or the row dropped → Send → the result of every row.
 */
export function BulkInvitePanel({
  workspaceId,
  roles,
  onClose,
}: {
  workspaceId: string;
  roles: Role[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const ids = useId();
  const [step, setStep] = useState<"input" | "preview" | "result">("input");
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [role, setRole] = useState<Role>(roles.includes("agent") ? "agent" : roles[0]);
  // A custom role as the default: rows name it by its name (the service resolves it, as from a CSV cell).
  const custom = useCustomRoles();
  const [roleId, setRoleId] = useState<string | null>(null);
  const defaultRole = custom.find((r) => r.id === roleId)?.name ?? role;
  const customName = (value: string) =>
    custom.find((c) => c.name.toLocaleLowerCase() === value.trim().toLocaleLowerCase())?.name;
  const isChoice = (value: string) => roles.includes(value as Role) || customName(value) !== undefined;
  const [restrictions, setRestrictions] = useState<string[]>([]);
  const [rows, setRows] = useState<Row[]>([]);
  const [stale, setStale] = useState(false);
  const [truncated, setTruncated] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function check(current: Row[]) {
    setBusy(true);
    setError(null);
    const result = await previewBulkInviteAction(workspaceId, { rows: current.map(toInput) }).catch(() => null);
    setBusy(false);
    if (!result) {
      setError(t("errors.generic"));
      return;
    }
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setRows(current.map((r, i) => ({ ...r, status: result.data.rows[i].status })));
    setStale(false);
    setStep("preview");
  }

  async function start() {
    setError(null);
    let fromFile: BulkRowInput[] = [];
    let cut = false;
    if (file) {
      let content: string;
      try {
        content = await file.text();
      } catch {
        setError(t("users.bulk.fileUnreadable"));
        return;
      }
      const parsed = parseInviteCsv(content);
      fromFile = parsed.rows;
      cut = parsed.truncated;
    }
    const pasted = parsePastedAddresses(text);
    const all = [...fromFile, ...pasted.rows];
    setTruncated(cut || pasted.truncated || all.length > 500);
    const chosen = all.slice(0, 500).map((r, i): Row => ({
      key: i,
      email: r.email,
      // Rows without a level take the one chosen here, with its restrictions.
      role: r.role || defaultRole,
      restrictions: [...(r.role ? r.restrictions : restrictions)],
      status: null,
    }));
    if (chosen.length === 0) {
      setError(t("users.bulk.empty"));
      return;
    }
    await check(chosen);
  }

  function edit(key: number, change: Partial<BulkRowInput>) {
    setRows((prev) => prev.map((r) => (r.key === key ? { ...r, ...change, status: null } : r)));
    setStale(true);
  }
  function drop(key: number) {
    setRows((prev) => prev.filter((r) => r.key !== key));
  }

  async function send() {
    setBusy(true);
    setError(null);
    const result = await sendBulkInviteAction(workspaceId, { rows: rows.map(toInput) }).catch(() => null);
    setBusy(false);
    if (!result) {
      setError(t("errors.generic"));
      return;
    }
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setRows(rows.map((r, i) => ({ ...r, email: result.data.rows[i].email, status: result.data.rows[i].status })));
    setStep("result");
    const sent = result.data.counts.sent ?? 0;
    if (sent > 0) router.refresh();
  }

  if (step === "input") {
    return (
      <form
        className="grid gap-5"
        noValidate
        data-testid="bulk-invite-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <p className="text-sm text-gray-600">{t("users.bulk.lead")}</p>
        <div>
          <label htmlFor={`${ids}-paste`} className="block text-sm font-medium text-gray-800">
            {t("users.bulk.paste")}
          </label>
          <textarea
            id={`${ids}-paste`}
            dir="ltr"
            rows={5}
            data-autofocus
            aria-describedby={`${ids}-paste-hint`}
            placeholder="ann@example.com, bob@example.com"
            className={`${inputClass} text-start font-mono text-sm`}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <p id={`${ids}-paste-hint`} className="mt-1 text-xs text-gray-500">
            {t("users.bulk.pasteHint")}
          </p>
        </div>
        <div>
          <label htmlFor={`${ids}-file`} className="block text-sm font-medium text-gray-800">
            {t("users.bulk.file")}
          </label>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".csv,text/csv"
            className="mt-1.5 block w-full text-sm text-gray-700 file:me-3 file:rounded-lg file:border file:border-gray-300 file:bg-white file:px-3 file:py-1.5 file:text-gray-700"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="grid gap-3">
          <p className="text-sm font-medium text-gray-800">{t("users.bulk.defaultLevel")}</p>
          <RoleRadios
            roles={roles}
            value={role}
            roleId={roleId}
            onChange={setRole}
            onChoose={(c) => {
              setRole(c.role);
              setRoleId(c.roleId);
            }}
          />
          <RestrictionFields role={role} custom={roleId !== null} value={restrictions} onChange={setRestrictions} />
        </div>
        <FormAlert message={error} />
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={busy} className={buttonClass()}>
            {busy ? t("users.bulk.checking") : t("users.bulk.check")}
          </button>
        </DialogActions>
      </form>
    );
  }

  const ready = rows.filter((r) => r.status === "ready").length;
  const sent = rows.filter((r) => r.status === "sent").length;
  const editable = step === "preview";
  return (
    <div className="grid gap-4" data-testid={editable ? "bulk-preview" : "bulk-result"}>
      <h3 className="font-semibold text-gray-900">
        {editable ? t("users.bulk.previewTitle") : t("users.bulk.resultTitle")}
      </h3>
      <p className="text-sm text-gray-700" role="status" data-testid="bulk-summary">
        {editable
          ? stale
            ? null
            : t("users.bulk.summary", { ready, problems: rows.length - ready })
          : t("users.bulk.resultSummary", { sent, skipped: rows.length - sent })}
      </p>
      {truncated ? <p className="text-sm text-amber-800">{t("users.bulk.truncated")}</p> : null}
      <div className={cx(tableBoxClass, "max-h-[50vh] overflow-y-auto")}>
        <table className="w-full text-sm">
          <thead className="sticky top-0 bg-gray-50">
            <tr>
              <th scope="col" className={cx(thClass, "hidden sm:table-cell")}>
                {t("users.bulk.row")}
              </th>
              <th scope="col" className={thClass}>
                {t("users.bulk.email")}
              </th>
              <th scope="col" className={thClass}>
                {t("users.bulk.level")}
              </th>
              <th scope="col" className={cx(thClass, "hidden sm:table-cell")}>
                {t("users.bulk.status")}
              </th>
              {editable ? (
                <th scope="col" className={thClass}>
                  <span className="sr-only">{t("users.bulk.actions")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {rows.map((r, i) => (
              <tr key={r.key} data-testid="bulk-row" data-status={r.status ?? ""}>
                <td className="hidden px-4 py-2 text-gray-500 tabular-nums sm:table-cell">{i + 1}</td>
                <td className="min-w-56 px-3 py-2 sm:px-4">
                  {editable ? (
                    <input
                      dir="ltr"
                      aria-label={t("users.bulk.editEmail", { row: i + 1 })}
                      aria-invalid={r.status === "invalidEmail" ? true : undefined}
                      className={cx(inputClass, "mt-0 py-1 text-start text-sm")}
                      value={r.email}
                      onChange={(e) => edit(r.key, { email: e.target.value })}
                    />
                  ) : (
                    <bdi dir="ltr">{r.email}</bdi>
                  )}
                  {/* On a phone the status sits under the address (its column is hidden). */}
                  <span className="mt-1 block sm:hidden">
                    <StatusBadge t={t} status={r.status} />
                  </span>
                </td>
                <td className="px-4 py-2">
                  {editable ? (
                    <select
                      aria-label={t("users.bulk.editLevel", { row: i + 1 })}
                      className={cx(inputClass, "mt-0 w-auto min-w-28 py-1 text-sm")}
                      value={customName(r.role) ?? r.role}
                      onChange={(e) => edit(r.key, { role: e.target.value })}
                    >
                      {isChoice(r.role) ? null : (
                        <option value={r.role} disabled>
                          {r.role || "—"}
                        </option>
                      )}
                      {roles.map((level) => (
                        <option key={level} value={level}>
                          {t(`common.roles.${level}`)}
                        </option>
                      ))}
                      {custom.map((c) => (
                        <option key={c.id} value={c.name}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                  ) : roles.includes(r.role as Role) ? (
                    t(`common.roles.${r.role as Role}`)
                  ) : (
                    r.role
                  )}
                </td>
                <td className="hidden px-4 py-2 sm:table-cell">
                  <StatusBadge t={t} status={r.status} />
                </td>
                {editable ? (
                  <td className="px-4 py-2 text-end">
                    <button
                      type="button"
                      onClick={() => drop(r.key)}
                      aria-label={t("users.bulk.dropRow", { row: i + 1 })}
                      className={buttonClass("ghost", "sm")}
                    >
                      {t("users.bulk.drop")}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormAlert message={error} testId="bulk-error" />
      <DialogActions>
        {editable ? (
          <>
            <button type="button" onClick={() => setStep("input")} className={buttonClass("secondary")}>
              {t("users.bulk.back")}
            </button>
            {stale || rows.some((r) => r.status === null) ? (
              <button
                type="button"
                disabled={busy || rows.length === 0}
                onClick={() => void check(rows)}
                className={buttonClass()}
              >
                {busy ? t("users.bulk.checking") : t("users.bulk.recheck")}
              </button>
            ) : (
              <button
                type="button"
                disabled={busy || ready === 0}
                onClick={() => void send()}
                className={buttonClass()}
              >
                {busy ? t("users.bulk.sending") : t("users.bulk.send", { count: ready })}
              </button>
            )}
          </>
        ) : (
          <button
            type="button"
            onClick={() => {
              if (sent > 0) notice(t("users.bulk.resultSummary", { sent, skipped: rows.length - sent }));
              onClose();
            }}
            className={buttonClass()}
            data-autofocus
          >
            {t("users.bulk.done")}
          </button>
        )}
      </DialogActions>
    </div>
  );
}

function StatusBadge({ t, status }: { t: ReturnType<typeof useI18n>["t"]; status: Status | null }) {
  if (!status) return <span className="text-gray-400">—</span>;
  return (
    <span
      className={cx(
        "inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        STATUS_STYLE[status],
      )}
    >
      {t(`users.bulk.statuses.${status}`)}
    </span>
  );
}

// A fresh array per row: React's action encoding sends a shared one as a back-reference ("$0:…"),
// which the request-shape check (lib/security/request-shape.ts) refuses.
const toInput = (r: Row): BulkRowInput => ({ email: r.email, role: r.role, restrictions: [...r.restrictions] });
