import "server-only";
import { sql, type RawBuilder } from "kysely";
import { VISIBILITIES, contactVisibility, type MemberAccess, type Visibility } from "./matrix";

export interface VisibilityMember extends MemberAccess {
  userId: string;
  workspaceId: string;
}

/** Whose contacts, as SQL values: literals for the member of this request, columns for a list of members. */
export interface VisibilityValues {
  visibility: RawBuilder<Visibility>;
  userId: RawBuilder<string>;
  workspaceId: RawBuilder<string>;
}

/** The user ids of those sharing a team with `userId` (themselves included when in a team), in the workspace. */
function matesOf(userId: RawBuilder<string>, workspaceId: RawBuilder<string>): RawBuilder<string> {
  return sql<string>`(
    SELECT mate.user_id FROM team_members mine JOIN team_members mate ON mate.team_id = mine.team_id
    WHERE mine.workspace_id = ${workspaceId} AND mine.user_id = ${userId})`;
}

const literals = (member: VisibilityMember): VisibilityValues => {
  const visibility = contactVisibility(member);
  return {
    // A literal, not a parameter: the planner folds the comparisons below away, so each request's query is
    // exactly the one for its visibility (and uses the assignee index for a limited Agent).
    visibility: sql.lit(VISIBILITIES.includes(visibility) ? visibility : "self") as RawBuilder<Visibility>,
    userId: sql<string>`${member.userId}::uuid`,
    workspaceId: sql<string>`${member.workspaceId}::uuid`,
  };
};

/** The user ids of the member's team-mates (themselves included when in a team), tenant-scoped. */
export function teamMates(member: VisibilityMember): RawBuilder<string> {
  const v = literals(member);
  return matesOf(v.userId, v.workspaceId);
}

/**
 * THE predicate "contacts these members may see", built once from SQL values (visibility, user id,
 * workspace id): the tenant scope; then all contacts, or those assigned to the member, or (team) to someone
 * sharing a team with them. With a visibility limit, unassigned contacts are hidden. `alias` names the contacts
 * table. "Shares a team" is symmetric; `fixed` says which side is one row in the query, so its team-mates are
 * read once (a hashed set) instead of once per row: the member (lists of contacts) or the contact (the members
 * who can see one contact).
 */
export function visibleTo(
  v: VisibilityValues,
  alias = "c",
  fixed: "member" | "contact" = "member",
): RawBuilder<boolean> {
  const ws = sql.ref(`${alias}.workspace_id`);
  const assignee = sql<string>`${sql.ref(`${alias}.assignee_id`)}`;
  const mates =
    fixed === "member"
      ? sql<boolean>`${assignee} IN ${matesOf(v.userId, v.workspaceId)}`
      : sql<boolean>`${v.userId} IN ${matesOf(assignee, sql<string>`${ws}`)}`;
  return sql<boolean>`(${ws} = ${v.workspaceId} AND (${v.visibility}::text = 'all' OR ${assignee} = ${v.userId}
    OR (${v.visibility}::text = 'team' AND ${mates})))`;
}

/**
 * The predicate for the member of this request (docs/PERMISSIONS.md), used by every read and write that
 * touches a contact: inbox, contacts list, search, detail, pickers, exports, dashboard counts and actions.
 */
export function contactVisible(member: VisibilityMember, alias = "c"): RawBuilder<boolean> {
  return visibleTo(literals(member), alias);
}

/**
 * A member row's contact visibility computed in SQL exactly as contactVisibility() does: an Owner- or
 * Manager-like member sees all; an Agent-like one their custom role's visibility (`roleAlias`, the joined
 * workspace_roles row; none: all) narrowed by a see_self / see_team restriction.
 */
export function memberVisibilitySql(memberAlias = "m", roleAlias = "cr"): RawBuilder<Visibility> {
  const role = sql.ref(`${memberAlias}.role`);
  const restrictions = sql.ref(`${memberAlias}.restrictions`);
  const own = sql.ref(`${roleAlias}.visibility`);
  return sql<Visibility>`(CASE WHEN ${role} <> 'agent' THEN 'all'
    WHEN 'see_self' = ANY(${restrictions}) OR ${own} = 'self' THEN 'self'
    WHEN 'see_team' = ANY(${restrictions}) OR ${own} = 'team' THEN 'team'
    ELSE 'all' END)`;
}

/**
 * Whether a member row reaches contacts at all (can inbox.view or contacts.view): every built-in level has
 * the inbox and no restriction takes either away, so a custom role needs one of them in its permissions.
 */
export function reachesContactsSql(memberAlias = "m", roleAlias = "cr"): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${memberAlias}.role_id`)} IS NULL
    OR ${sql.ref(`${roleAlias}.permissions`)} && ARRAY['inbox.view', 'contacts.view']::text[])`;
}
