import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { decodeKeyset, encodeKeyset } from "./keyset";

export const ONLINE_WINDOW_SECONDS = 60;

export interface MemberRow {
  userId: string;
  email: string;
  name: string | null;
  image: string | null;
  role: "owner" | "manager" | "agent";
  restrictions: string[];
  joinedAt: Date;
  lastActiveAt: Date | null;
  online: boolean;
}

export interface MemberPage {
  rows: MemberRow[];
  nextCursor: string | null;
}

/** Escape LIKE metacharacters so a search for "50%" means the text "50%". */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => "\\" + c)}%`;

/** A page of the workspace's members, sorted by name (else email), filtered server-side. */
export async function listMembers(db: DbOrTrx, workspaceId: string, opts: { q: string; cursor?: string; limit: number }): Promise<MemberPage> {
  const sortKey = sql<string>`lower(coalesce(u.name, u.email))`;
  const after = decodeKeyset(opts.cursor);
  let query = db
    .selectFrom("workspace_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .leftJoin("presence as p", "p.user_id", "m.user_id")
    .select([
      "m.user_id",
      "u.email",
      "u.name",
      "u.image",
      "m.role",
      "m.restrictions",
      "m.joined_at",
      "m.last_active_at",
      sortKey.as("sort_key"),
      sql<boolean>`coalesce(p.streams > 0 or p.last_seen_at > now() - make_interval(secs => ${ONLINE_WINDOW_SECONDS}), false)`.as("online"),
    ])
    .where("m.workspace_id", "=", workspaceId);
  if (opts.q) {
    const pattern = likePattern(opts.q.toLowerCase());
    query = query.where((eb) => eb.or([eb(sql`lower(u.name)`, "like", pattern), eb("u.email", "like", pattern)]));
  }
  // Keyset on u.id (= m.user_id): matches users_sort_key_idx, so any page is an index walk.
  if (after) query = query.where(sql<boolean>`(${sortKey}, u.id) > (${after[0]}, ${after[1]}::uuid)`);
  const rows = await query.orderBy(sortKey).orderBy("u.id").limit(opts.limit + 1).execute();
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => ({
      userId: r.user_id,
      email: r.email,
      name: r.name,
      image: r.image,
      role: r.role,
      restrictions: r.restrictions,
      joinedAt: r.joined_at,
      lastActiveAt: r.last_active_at,
      online: r.online,
    })),
    nextCursor: rows.length > opts.limit && last ? encodeKeyset(last.sort_key, last.user_id) : null,
  };
}

export async function countMembers(db: DbOrTrx, workspaceId: string, q = ""): Promise<number> {
  if (!q) {
    // Every member has a user row (FK): counting the memberships alone is an index-only scan.
    const all = await db.selectFrom("workspace_members").select((eb) => eb.fn.countAll().as("n")).where("workspace_id", "=", workspaceId).executeTakeFirstOrThrow();
    return Number(all.n);
  }
  let query = db
    .selectFrom("workspace_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("m.workspace_id", "=", workspaceId);
  if (q) {
    const pattern = likePattern(q.toLowerCase());
    query = query.where((eb) => eb.or([eb(sql`lower(u.name)`, "like", pattern), eb("u.email", "like", pattern)]));
  }
  const row = await query.executeTakeFirstOrThrow();
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
export async function listReassignTargets(db: DbOrTrx, workspaceId: string, exceptUserId: string, q = "", limit = 20) {
  let query = db
    .selectFrom("workspace_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "u.name", "u.email", "m.role"])
    .where("m.workspace_id", "=", workspaceId)
    .where("m.user_id", "!=", exceptUserId);
  if (q) {
    const pattern = likePattern(q.toLowerCase());
    query = query.where((eb) => eb.or([eb(sql`lower(u.name)`, "like", pattern), eb("u.email", "like", pattern)]));
  }
  return query.orderBy(sql`lower(coalesce(u.name, u.email))`).limit(limit).execute();
}
