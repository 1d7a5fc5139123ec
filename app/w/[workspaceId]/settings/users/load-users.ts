import "server-only";
import type { DbOrTrx } from "@/db";
import type { MemberContext } from "@/lib/access/member";
import { can, canManageRole, type Role } from "@/lib/access/matrix";
import { countHolding } from "@/lib/services/roles";
import type { Translator } from "@/lib/i18n/translate";
import { invitationMailStates } from "@/lib/mail/queue";
import { countPendingInvitations } from "@/lib/services/invitations";
import { countMembers, inactiveSummary, listPeople } from "@/lib/services/members";
import { countDeactivated, listDeactivated } from "@/lib/services/deactivated-list";
import { loadActivity } from "./load-activity";
import type { DeactivatedItem } from "./deactivated-table";
import type { PersonItem } from "./users-table";
import type { AccessUntilItem } from "./access-until-fields";

const untilItem = (u: { at: Date; reassignTo: AccessUntilItem["reassignTo"] } | null): AccessUntilItem | null =>
  u ? { at: new Date(u.at).toISOString(), reassignTo: u.reassignTo } : null;

export const PAGE_SIZE = 50;

/**
 * Everything the Users page shows, reduced to what the UI needs (no token hashes, no
 * versions, no raw mail errors): one keyset page of people (members and pending invitations
 * in one list, each invitation with the delivery state of its newest email),
 * counts, and the activity for Owners.
 */
export async function loadUsersPage(
  db: DbOrTrx,
  viewer: MemberContext,
  opts: {
    q: string;
    cursor?: string;
    activityCursor?: string;
    t: Translator;
    locale: string;
    /** The *Deactivated* filter lists its own rows (loadDeactivatedPage); the counts are read either way. */
    status?: "active" | "deactivated";
    /** "Not active for" this many days: members only, with how many match and the seats they hold. */
    inactiveDays?: 7 | 30 | 90;
    /** Only people holding this level (no custom role) or this custom role; not combined with inactiveDays. */
    role?: { role: Role; roleId: string | null };
  },
) {
  const ws = viewer.workspaceId;
  const listed = opts.status !== "deactivated";
  const role = listed ? opts.role : undefined;
  const inactiveDays = listed && !role ? opts.inactiveDays : undefined;
  const [page, total, pendingTotal, deactivatedTotal, matches, activity, inactive] = await Promise.all([
    listed
      ? listPeople(db, ws, { q: opts.q, cursor: opts.cursor, limit: PAGE_SIZE, inactiveDays, role })
      : Promise.resolve({ rows: [], nextCursor: null }),
    countMembers(db, ws),
    countPendingInvitations(db, ws),
    countDeactivated(db, ws),
    role
      ? countHolding(db, ws, role, opts.q)
      : listed && opts.q && !inactiveDays
        ? Promise.all([countMembers(db, ws, opts.q), countPendingInvitations(db, ws, opts.q)]).then(([m, i]) => m + i)
        : Promise.resolve(null),
    can(viewer, "audit.view") ? loadActivity(db, ws, opts.t, opts.locale, opts.activityCursor) : Promise.resolve(null),
    inactiveDays ? inactiveSummary(db, ws, inactiveDays, opts.q) : Promise.resolve(null),
  ]);
  const mail = await invitationMailStates(
    db,
    ws,
    page.rows.filter((r) => r.kind === "invitation").map((r) => r.id),
  );
  const people: PersonItem[] = page.rows.map((r) =>
    r.kind === "member"
      ? {
          kind: "member",
          id: r.id,
          name: r.name,
          email: r.email,
          image: r.image,
          role: r.role,
          roleId: r.roleId,
          roleName: r.roleName,
          restrictions: r.restrictions,
          lastActiveAt: r.lastActiveAt ? new Date(r.lastActiveAt).toISOString() : null,
          online: r.online,
          away: r.away,
          isSelf: r.id === viewer.userId,
          manageable: r.id !== viewer.userId && canManageRole(viewer, r.role),
          accessUntil: untilItem(r.accessUntil),
        }
      : {
          kind: "invitation",
          id: r.id,
          email: r.email,
          role: r.role,
          roleId: r.roleId,
          roleName: r.roleName,
          restrictions: r.restrictions,
          expiresAt: new Date(r.expiresAt).toISOString(),
          inviter: r.inviter,
          mail: mail.get(r.id) ?? null,
          manageable: canManageRole(viewer, r.role),
          accessUntil: untilItem(r.accessUntil),
          // Copy invitation link: the inviter or an Owner (lib/services/invitations.ts copyInvitationLink).
          linkCopyable: canManageRole(viewer, r.role) && (viewer.role === "owner" || r.inviterId === viewer.userId),
        },
  );
  return {
    people,
    nextCursor: page.nextCursor,
    total,
    matches: inactive ? inactive.count : matches,
    inactive,
    pendingTotal,
    deactivatedTotal,
    activity,
    serverNow: Date.now(),
  };
}

/** The *Deactivated* filter: one keyset page of deactivated members, and how many match a search. */
export async function loadDeactivatedPage(
  db: DbOrTrx,
  viewer: MemberContext,
  opts: { q: string; cursor?: string },
): Promise<{ people: DeactivatedItem[]; nextCursor: string | null; matches: number | null }> {
  const ws = viewer.workspaceId;
  const [page, matches] = await Promise.all([
    listDeactivated(db, ws, { q: opts.q, cursor: opts.cursor, limit: PAGE_SIZE }),
    opts.q ? countDeactivated(db, ws, opts.q) : Promise.resolve(null),
  ]);
  return {
    people: page.rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      image: r.image,
      role: r.role,
      restrictions: r.restrictions,
      deactivatedAt: new Date(r.deactivatedAt).toISOString(),
      deactivatedBy: r.deactivatedBy,
      manageable: canManageRole(viewer, r.role),
    })),
    nextCursor: page.nextCursor,
    matches,
  };
}
