import "server-only";
import { sql, type RawBuilder } from "kysely";
import { contactVisibility, type MemberAccess } from "./matrix";

export interface VisibilityMember extends MemberAccess {
  userId: string;
  workspaceId: string;
}

/** The user ids of the member's team-mates (themselves included when in a team), tenant-scoped. */
export function teamMates(member: VisibilityMember): RawBuilder<string> {
  return sql<string>`(
    SELECT mate.user_id FROM team_members mine JOIN team_members mate ON mate.team_id = mine.team_id
    WHERE mine.workspace_id = ${member.workspaceId}::uuid AND mine.user_id = ${member.userId}::uuid)`;
}

/**
 * THE predicate "contacts this member may see" (docs/PERMISSIONS.md), used by every read and write
 * that touches a contact: inbox, contacts list, search, detail, pickers, exports,
 * dashboard counts and actions. Tenant scope is part of it. `alias` names the contacts
 * table in the surrounding query. With a visibility limit, unassigned contacts are hidden.
 */
export function contactVisible(member: VisibilityMember, alias = "c"): RawBuilder<boolean> {
  const ws = sql.ref(`${alias}.workspace_id`);
  const assignee = sql.ref(`${alias}.assignee_id`);
  const scope = sql<boolean>`${ws} = ${member.workspaceId}::uuid`;
  switch (contactVisibility(member)) {
    case "all":
      return scope;
    case "self":
      return sql<boolean>`(${scope} AND ${assignee} = ${member.userId}::uuid)`;
    case "team":
      return sql<boolean>`(${scope} AND (${assignee} = ${member.userId}::uuid OR ${assignee} IN ${teamMates(member)}))`;
  }
}
