import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { explainVisibility, type AccessExplanation } from "@/lib/access/explain";
import type { MemberContext } from "@/lib/access/member";
import { loadMember } from "@/lib/access/member";
import type { Role, Visibility } from "@/lib/access/matrix";
import {
  contactVisible,
  memberVisibilitySql,
  reachesContactsSql,
  visibleTo,
  type VisibilityMember,
} from "@/lib/access/visibility";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/id";
import { personSortKey } from "./people-sql";

// "Who can see this contact" (docs/PRODUCT.md, Contacts): the members of the workspace for whom the one
// visibility predicate (lib/access/visibility.ts) holds, fed each member row's own visibility computed in SQL.

export const AUDIENCE_PAGE = 50;

/** The contact, if the viewer may see it (tenant and the viewer's own visibility in the SQL). */
async function visibleContact(db: DbOrTrx, viewer: VisibilityMember, contactId: string) {
  if (!isUuid(contactId)) throw new DomainError("notFound");
  const contact = await db
    .selectFrom("contacts as c")
    .leftJoin("users as a", "a.id", "c.assignee_id")
    .select(["c.id", "c.assignee_id", "a.name as assignee_name", "a.email as assignee_email"])
    .where("c.id", "=", contactId)
    .where(contactVisible(viewer, "c"))
    .executeTakeFirst();
  if (!contact) throw new DomainError("notFound");
  return contact;
}

/**
 * Members of the workspace with their visibility (SQL) and whether they see the contact. The contact is the
 * one row `c` (its workspace and assignee, as read just before), so the predicate reads the assignee's
 * team-mates once.
 */
function audienceQuery(db: DbOrTrx, workspaceId: string, assigneeId: string | null) {
  return db
    .selectFrom(
      sql<{ workspace_id: string; assignee_id: string | null }>`(SELECT ${workspaceId}::uuid AS workspace_id,
        ${assigneeId}::uuid AS assignee_id)`.as("c"),
    )
    .innerJoin("workspace_members as m", "m.workspace_id", "c.workspace_id")
    .leftJoin("workspace_roles as cr", (join) =>
      join.onRef("cr.workspace_id", "=", "m.workspace_id").onRef("cr.id", "=", "m.role_id"),
    )
    .innerJoin("users as u", "u.id", "m.user_id");
}

const sees = visibleTo(
  {
    visibility: memberVisibilitySql("m", "cr"),
    userId: sql<string>`m.user_id`,
    workspaceId: sql<string>`m.workspace_id`,
  },
  "c",
  "contact",
);

export interface Audience {
  total: number;
  people: { userId: string; name: string | null; email: string }[];
}

/** How many members can see the contact, and the first 50 by name: one query. */
export async function contactAudience(db: DbOrTrx, viewer: VisibilityMember, contactId: string): Promise<Audience> {
  const contact = await visibleContact(db, viewer, contactId);
  const rows = await audienceQuery(db, viewer.workspaceId, contact.assignee_id)
    .select(["u.id", "u.name", "u.email", sql<string>`count(*) OVER ()`.as("total")])
    .where(reachesContactsSql("m", "cr"))
    .where(sees)
    .orderBy(personSortKey("u"))
    .orderBy("u.id")
    .limit(AUDIENCE_PAGE)
    .execute();
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    people: rows.map((r) => ({ userId: r.id, name: r.name, email: r.email })),
  };
}

/** Why one member sees the contact or not. */
export type AudienceReason =
  | { kind: "all" }
  | { kind: "assignee" }
  | { kind: "team" }
  | { kind: "noAccess" }
  | { kind: "unassigned" }
  | { kind: "notAssignee" }
  | { kind: "notTeam" };

export interface AudienceWhy {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  roleName: string | null;
  visible: boolean;
  reason: AudienceReason;
  /** What the member's visibility is and why (level, role or restriction). */
  visibility: AccessExplanation["visibility"];
  assignee: { name: string | null; email: string } | null;
}

/** For one member: whether the predicate holds for them on this contact, and the plain reason. */
export async function contactAudienceWhy(
  db: DbOrTrx,
  viewer: VisibilityMember,
  contactId: string,
  userId: string,
): Promise<AudienceWhy> {
  const contact = await visibleContact(db, viewer, contactId);
  const target: MemberContext | null = await loadMember(db, viewer.workspaceId, userId);
  if (!target) throw new DomainError("notFound");
  const row = await audienceQuery(db, viewer.workspaceId, contact.assignee_id)
    .where("m.user_id", "=", userId)
    .select([
      "u.name",
      "u.email",
      reachesContactsSql("m", "cr").as("reaches"),
      sees.as("sees"),
      memberVisibilitySql("m", "cr").as("visibility"),
    ])
    .executeTakeFirst();
  if (!row) throw new DomainError("notFound");
  const visible = row.reaches === true && row.sees === true;
  return {
    userId,
    name: row.name,
    email: row.email,
    role: target.role,
    roleName: target.custom?.name ?? null,
    visible,
    reason: reasonOf(visible, row.reaches === true, row.visibility, contact.assignee_id, userId),
    visibility: explainVisibility(target),
    assignee: contact.assignee_id ? { name: contact.assignee_name, email: contact.assignee_email ?? "" } : null,
  };
}

function reasonOf(
  visible: boolean,
  reaches: boolean,
  visibility: Visibility,
  assigneeId: string | null,
  userId: string,
): AudienceReason {
  if (!reaches) return { kind: "noAccess" };
  if (visible) {
    if (visibility === "all") return { kind: "all" };
    return assigneeId === userId ? { kind: "assignee" } : { kind: "team" };
  }
  if (!assigneeId) return { kind: "unassigned" };
  return visibility === "self" ? { kind: "notAssignee" } : { kind: "notTeam" };
}
