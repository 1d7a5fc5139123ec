import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { inTransaction } from "@/db/transaction";
import type { Role } from "@/lib/access/matrix";
import { DomainError } from "@/lib/errors";
import { audit } from "./audit";
import { decodeKeyset, encodeKeyset } from "./keyset";
import { personMatches, personSortKey } from "./people-sql";
import { hasFactorSql } from "./second-factor";

// Organization settings (docs/PRODUCT.md, Routes /org/[orgId]/settings): callers are org admins (requireOrgAdmin /
// orgAction).
// Every statement is scoped by org_id.

export interface OrgUserRow {
  userId: string;
  name: string | null;
  email: string;
  image: string | null;
  isAdmin: boolean;
  /** A confirmed second factor (docs/SECURITY.md, Two-step sign-in). */
  hasFactor: boolean;
  /** roleName: the custom role held there, if any (shown instead of the level). */
  workspaces: { id: string; name: string; role: Role; roleName?: string | null }[];
}

/** Everyone in the organization with their workspaces and levels in it; keyset pages by name. */
export async function listOrgUsers(
  db: DbOrTrx,
  orgId: string,
  opts: { q?: string; cursor?: string; limit: number },
): Promise<{ rows: OrgUserRow[]; nextCursor: string | null }> {
  const after = decodeKeyset("name", opts.cursor);
  const q = (opts.q ?? "").trim();
  const { rows } = await sql<{
    user_id: string;
    name: string | null;
    email: string;
    image: string | null;
    is_admin: boolean;
    has_factor: boolean;
    sort_key: string;
    workspaces: { id: string; name: string; role: Role; roleName?: string | null }[] | string;
  }>`
    WITH page AS (
      SELECT om.user_id, om.is_admin, u.name, u.email, u.image, ${personSortKey()} AS sort_key,
        ${hasFactorSql("om.user_id")} AS has_factor
      FROM org_members om JOIN users u ON u.id = om.user_id
      WHERE om.org_id = ${orgId}::uuid
        ${q ? sql`AND ${personMatches(q)}` : sql``}
        ${after ? sql`AND (${personSortKey()}, om.user_id) > (${after[0]}, ${after[1]}::uuid)` : sql``}
      ORDER BY sort_key, om.user_id
      LIMIT ${opts.limit + 1}
    )
    SELECT page.*, coalesce((
      SELECT json_agg(json_build_object('id', w.id, 'name', w.name, 'role', m.role, 'roleName', r.name)
        ORDER BY lower(w.name), w.id)
      FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id
        LEFT JOIN workspace_roles r ON r.workspace_id = m.workspace_id AND r.id = m.role_id
      WHERE w.org_id = ${orgId}::uuid AND m.user_id = page.user_id
    ), '[]'::json) AS workspaces
    FROM page ORDER BY page.sort_key, page.user_id
  `.execute(db);
  const pageRows = rows.slice(0, opts.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    rows: pageRows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      email: r.email,
      image: r.image,
      isAdmin: r.is_admin,
      hasFactor: r.has_factor === true,
      workspaces: typeof r.workspaces === "string" ? JSON.parse(r.workspaces) : r.workspaces,
    })),
    nextCursor: rows.length > opts.limit && last ? encodeKeyset("name", last.sort_key, last.user_id) : null,
  };
}

export async function countOrgUsers(db: DbOrTrx, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("org_members")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("org_id", "=", orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface OrgWorkspaceRow {
  id: string;
  name: string;
  createdAt: Date;
  members: number;
  /** Whether the viewing admin is a member (the list links only those they can open). */
  isMember: boolean;
}

export async function listOrgWorkspaces(db: DbOrTrx, orgId: string, viewerId: string): Promise<OrgWorkspaceRow[]> {
  const rows = await db
    .selectFrom("workspaces as w")
    .select([
      "w.id",
      "w.name",
      "w.created_at",
      sql<string>`(SELECT count(*) FROM workspace_members m WHERE m.workspace_id = w.id)`.as("members"),
      sql<boolean>`EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = w.id AND m.user_id = ${viewerId}::uuid)`.as(
        "is_member",
      ),
    ])
    .where("w.org_id", "=", orgId)
    .orderBy(sql`lower(w.name)`)
    .orderBy("w.id")
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    members: Number(r.members),
    isMember: r.is_member,
  }));
}

/** A new workspace in the organization; the creating admin becomes its Owner. One transaction. */
export async function createOrgWorkspace(
  db: DbOrTrx,
  actor: { userId: string; orgId: string; ip?: string | null },
  name: string,
): Promise<{ id: string }> {
  const body = async (trx: DbOrTrx) => {
    // Re-check inside the transaction, under a lock: the admin flag may have just been removed.
    const admin = await trx
      .selectFrom("org_members")
      .select("is_admin")
      .where("org_id", "=", actor.orgId)
      .where("user_id", "=", actor.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!admin?.is_admin) throw new DomainError("forbidden");
    const ws = await trx
      .insertInto("workspaces")
      .values({ org_id: actor.orgId, name })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("workspace_members")
      .values({
        workspace_id: ws.id,
        user_id: actor.userId,
        role: "owner",
        restrictions: [],
        last_active_at: sql<Date>`now()`,
      })
      .execute();
    await audit(trx, {
      workspaceId: ws.id,
      orgId: actor.orgId,
      actorId: actor.userId,
      action: "workspace.created",
      target: ws.id,
      after: { workspace: name, role: "owner" },
      ip: actor.ip ?? null,
    });
    return { id: ws.id };
  };
  return inTransaction(db, body);
}

export interface BillingSummary {
  orgName: string;
  plan: "free" | "team" | "business";
  seatLimit: number;
  /** Distinct people with a membership in any of the organization's workspaces. */
  seatsUsed: number;
  workspaces: number;
}

export async function billingSummary(db: DbOrTrx, orgId: string): Promise<BillingSummary> {
  const { rows } = await sql<{
    name: string;
    plan: BillingSummary["plan"];
    seat_limit: number;
    seats: string;
    workspaces: string;
  }>`
    SELECT o.name, o.plan, o.seat_limit,
      (SELECT count(DISTINCT m.user_id) FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id WHERE w.org_id = o.id) AS seats,
      (SELECT count(*) FROM workspaces w WHERE w.org_id = o.id) AS workspaces
    FROM organizations o WHERE o.id = ${orgId}::uuid
  `.execute(db);
  const r = rows[0];
  if (!r) throw new DomainError("notFound");
  return {
    orgName: r.name,
    plan: r.plan,
    seatLimit: r.seat_limit,
    seatsUsed: Number(r.seats),
    workspaces: Number(r.workspaces),
  };
}
