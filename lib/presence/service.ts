import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";

export const PRESENCE_CHANNEL = "presence";
/** Online = seen within this window (SPEC §5: heartbeat within 60 s or an open stream). */
export const ONLINE_SECONDS = 60;

// A user's workspaces travel in every event so each stream filters without a query.
const wsOf = (userCol: string) =>
  sql.raw(`(SELECT coalesce(json_agg(m.workspace_id), '[]'::json) FROM workspace_members m WHERE m.user_id = ${userCol})`);

const lastWrite = new Map<string, number>();
/** Per process, presence rows are written at most this often per user (coalescing). */
const WRITE_EVERY_MS = 15_000;

/**
 * Mark the user seen now. Announces "online" only on the offline→online transition, so
 * a steady stream of heartbeats costs one small UPDATE per user per 15 s and no events.
 */
export async function heartbeat(db: DbOrTrx, userId: string): Promise<void> {
  const now = Date.now();
  if ((lastWrite.get(userId) ?? 0) > now - WRITE_EVERY_MS) return;
  lastWrite.set(userId, now);
  if (lastWrite.size > 100_000) lastWrite.clear();
  await sql`
    WITH prev AS (SELECT online FROM presence WHERE user_id = ${userId}),
    up AS (
      INSERT INTO presence (user_id, last_seen_at, online) VALUES (${userId}, now(), true)
      ON CONFLICT (user_id) DO UPDATE SET last_seen_at = now(), online = true
      RETURNING user_id, last_seen_at
    )
    SELECT pg_notify(${PRESENCE_CHANNEL}, json_build_object('t', 'presence', 'u', up.user_id, 'o', true, 'at', up.last_seen_at, 'ws', ${wsOf("up.user_id")})::text)
    FROM up WHERE NOT coalesce((SELECT online FROM prev), false)
  `.execute(db);
}

/** Forget the coalescing memory (tests, and after a revocation). */
export function forgetHeartbeat(userId?: string): void {
  if (userId) lastWrite.delete(userId);
  else lastWrite.clear();
}

/**
 * Announce users not seen for ONLINE_SECONDS as offline. Safe to run on every app
 * server at once: the UPDATE claims each row once.
 */
export async function sweepOffline(db: DbOrTrx): Promise<number> {
  const result = await sql<{ n: number }>`
    WITH gone AS (
      UPDATE presence SET online = false
      WHERE online AND last_seen_at < now() - make_interval(secs => ${ONLINE_SECONDS})
      RETURNING user_id, last_seen_at
    )
    SELECT pg_notify(${PRESENCE_CHANNEL}, json_build_object('t', 'presence', 'u', gone.user_id, 'o', false, 'at', gone.last_seen_at, 'ws', ${wsOf("gone.user_id")})::text) AS n
    FROM gone
  `.execute(db);
  return result.rows.length;
}

/** Tell open streams that this user lost this workspace: theirs close at once. */
export async function notifyRevoked(db: DbOrTrx, userId: string, workspaceId: string): Promise<void> {
  const payload = JSON.stringify({ t: "revoked", u: userId, ws: [workspaceId] });
  await sql`SELECT pg_notify(${PRESENCE_CHANNEL}, ${payload})`.execute(db);
}

/** Members of the workspace online now. */
export async function onlineMemberIds(db: DbOrTrx, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("presence as p")
    .innerJoin("workspace_members as m", "m.user_id", "p.user_id")
    .select("p.user_id")
    .where("m.workspace_id", "=", workspaceId)
    .where("p.online", "=", true)
    .where(sql<boolean>`p.last_seen_at > now() - make_interval(secs => ${ONLINE_SECONDS})`)
    .execute();
  return rows.map((r) => r.user_id);
}
