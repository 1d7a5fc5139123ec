"use client";
import { useEffect, useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Avatar } from "@/app/components/avatar";
import { withIsolated } from "@/app/components/isolate";
import type { ActionResult } from "@/lib/actions/result";
import { useI18n } from "@/lib/i18n/client";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass, cx, inputClass } from "@/app/components/styles";
import { Icon } from "@/app/components/icons";
import type { PresenceDot } from "@/lib/validation/availability";

export interface Assignee {
  userId: string;
  name: string | null;
  email: string;
  /** Available and online, online but away, offline: shown in the picker's list. */
  dot?: PresenceDot;
}

const DOT_LABEL = {
  online: "shell.status.online",
  away: "shell.status.away",
  offline: "shell.status.offline",
} as const;

type AssignAction = (
  workspaceId: string,
  input: { contactId: string; assigneeId: string | null },
) => Promise<ActionResult<{ stillVisible: boolean }>>;
type SearchAction = (workspaceId: string, input: { q: string }) => Promise<ActionResult<Assignee[]>>;

const display = (a: { name: string | null; email: string }) => a.name || a.email;

/**
 * The current assignee and a dialog to change it: assign to me, to a member found by
 * search, or to nobody. Used by the inbox (inbox.view) and the contacts module
 * (contacts.edit): each passes its own guarded actions. If the contact leaves the
 * member's visibility (a limited Agent gave it away), `leaveTo` is opened instead.
 */
export function AssignButton({
  workspaceId,
  contactId,
  contactName,
  me,
  assignee,
  assign,
  search,
  leaveTo,
  compact = false,
}: {
  workspaceId: string;
  contactId: string;
  contactName: string;
  me: string;
  assignee: Assignee | null;
  assign: AssignAction;
  search: SearchAction;
  leaveTo: string;
  compact?: boolean;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        data-testid="assign-button"
        title={t("contacts.assign.button")}
        className={cx(
          "inline-flex max-w-full items-center gap-2 rounded-lg border border-gray-300",
          "bg-white text-sm font-medium text-gray-700 shadow-sm hover:bg-gray-50",
          compact ? "px-2.5 py-1.5" : "px-3 py-2",
        )}
      >
        {assignee ? (
          <Avatar userId={assignee.userId} name={assignee.name} email={assignee.email} size="xs" />
        ) : (
          <UserIcon />
        )}
        <span className="truncate">
          {assignee ? (
            <bdi>
              {assignee.userId === me ? t("contacts.assign.me", { name: display(assignee) }) : display(assignee)}
            </bdi>
          ) : (
            t("contacts.unassigned")
          )}
        </span>
        <span className="sr-only">{t("contacts.assign.button")}</span>
        <Icon name="chevronDown" className="size-4 shrink-0 text-gray-400" />
      </button>
      {open ? (
        <AssignDialog
          workspaceId={workspaceId}
          contactId={contactId}
          contactName={contactName}
          me={me}
          assignee={assignee}
          assign={assign}
          search={search}
          leaveTo={leaveTo}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}

function UserIcon() {
  return (
    <span
      aria-hidden="true"
      className="inline-grid size-6 place-items-center rounded-full border border-dashed border-gray-400 text-gray-400"
    >
      <Icon name="user" className="size-3.5" />
    </span>
  );
}

function AssignDialog({
  workspaceId,
  contactId,
  contactName,
  me,
  assignee,
  assign,
  search,
  leaveTo,
  onClose,
}: {
  workspaceId: string;
  contactId: string;
  contactName: string;
  me: string;
  assignee: Assignee | null;
  assign: AssignAction;
  search: SearchAction;
  leaveTo: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const id = useId();
  const [query, setQuery] = useState("");
  const [q, setQ] = useState("");
  const [members, setMembers] = useState<Assignee[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setQ(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    let live = true;
    search(workspaceId, { q }).then((result) => {
      if (!live) return;
      if (result.ok) setMembers(result.data);
      else setError(result.message);
    });
    return () => {
      live = false;
    };
  }, [workspaceId, q, search]);

  async function choose(assigneeId: string | null) {
    setBusy(true);
    setError(null);
    const result = await assign(workspaceId, { contactId, assigneeId });
    setBusy(false);
    if (!result.ok) {
      setError(result.fieldErrors?.assigneeId ?? result.message);
      return;
    }
    onClose();
    if (result.data.stillVisible) router.refresh();
    else router.replace(leaveTo);
  }

  return (
    <Dialog
      title={withIsolated((v) => t("contacts.assign.title", { name: v }), contactName)}
      size="sm"
      onClose={onClose}
    >
      <div className="grid gap-3" data-testid="assign-dialog">
        <p className="text-gray-600">
          {assignee
            ? withIsolated((v) => t("contacts.assign.current", { name: v }), display(assignee))
            : t("contacts.assign.nobody")}
        </p>
        <div className="flex flex-wrap gap-2">
          {assignee?.userId !== me ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => choose(me)}
              className={buttonClass()}
              data-testid="assign-me"
            >
              {t("contacts.assign.toMe")}
            </button>
          ) : null}
          {assignee ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => choose(null)}
              className={buttonClass("secondary")}
              data-testid="unassign"
            >
              {t("contacts.assign.unassign")}
            </button>
          ) : null}
        </div>
        <div>
          <label htmlFor={`${id}-q`} className="block text-sm font-medium text-gray-800">
            {t("contacts.assign.search")}
          </label>
          <input
            id={`${id}-q`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            className={inputClass}
          />
        </div>
        <ul
          className="max-h-64 overflow-y-auto rounded-lg border border-gray-200"
          aria-busy={members === null || undefined}
          aria-label={t("contacts.assign.search")}
        >
          {members === null ? <li className="px-3 py-2 text-gray-500">{t("contacts.assign.loading")}</li> : null}
          {members && members.length === 0 ? (
            <li className="px-3 py-2 text-gray-500">{t("contacts.assign.noMatch")}</li>
          ) : null}
          {(members ?? []).map((m) => {
            const current = assignee?.userId === m.userId;
            return (
              <li key={m.userId}>
                <button
                  type="button"
                  disabled={busy || current}
                  aria-current={current || undefined}
                  onClick={() => choose(m.userId)}
                  className={cx(
                    "flex w-full items-center gap-3 px-3 py-2 text-start",
                    "hover:bg-gray-50 disabled:cursor-default",
                    current ? "bg-brand-50" : "",
                  )}
                >
                  <Avatar
                    userId={m.userId}
                    name={m.name}
                    email={m.email}
                    size="sm"
                    status={m.dot}
                    statusLabel={m.dot ? t(DOT_LABEL[m.dot]) : undefined}
                  />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium text-gray-900" dir="auto">
                      {m.userId === me ? t("contacts.assign.me", { name: display(m) }) : display(m)}
                    </span>
                    <span className="block truncate text-xs text-gray-500" dir="ltr">
                      {m.email}
                    </span>
                  </span>
                  {current ? <Icon name="check" className="size-4 text-brand-600" /> : null}
                </button>
              </li>
            );
          })}
        </ul>
        <FormAlert message={error} />
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
