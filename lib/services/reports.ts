import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { isOnline } from "@/lib/presence/service";
import { isAway } from "@/lib/presence/availability";
import { decodeKeyset, encodeKeyset } from "./keyset";
import { personMatches, personSortKey } from "./people-sql";
import type { Role } from "@/lib/access/matrix";

export interface UsersReportRow {
  userId: string;
  name: string | null;
  email: string;
  image: string | null;
  role: Role;
  /** The custom role's name, when the member holds one. */
  roleName: string | null;
  assignedContacts: number;
  messagesSent7d: number;
  lastActiveAt: Date | null;
  online: boolean;
  /** Set Away, or auto-away (lib/presence/availability.ts). */
  away: boolean;
}

export interface UsersReportTotals {
  members: number;
  online: number;
  assignedContacts: number;
  messagesSent7d: number;
  /** The database's clock (ms), so relative times agree with last_active_at. */
  now: number;
}

/**
 * docs/PRODUCT.md, Routes Users report, one page (keyset by name, then id). One statement: the page of
 * members is chosen first (ORDER BY … LIMIT on the member rows alone), then the counts are
 * aggregated for those ids only, through the (workspace_id, assignee_id) and
 * (workspace_id, author_id, created_at) indexes — never a query per member, never every member.
 */
export async function usersReport(
  db: DbOrTrx,
  workspaceId: string,
  opts: { q?: string; cursor?: string; limit: number },
): Promise<{ rows: UsersReportRow[]; nextCursor: string | null }> {
  const after = decodeKeyset("name", opts.cursor);
  const q = (opts.q ?? "").trim();
  const { rows } = await sql<{
    user_id: string;
    name: string | null;
    email: string;
    image: string | null;
    role: UsersReportRow["role"];
    role_name: string | null;
    sort_key: string;
    last_active_at: Date | null;
    online: boolean;
    away: boolean;
    assigned: string | number | null;
    sent: string | number | null;
  }>`
    WITH page AS (
      SELECT m.user_id, m.workspace_id, m.role, r.name AS role_name, m.availability, m.last_active_at, u.name,
        u.email, u.image, ${personSortKey()} AS sort_key
      FROM workspace_members m JOIN users u ON u.id = m.user_id
        LEFT JOIN workspace_roles r ON r.workspace_id = m.workspace_id AND r.id = m.role_id
      WHERE m.workspace_id = ${workspaceId}::uuid
        ${q ? sql`AND ${personMatches(q)}` : sql``}
        ${after ? sql`AND (${personSortKey()}, m.user_id) > (${after[0]}, ${after[1]}::uuid)` : sql``}
      ORDER BY sort_key, m.user_id
      LIMIT ${opts.limit + 1}
    ),
    assigned AS (
      SELECT c.assignee_id AS user_id, count(*) AS n FROM contacts c
      WHERE c.workspace_id = ${workspaceId}::uuid AND c.assignee_id IN (SELECT user_id FROM page)
      GROUP BY c.assignee_id
    ),
    sent AS (
      SELECT msg.author_id AS user_id, count(*) AS n FROM messages msg
      WHERE msg.workspace_id = ${workspaceId}::uuid AND msg.direction = 'out'
        AND msg.created_at > now() - interval '7 days' AND msg.author_id IN (SELECT user_id FROM page)
      GROUP BY msg.author_id
    )
    SELECT page.*, assigned.n AS assigned, sent.n AS sent,
      ${isOnline("p")} AS online, ${isAway("page")} AS away
    FROM page
    LEFT JOIN assigned ON assigned.user_id = page.user_id
    LEFT JOIN sent ON sent.user_id = page.user_id
    LEFT JOIN presence p ON p.user_id = page.user_id
    ORDER BY page.sort_key, page.user_id
  `.execute(db);
  const pageRows = rows.slice(0, opts.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    rows: pageRows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      email: r.email,
      image: r.image,
      role: r.role,
      roleName: r.role_name,
      assignedContacts: Number(r.assigned ?? 0),
      messagesSent7d: Number(r.sent ?? 0),
      lastActiveAt: r.last_active_at,
      online: r.online === true,
      away: r.away === true,
    })),
    nextCursor: rows.length > opts.limit && last ? encodeKeyset("name", last.sort_key, last.user_id) : null,
  };
}

/** Workspace-wide totals above the table (four aggregates, one statement). */
export async function usersReportTotals(db: DbOrTrx, workspaceId: string): Promise<UsersReportTotals> {
  const { rows } = await sql<{ members: string; online: string; assigned: string; sent: string; now_ms: string }>`
    SELECT (extract(epoch from now()) * 1000)::bigint AS now_ms,
      (SELECT count(*) FROM workspace_members m WHERE m.workspace_id = ${workspaceId}::uuid) AS members,
      (SELECT count(*) FROM workspace_members m JOIN presence p ON p.user_id = m.user_id
        WHERE m.workspace_id = ${workspaceId}::uuid AND ${isOnline("p")}) AS online,
      (SELECT count(*) FROM contacts c WHERE c.workspace_id = ${workspaceId}::uuid AND c.assignee_id IS NOT NULL) AS assigned,
      (SELECT count(*) FROM messages msg WHERE msg.workspace_id = ${workspaceId}::uuid AND msg.direction = 'out'
        AND msg.author_id IS NOT NULL AND msg.created_at > now() - interval '7 days') AS sent
  `.execute(db);
  const r = rows[0];
  return {
    members: Number(r.members),
    online: Number(r.online),
    assignedContacts: Number(r.assigned),
    messagesSent7d: Number(r.sent),
    now: Number(r.now_ms),
  };
}

export interface RoleReportRow {
  role: Role;
  /** A custom role (its id and name), or null for a built-in level held without one. */
  roleId: string | null;
  roleName: string | null;
  members: number;
  assignedContacts: number;
  messagesSent7d: number;
}

/**
 * The Users report grouped by role (docs/PRODUCT.md, Roles): per built-in level and per custom role, its members,
 * their assigned contacts and messages sent in the last 7 days. One statement; levels first, then roles by name.
 */
export async function usersReportByRole(db: DbOrTrx, workspaceId: string): Promise<RoleReportRow[]> {
  const { rows } = await sql<{
    role: Role;
    role_id: string | null;
    role_name: string | null;
    members: string;
    assigned: string;
    sent: string;
  }>`
    SELECT m.role, m.role_id, r.name AS role_name, count(*) AS members,
      coalesce(sum(a.n), 0) AS assigned, coalesce(sum(s.n), 0) AS sent
    FROM workspace_members m
    LEFT JOIN workspace_roles r ON r.workspace_id = m.workspace_id AND r.id = m.role_id
    LEFT JOIN (
      SELECT c.assignee_id, count(*) AS n FROM contacts c
      WHERE c.workspace_id = ${workspaceId}::uuid AND c.assignee_id IS NOT NULL GROUP BY c.assignee_id
    ) a ON a.assignee_id = m.user_id
    LEFT JOIN (
      SELECT msg.author_id, count(*) AS n FROM messages msg
      WHERE msg.workspace_id = ${workspaceId}::uuid AND msg.direction = 'out' AND msg.author_id IS NOT NULL
        AND msg.created_at > now() - interval '7 days'
      GROUP BY msg.author_id
    ) s ON s.author_id = m.user_id
    WHERE m.workspace_id = ${workspaceId}::uuid
    GROUP BY m.role, m.role_id, r.name
    ORDER BY (m.role_id IS NOT NULL), array_position(ARRAY['owner', 'manager', 'agent'], m.role::text), lower(r.name), m.role_id
  `.execute(db);
  return rows.map((r) => ({
    role: r.role,
    roleId: r.role_id,
    roleName: r.role_name,
    members: Number(r.members),
    assignedContacts: Number(r.assigned),
    messagesSent7d: Number(r.sent),
  }));
}
