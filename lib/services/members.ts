import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import type { Role } from "@/lib/access/matrix";
import { isOnline } from "@/lib/presence/service";
import { isAway } from "@/lib/presence/availability";
import { decodeKeyset, encodeKeyset } from "./keyset";
import { inactiveFor, likePattern, memberMatches, memberSortKey, pendingInvitation } from "./people-sql";

/** An end of access as the list shows it and the Edit dialog starts from (docs/PRODUCT.md, Access until a date). */
export interface AccessUntilItem {
  at: Date;
  /** Who receives the contacts then; null: they become unassigned. */
  reassignTo: { id: string; name: string | null; email: string } | null;
}

/**
 * One row of the Users list: a member, or a pending invitation (docs/PRODUCT.md, Users page: one list, one row each).
 */
export type PersonRow =
  | {
      kind: "member";
      id: string;
      email: string;
      name: string | null;
      image: string | null;
      role: Role;
      /** The custom role held (its name shown beside the base level), or null. */
      roleId: string | null;
      roleName: string | null;
      restrictions: string[];
      lastActiveAt: Date | null;
      online: boolean;
      /** Set Away, or auto-away (lib/presence/availability.ts). */
      away: boolean;
      accessUntil: AccessUntilItem | null;
    }
  | {
      kind: "invitation";
      id: string;
      email: string;
      role: Role;
      roleId: string | null;
      roleName: string | null;
      restrictions: string[];
      expiresAt: Date;
      inviter: string | null;
      accessUntil: AccessUntilItem | null;
      inviterId: string | null;
    };

export interface PeoplePage {
  rows: PersonRow[];
  nextCursor: string | null;
}

const memberKey = memberSortKey();

/**
 * A page of the workspace's people — members and pending invitations together, sorted by
 * name (else email; an invitation by its email), filtered server-side. One keyset over
 * both: each side walks its own index from the cursor (workspace_members_sort_idx,
 * invitations_pending_unique) for at most one page, and the database merges them, so the
 * order is the database's collation on every page and any page costs the same.
 */
export async function listPeople(
  db: DbOrTrx,
  workspaceId: string,
  opts: {
    q: string;
    cursor?: string;
    limit: number;
    inactiveDays?: number;
    /** Only people holding this level (with no custom role) or this custom role. */
    role?: { role: Role; roleId: string | null };
  },
): Promise<PeoplePage> {
  const after = decodeKeyset("name", opts.cursor);
  let members = db
    .selectFrom("workspace_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .leftJoin("presence as p", "p.user_id", "m.user_id")
    .leftJoin("users as h", "h.id", "m.access_until_reassign_to")
    .leftJoin("workspace_roles as r", (j) =>
      j.onRef("r.workspace_id", "=", "m.workspace_id").onRef("r.id", "=", "m.role_id"),
    )
    .select([
      sql<"member" | "invitation">`'member'`.as("kind"),
      "u.id as id",
      "u.email",
      "u.name",
      "u.image",
      "m.role",
      "m.role_id",
      "r.name as role_name",
      "m.restrictions",
      sql<Date | null>`m.last_active_at`.as("last_active_at"),
      sql<Date | null>`null::timestamptz`.as("expires_at"),
      isOnline("p").as("online"),
      isAway("m").as("away"),
      sql<string | null>`null::text`.as("inviter"),
      "m.access_until",
      "h.id as handover_id",
      "h.name as handover_name",
      "h.email as handover_email",
      sql<string | null>`null::uuid`.as("inviter_id"),
      memberKey.as("sort_key"),
    ])
    .where("m.workspace_id", "=", workspaceId);
  let invitations = db
    .selectFrom("invitations as i")
    .leftJoin("users as u", "u.id", "i.invited_by")
    .leftJoin("users as h", "h.id", "i.access_until_reassign_to")
    .leftJoin("workspace_roles as r", (j) =>
      j.onRef("r.workspace_id", "=", "i.workspace_id").onRef("r.id", "=", "i.role_id"),
    )
    .select([
      sql<"member" | "invitation">`'invitation'`.as("kind"),
      "i.id as id",
      "i.email",
      sql<string | null>`null::text`.as("name"),
      sql<string | null>`null::text`.as("image"),
      "i.role",
      "i.role_id",
      "r.name as role_name",
      "i.restrictions",
      sql<Date | null>`null::timestamptz`.as("last_active_at"),
      sql<Date | null>`i.expires_at`.as("expires_at"),
      sql<boolean>`false`.as("online"),
      sql<boolean>`false`.as("away"),
      sql<string | null>`coalesce(u.name, u.email)`.as("inviter"),
      "i.access_until",
      "h.id as handover_id",
      "h.name as handover_name",
      "h.email as handover_email",
      sql<string | null>`i.invited_by`.as("inviter_id"),
      // Stored NFKC-normalised and lower-cased: the email is its own sort key.
      sql<string>`i.email`.as("sort_key"),
    ])
    .where("i.workspace_id", "=", workspaceId)
    .where(pendingInvitation());
  if (opts.inactiveDays) {
    // Members only: an invitation has no activity to review.
    members = members.where(inactiveFor(opts.inactiveDays));
    invitations = invitations.where(sql<boolean>`false`);
  }
  if (opts.role) {
    const { role, roleId } = opts.role;
    members = members.where("m.role", "=", role).where(sql<boolean>`m.role_id IS NOT DISTINCT FROM ${roleId}::uuid`);
    invitations = invitations
      .where("i.role", "=", role)
      .where(sql<boolean>`i.role_id IS NOT DISTINCT FROM ${roleId}::uuid`);
  }
  if (opts.q) {
    members = members.where(memberMatches(opts.q));
    invitations = invitations.where("i.email", "like", likePattern(opts.q));
  }
  if (after) {
    members = members.where(sql<boolean>`(${memberKey}, m.user_id) > (${after[0]}, ${after[1]}::uuid)`);
    invitations = invitations.where(sql<boolean>`(i.email, i.id) > (${after[0]}, ${after[1]}::uuid)`);
  }
  const n = opts.limit + 1;
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom(members.orderBy(memberKey).orderBy("m.user_id").limit(n).as("a"))
        .selectAll()
        .unionAll(eb.selectFrom(invitations.orderBy("i.email").orderBy("i.id").limit(n).as("b")).selectAll())
        .as("x"),
    )
    .selectAll()
    .orderBy("x.sort_key")
    .orderBy("x.id")
    .limit(n)
    .execute();
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  const until = (r: (typeof rows)[number]): AccessUntilItem | null =>
    r.access_until
      ? {
          at: r.access_until,
          reassignTo: r.handover_id ? { id: r.handover_id, name: r.handover_name, email: r.handover_email! } : null,
        }
      : null;
  return {
    rows: page.map((r): PersonRow =>
      r.kind === "member"
        ? {
            kind: "member",
            id: r.id,
            email: r.email,
            name: r.name,
            image: r.image,
            role: r.role,
            roleId: r.role_id,
            roleName: r.role_name,
            restrictions: r.restrictions,
            lastActiveAt: r.last_active_at,
            online: r.online,
            away: r.away,
            accessUntil: until(r),
          }
        : {
            kind: "invitation",
            id: r.id,
            email: r.email,
            role: r.role,
            roleId: r.role_id,
            roleName: r.role_name,
            restrictions: r.restrictions,
            expiresAt: r.expires_at!,
            inviter: r.inviter,
            accessUntil: until(r),
            inviterId: r.inviter_id,
          },
    ),
    nextCursor: rows.length > opts.limit && last ? encodeKeyset("name", last.sort_key, last.id) : null,
  };
}

export async function countMembers(db: DbOrTrx, workspaceId: string, q = "", inactiveDays?: number): Promise<number> {
  if (inactiveDays) return (await inactiveSummary(db, workspaceId, inactiveDays, q)).count;
  if (!q) {
    // Every member has a user row (FK): counting the memberships alone is an index-only scan.
    const all = await db
      .selectFrom("workspace_members")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("workspace_id", "=", workspaceId)
      .executeTakeFirstOrThrow();
    return Number(all.n);
  }
  const row = await db
    .selectFrom("workspace_members as m")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("m.workspace_id", "=", workspaceId)
    .where(memberMatches(q))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A member of this workspace, or undefined (tenant scope in the SQL). */
export async function findMember(db: DbOrTrx, workspaceId: string, userId: string) {
  return db
    .selectFrom("workspace_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "u.email", "u.name", "m.role", "m.restrictions", "m.version"])
    .where("m.workspace_id", "=", workspaceId)
    .where("m.user_id", "=", userId)
    .executeTakeFirst();
}

export async function countAssignedContacts(db: DbOrTrx, workspaceId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom("contacts")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("workspace_id", "=", workspaceId)
    .where("assignee_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Members a revoked user's contacts may go to: everyone but that user, by name. */
export async function listReassignTargets(
  db: DbOrTrx,
  workspaceId: string,
  exceptUserId: string | null,
  q = "",
  limit = 20,
) {
  let query = db
    .selectFrom("workspace_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "u.name", "u.email", "m.role"])
    .where("m.workspace_id", "=", workspaceId);
  if (exceptUserId) query = query.where("m.user_id", "!=", exceptUserId);
  if (q) query = query.where(memberMatches(q));
  return query.orderBy(memberSortKey()).orderBy("m.user_id").limit(limit).execute();
}

/** Names and addresses of these members, by user id. */
export async function peopleNames(db: DbOrTrx, workspaceId: string, userIds: string[]) {
  if (!userIds.length) return new Map<string, { name: string | null; email: string }>();
  const rows = await db
    .selectFrom("workspace_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "u.name", "u.email"])
    .where("m.workspace_id", "=", workspaceId)
    .where("m.user_id", "in", userIds)
    .execute();
  return new Map(rows.map((r) => [r.user_id, { name: r.name, email: r.email }]));
}

/**
 * Members not active for `days` days (matching `q`): how many, and how many seats of the
 * organization deactivating them all would free (those not active in another of its workspaces).
 */
export async function inactiveSummary(db: DbOrTrx, workspaceId: string, days: number, q = "") {
  const { rows } = await sql<{ n: string; seats: string }>`
    SELECT count(*) AS n,
      count(*) FILTER (WHERE NOT EXISTS (
        SELECT 1 FROM workspace_members o JOIN workspaces w2 ON w2.id = o.workspace_id
        WHERE o.user_id = m.user_id AND o.workspace_id <> m.workspace_id
          AND w2.org_id = (SELECT org_id FROM workspaces WHERE id = ${workspaceId}::uuid)
      )) AS seats
    FROM workspace_members m
    WHERE m.workspace_id = ${workspaceId}::uuid AND ${inactiveFor(days)} ${q ? sql`AND ${memberMatches(q)}` : sql``}
  `.execute(db);
  return { count: Number(rows[0].n), seats: Number(rows[0].seats) };
}
