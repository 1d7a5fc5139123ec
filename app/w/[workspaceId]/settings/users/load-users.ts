import "server-only";
import type { DbOrTrx } from "@/db";
import type { MemberContext } from "@/lib/access/member";
import { canManageRole } from "@/lib/access/matrix";
import type { Translator } from "@/lib/i18n/translate";
import { countPendingInvitations, listPendingInvitations } from "@/lib/services/invitations";
import { countMembers, listMembers } from "@/lib/services/members";
import { loadActivity } from "./load-activity";
import type { InvitationItem, MemberItem } from "./users-table";

export const PAGE_SIZE = 50;

/**
 * Everything the Users page shows, reduced to what the UI needs (no token hashes, no
 * versions): one keyset page of members, the pending invitations on the first page,
 * counts, and the activity for Owners.
 */
export async function loadUsersPage(db: DbOrTrx, viewer: MemberContext, opts: { q: string; cursor?: string; t: Translator; locale: string }) {
  const ws = viewer.workspaceId;
  const [page, total, matches, invitations, pendingTotal, activity] = await Promise.all([
    listMembers(db, ws, { q: opts.q, cursor: opts.cursor, limit: PAGE_SIZE }),
    countMembers(db, ws),
    opts.q ? countMembers(db, ws, opts.q) : Promise.resolve(null),
    opts.cursor ? Promise.resolve([]) : listPendingInvitations(db, ws, opts.q, PAGE_SIZE),
    countPendingInvitations(db, ws),
    viewer.role === "owner" ? loadActivity(db, ws, opts.t, opts.locale) : Promise.resolve(null),
  ]);
  const members: MemberItem[] = page.rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    email: r.email,
    image: r.image,
    role: r.role,
    restrictions: r.restrictions,
    lastActiveAt: r.lastActiveAt ? new Date(r.lastActiveAt).toISOString() : null,
    online: r.online,
    isSelf: r.userId === viewer.userId,
    manageable: r.userId !== viewer.userId && canManageRole(viewer, r.role),
  }));
  const pending: InvitationItem[] = invitations.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    restrictions: i.restrictions,
    expiresAt: new Date(i.expiresAt).toISOString(),
    inviter: i.inviterName ?? i.inviterEmail,
    manageable: canManageRole(viewer, i.role),
  }));
  return { members, pending, nextCursor: page.nextCursor, total, matches, pendingTotal, activity, serverNow: Date.now() };
}
