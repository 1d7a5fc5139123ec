"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Avatar } from "@/app/components/avatar";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { usePresence, type PresenceState } from "@/lib/presence/client";
import { presenceDot, type PresenceDot } from "@/lib/validation/availability";
import { restrictionLabels, shortList } from "@/app/components/access-summary";
import { InvitationActions } from "./invitation-actions";
import { Expiry, LastActive } from "@/app/components/last-active";
import { MemberActions } from "./member-actions";
import { cx, tableBoxClass, thClass } from "@/app/components/styles";
import { Icon } from "@/app/components/icons";
import type { MailState } from "@/lib/mail/queue";
import { BulkBar, type Selection } from "./bulk-actions";
import { AccessUntilNote, type AccessUntilItem } from "./access-until-fields";

export interface MemberItem {
  kind: "member";
  id: string;
  name: string | null;
  email: string;
  image: string | null;
  role: Role;
  /** A custom role: its id and name (the level is its base). */
  roleId: string | null;
  roleName: string | null;
  restrictions: string[];
  lastActiveAt: string | null;
  online: boolean;
  away: boolean;
  isSelf: boolean;
  manageable: boolean;
  accessUntil: AccessUntilItem | null;
}

export interface InvitationItem {
  kind: "invitation";
  id: string;
  email: string;
  role: Role;
  roleId: string | null;
  roleName: string | null;
  restrictions: string[];
  expiresAt: string;
  inviter: string | null;
  /** The newest invitation email: its state and, when it failed, a generic reason (never the server's text). */
  mail: MailState | null;
  manageable: boolean;
  accessUntil: AccessUntilItem | null;
  linkCopyable: boolean;
}

/** One row of the list: members and pending invitations share one order (docs/PRODUCT.md, Users page). */
export type PersonItem = MemberItem | InvitationItem;

// The actions column stays in view while a narrow screen scrolls the table sideways.
const STICKY_END = "sticky end-0 z-10";

/**
 * Members and pending invitations, one row each; the status dots follow the presence stream. With
 * `bulk` (the viewer manages users), rows the viewer may change can be ticked for a bulk action.
 */
export function UsersTable({
  workspaceId,
  people,
  roles,
  serverNow,
  bulk,
}: {
  workspaceId: string;
  people: PersonItem[];
  roles: Role[];
  serverNow: number;
  /** How many rows match across pages, and the list's search and filter ("select all matching"). */
  bulk?: { matching: number; q: string; inactiveDays?: 7 | 30 | 90 };
}) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const key = (p: PersonItem) => `${p.kind}:${p.id}`;
  const pickable = people.filter((p) => p.manageable);
  const pageTicked = pickable.length > 0 && pickable.every((p) => picked.has(key(p)));
  const toggle = (k: string) => {
    setAllMatching(false);
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });
  };
  const clear = () => {
    setPicked(new Set());
    setAllMatching(false);
  };
  const ids = (kind: string) =>
    [...picked].filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1));
  const selection: Selection =
    allMatching && bulk
      ? { all: { q: bulk.q, ...(bulk.inactiveDays ? { inactiveDays: bulk.inactiveDays } : {}) } }
      : { members: ids("member"), invitations: ids("invitation") };
  const selected = allMatching && bulk ? bulk.matching : picked.size;
  const initial = useMemo(
    () =>
      Object.fromEntries(
        people.flatMap((p): [string, PresenceState][] =>
          p.kind === "member" ? [[p.id, { online: p.online, away: p.away }]] : [],
        ),
      ),
    [people],
  );
  const presence = usePresence(workspaceId, initial);
  // Someone online who is not in the list (an invitee who just accepted, say): load the list
  // again, once per person, so the new row appears without a reload.
  const router = useRouter();
  const asked = useRef(new Set<string>());
  useEffect(() => {
    const fresh = Object.keys(presence).filter(
      (id) => presence[id]?.online && !(id in initial) && !asked.current.has(id),
    );
    if (fresh.length === 0) return;
    for (const id of fresh) asked.current.add(id);
    router.refresh();
  }, [presence, initial, router]);

  return (
    <>
      {bulk && selected > 0 ? (
        <BulkBar
          workspaceId={workspaceId}
          selection={selection}
          count={selected}
          matching={bulk.matching > pickable.length ? bulk.matching : null}
          onSelectAll={() => setAllMatching(true)}
          onClear={clear}
          roles={roles}
          hasMembers={allMatching || ids("member").length > 0}
          hasInvitations={(allMatching && !bulk.inactiveDays) || ids("invitation").length > 0}
        />
      ) : null}
      <div className={tableBoxClass}>
        <table
          className="w-full min-w-[720px] text-sm [&_td]:px-4 [&_td]:py-3 [&_td]:align-middle"
          data-testid="users-table"
        >
          <caption className="sr-only">{t("users.table.caption")}</caption>
          <thead className="border-b border-gray-200 bg-gray-50">
            <tr>
              {bulk ? (
                <th scope="col" className={cx(thClass, "w-10 pe-0")}>
                  <input
                    type="checkbox"
                    checked={pageTicked || allMatching}
                    disabled={pickable.length === 0}
                    onChange={() => {
                      setAllMatching(false);
                      setPicked(pageTicked ? new Set() : new Set(pickable.map(key)));
                    }}
                    aria-label={t("users.bulkEdit.selectPage")}
                    data-testid="bulk-select-page"
                    className="size-4 rounded border-gray-300 text-brand-600 focus:ring-brand-500"
                  />
                </th>
              ) : null}
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
                {t("users.table.lastActive")}
              </th>
              <th scope="col" className={cx(thClass, STICKY_END, "w-12 bg-gray-50")}>
                <span className="sr-only">{t("users.table.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {people.map((p) =>
              p.kind === "invitation" ? (
                <InvitationRow
                  key={p.id}
                  inv={p}
                  workspaceId={workspaceId}
                  roles={roles}
                  serverNow={serverNow}
                  pick={bulk ? { on: allMatching || picked.has(key(p)), toggle: () => toggle(key(p)) } : undefined}
                />
              ) : (
                <MemberRow
                  key={p.id}
                  m={p}
                  dot={presenceDot(presence[p.id]?.online ?? p.online, presence[p.id]?.away ?? p.away)}
                  workspaceId={workspaceId}
                  roles={roles}
                  serverNow={serverNow}
                  pick={bulk ? { on: allMatching || picked.has(key(p)), toggle: () => toggle(key(p)) } : undefined}
                />
              ),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

type RowProps = {
  workspaceId: string;
  roles: Role[];
  serverNow: number;
  /** The bulk-selection tick of this row (shown only when the list offers bulk actions). */
  pick?: { on: boolean; toggle: () => void };
};

/** The bulk-selection cell: a checkbox on rows the viewer may change, empty on the others. */
function PickCell({ pick, manageable, name }: { pick?: RowProps["pick"]; manageable: boolean; name: string }) {
  const { t } = useI18n();
  if (!pick) return null;
  return (
    <td className="w-10 pe-0">
      {manageable ? (
        <input
          type="checkbox"
          checked={pick.on}
          onChange={pick.toggle}
          aria-label={t("users.bulkEdit.selectRow", { name })}
          data-testid="bulk-select"
          className="size-4 rounded border-gray-300 text-brand-600 focus:ring-brand-500"
        />
      ) : null}
    </td>
  );
}

function InvitationRow({ inv, workspaceId, roles, serverNow, pick }: RowProps & { inv: InvitationItem }) {
  const { t } = useI18n();
  return (
    <tr data-testid="invitation-row" data-email={inv.email}>
      <PickCell pick={pick} manageable={inv.manageable} name={inv.email} />
      <td>
        <div className="flex items-center gap-3">
          <span
            aria-hidden="true"
            className={cx(
              "grid size-10 shrink-0 place-items-center rounded-full border",
              "border-dashed border-gray-300 bg-gray-50 text-gray-400",
            )}
          >
            <Icon name="envelope" className="size-5" />
          </span>
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <span className="truncate font-medium text-gray-900" dir="ltr">
                {inv.email}
              </span>
              <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">
                {t("users.pending")}
              </span>
            </div>
            {inv.inviter ? (
              <p className="truncate text-xs text-gray-500">
                <bdi>{t("users.invitedBy", { name: inv.inviter })}</bdi>
              </p>
            ) : null}
            {inv.mail ? <MailStateNote state={inv.mail} /> : null}
            {inv.accessUntil ? <AccessUntilNote item={inv.accessUntil} /> : null}
          </div>
        </div>
      </td>
      <td>
        <Access role={inv.role} roleName={inv.roleName} restrictions={inv.restrictions} />
      </td>
      <td className="text-gray-600">
        <span dir="ltr">{inv.email}</span>
      </td>
      <td className="whitespace-nowrap text-gray-600">
        <Expiry at={inv.expiresAt} serverNow={serverNow} />
      </td>
      <td className={cx(STICKY_END, "bg-white text-end")}>
        {inv.manageable ? <InvitationActions workspaceId={workspaceId} invitation={inv} roles={roles} /> : null}
      </td>
    </tr>
  );
}

const MAIL_TONE: Record<MailState["status"], string> = {
  queued: "text-gray-500",
  sent: "text-gray-500",
  failing: "text-amber-800",
  bounced: "text-red-700",
};

function MailStateNote({ state }: { state: MailState }) {
  const { t } = useI18n();
  const reason = t(`users.mail.reason.${state.reason ?? "unknown"}`);
  return (
    <p data-testid="invitation-mail" data-status={state.status} className={cx("text-xs", MAIL_TONE[state.status])}>
      {state.status === "failing" || state.status === "bounced"
        ? t(`users.mail.${state.status}`, { reason })
        : t(`users.mail.${state.status}`)}
    </p>
  );
}

const DOT_LABEL = { online: "users.online", away: "users.away", offline: "users.offline" } as const;

function MemberRow({ m, dot, workspaceId, roles, serverNow, pick }: RowProps & { m: MemberItem; dot: PresenceDot }) {
  const { t } = useI18n();
  const online = dot !== "offline";
  const displayName = m.name || m.email;
  return (
    <tr data-testid="member-row" data-email={m.email}>
      <PickCell pick={pick} manageable={m.manageable} name={displayName} />
      <td>
        <div className="flex items-center gap-3">
          <Avatar
            userId={m.id}
            name={m.name}
            email={m.email}
            image={m.image}
            status={dot}
            statusLabel={t(DOT_LABEL[dot])}
          />
          <div className="min-w-0">
            <span className="block truncate font-medium text-gray-900" dir="auto">
              {displayName}
            </span>
            {m.isSelf ? <span className="text-xs text-gray-500">{t("users.you")}</span> : null}
            {/* The dot's state in words too, not by colour alone. */}
            {dot === "away" ? (
              <span className="block text-xs font-medium text-amber-700" data-testid="away-label">
                {t("shell.status.away")}
              </span>
            ) : null}
            {m.accessUntil ? <AccessUntilNote item={m.accessUntil} /> : null}
          </div>
        </div>
      </td>
      <td data-testid="member-access">
        <Access role={m.role} roleName={m.roleName} restrictions={m.restrictions} />
      </td>
      <td className="text-gray-600">
        <span dir="ltr">{m.email}</span>
      </td>
      <td className="whitespace-nowrap">
        <LastActive online={online} at={m.lastActiveAt} serverNow={serverNow} />
      </td>
      <td className={cx(STICKY_END, "bg-white text-end")}>
        <MemberActions
          workspaceId={workspaceId}
          target={{
            userId: m.id,
            displayName,
            role: m.role,
            roleId: m.roleId,
            restrictions: m.restrictions,
            accessUntil: m.accessUntil,
          }}
          roles={roles}
          manageable={m.manageable}
        />
      </td>
    </tr>
  );
}

/** The level (or the custom role's name, its base in a muted hint), and under it the restrictions in short words. */
export function Access({
  role,
  roleName = null,
  restrictions,
}: {
  role: Role;
  roleName?: string | null;
  restrictions: string[];
}) {
  const { t, locale } = useI18n();
  const labels = restrictionLabels(t, role, restrictions);
  return (
    <>
      {roleName ? (
        <>
          <span className="block text-gray-900" data-testid="access-role-name">
            <bdi>{roleName}</bdi>
          </span>
          <span className="block text-xs text-gray-500">
            {t("roles.choice.customHint", { base: t(`common.roles.${role}`) })}
          </span>
        </>
      ) : (
        <span className="block text-gray-900">{t(`common.roles.${role}`)}</span>
      )}
      {labels.length ? <span className="block text-xs text-gray-500">{shortList(locale, labels)}</span> : null}
    </>
  );
}
