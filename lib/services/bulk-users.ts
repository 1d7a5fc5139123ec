import "server-only";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "@/db";
import type { Actor } from "@/lib/access/member";
import { DomainError } from "@/lib/errors";
import { BULK_MAX, type BulkUsersInput } from "@/lib/validation/users";
import { deactivateMember } from "./deactivation";
import { cancelInvitation, resendInvitation, updateInvitation } from "./invitations";
import { updateMemberAccess } from "./member-changes";
import { inactiveFor, likePattern, memberMatches, memberSortKey, pendingInvitation } from "./people-sql";

// Bulk actions on the Users list (docs/PRODUCT.md, Users page, bulk actions). Each row goes through
// the same service, in its own transaction, as the row's own action would: authorized on its own
// (level, self, last Owner, rate limits), so a refused row changes nothing and the others proceed.

export interface BulkTarget {
  kind: "member" | "invitation";
  id: string;
  /** The name or email the result list shows. */
  label: string;
}

/** The rows of this workspace the selection names (tenant in the SQL), in the list's order. */
export async function resolveBulkTargets(
  db: DbOrTrx,
  workspaceId: string,
  selection: BulkUsersInput["selection"],
): Promise<BulkTarget[]> {
  const all = "all" in selection ? selection.all : null;
  const picked = "all" in selection ? null : selection;
  type Kind = "member" | "invitation";
  let members = db
    .selectFrom("workspace_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select([sql<Kind>`'member'`.as("kind"), "u.id as id", sql<string>`coalesce(u.name, u.email)`.as("label")])
    .select(memberSortKey().as("sort_key"))
    .where("m.workspace_id", "=", workspaceId);
  let invitations = db
    .selectFrom("invitations as i")
    .select([sql<Kind>`'invitation'`.as("kind"), "i.id as id", "i.email as label", "i.email as sort_key"])
    .where("i.workspace_id", "=", workspaceId)
    .where(pendingInvitation());
  if (picked) {
    // A side with nothing ticked selects nothing (an empty IN list is not SQL).
    members = members.where(
      picked.members.length
        ? sql<boolean>`m.user_id IN (${sql.join(picked.members.map((id) => sql`${id}::uuid`))})`
        : sql<boolean>`false`,
    );
    invitations = invitations.where(
      picked.invitations.length
        ? sql<boolean>`i.id IN (${sql.join(picked.invitations.map((id) => sql`${id}::uuid`))})`
        : sql<boolean>`false`,
    );
  } else if (all) {
    if (all.q) {
      members = members.where(memberMatches(all.q));
      invitations = invitations.where("i.email", "like", likePattern(all.q));
    }
    if (all.inactiveDays) {
      members = members.where(inactiveFor(all.inactiveDays));
      // "Not active for" lists members only.
      invitations = invitations.where(sql<boolean>`false`);
    }
  }
  const rows = await members
    .unionAll(invitations)
    .orderBy("sort_key")
    .orderBy("id")
    .limit(BULK_MAX + 1)
    .execute();
  if (rows.length > BULK_MAX)
    throw new DomainError("invalidInput", { messageKey: "users.bulkEdit.tooMany", details: { max: String(BULK_MAX) } });
  return rows.map((r) => ({ kind: r.kind, id: r.id, label: r.label }));
}

/** Do the operation to one row, through that row's own service. */
export async function bulkOne(db: Db, actor: Actor, target: BulkTarget, op: BulkUsersInput["op"]): Promise<unknown> {
  const invitation = target.kind === "invitation";
  switch (op.kind) {
    case "access": {
      const access = { role: op.role, roleId: op.roleId, restrictions: op.restrictions };
      return invitation
        ? updateInvitation(db, actor, { invitationId: target.id, ...access })
        : updateMemberAccess(db, actor, { userId: target.id, ...access });
    }
    case "deactivate":
      if (invitation) throw new DomainError("invalidInput", { messageKey: "users.bulkEdit.membersOnly" });
      return deactivateMember(db, actor, { userId: target.id, reassignTo: op.reassignTo });
    case "resend":
    case "cancel":
      if (!invitation) throw new DomainError("invalidInput", { messageKey: "users.bulkEdit.invitationsOnly" });
      return op.kind === "resend" ? resendInvitation(db, actor, target.id) : cancelInvitation(db, actor, target.id);
  }
}
