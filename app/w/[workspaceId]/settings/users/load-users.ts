import "server-only";
import type { DbOrTrx } from "@/db";
import type { MemberContext } from "@/lib/access/member";
import { can, canManageRole } from "@/lib/access/matrix";
import type { Translator } from "@/lib/i18n/translate";
import { invitationMailStates } from "@/lib/mail/queue";
import { countPendingInvitations } from "@/lib/services/invitations";
import { countMembers, listPeople } from "@/lib/services/members";
import { loadActivity } from "./load-activity";
import type { PersonItem } from "./users-table";

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
  opts: { q: string; cursor?: string; activityCursor?: string; t: Translator; locale: string },
) {
  const ws = viewer.workspaceId;
  const [page, total, pendingTotal, matches, activity] = await Promise.all([
    listPeople(db, ws, { q: opts.q, cursor: opts.cursor, limit: PAGE_SIZE }),
    countMembers(db, ws),
    countPendingInvitations(db, ws),
    opts.q
      ? Promise.all([countMembers(db, ws, opts.q), countPendingInvitations(db, ws, opts.q)]).then(([m, i]) => m + i)
      : Promise.resolve(null),
    can(viewer, "audit.view") ? loadActivity(db, ws, opts.t, opts.locale, opts.activityCursor) : Promise.resolve(null),
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
          restrictions: r.restrictions,
          lastActiveAt: r.lastActiveAt ? new Date(r.lastActiveAt).toISOString() : null,
          online: r.online,
          isSelf: r.id === viewer.userId,
          manageable: r.id !== viewer.userId && canManageRole(viewer, r.role),
        }
      : {
          kind: "invitation",
          id: r.id,
          email: r.email,
          role: r.role,
          restrictions: r.restrictions,
          expiresAt: new Date(r.expiresAt).toISOString(),
          inviter: r.inviter,
          mail: mail.get(r.id) ?? null,
          manageable: canManageRole(viewer, r.role),
        },
  );
  return { people, nextCursor: page.nextCursor, total, matches, pendingTotal, activity, serverNow: Date.now() };
}
