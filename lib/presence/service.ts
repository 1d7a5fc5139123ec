// No `server-only` marker: the presence sweep is a background job (lib/jobs) started from instrumentation,
// which Next treats as a client module for the marker.
import { sql, type RawBuilder } from "kysely";
import type { DbOrTrx } from "@/db";
import { PRESENCE_CHANNEL, sightings, touches, touchKey, workspacesOf as wsOf, writeActivity } from "./activity";

export { PRESENCE_CHANNEL };
/** Online = a heartbeat within this window. An open presence stream beats every 20 s, so it keeps its member online. */
export const ONLINE_SECONDS = 60;

const onlineSince = sql<Date>`now() - make_interval(secs => ${ONLINE_SECONDS})`;

/**
 * THE "online" predicate over a presence row; `alias` names the presence table. No row (a LEFT JOIN miss) is offline.
 */
export function isOnline(alias = "p"): RawBuilder<boolean> {
  return sql<boolean>`coalesce(${sql.ref(`${alias}.last_seen_at`)} > ${onlineSince}, false)`;
}

/**
 * Mark the user seen now. Announces "online" only on the offline→online transition, so
 * a steady stream of heartbeats costs one small write per user per 15 s and no events.
 * With `workspaceId`, the membership's last_active_at (once a minute, see touchMember) is
 * written by the same statement. Writes from concurrent requests are grouped into one
 * statement (lib/presence/activity.ts); this resolves once ours has committed.
 */
export async function heartbeat(db: DbOrTrx, userId: string, opts: { workspaceId?: string } = {}): Promise<void> {
  const now = Date.now();
  const seen = !sightings.claim(userId, now);
  const ws = opts.workspaceId;
  const touch = ws && touches.claim(touchKey(ws, userId), now) ? { workspaceId: ws, userId } : undefined;
  if (seen && !touch) return;
  try {
    await writeActivity(db, { presence: seen ? undefined : userId, touch });
  } catch (error) {
    // Not written: the next beat must try again rather than be coalesced away.
    if (!seen) sightings.release(userId, now);
    if (touch) touches.release(touchKey(touch.workspaceId, userId), now);
    throw error;
  }
}

/** Forget the coalescing memory (tests, and after a revocation). */
export function forgetHeartbeat(userId?: string): void {
  sightings.forget(userId);
}

/**
 * Announce users not seen for ONLINE_SECONDS as offline. Safe to run on every app
 * server at once: the UPDATE claims each row once.
 */
export async function sweepOffline(db: DbOrTrx): Promise<number> {
  const result = await sql<{ n: number }>`
    WITH gone AS (
      UPDATE presence SET online = false
      WHERE online AND last_seen_at <= ${onlineSince}
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

/** Tell open streams that these sessions of this user ended: theirs close at once, on every server. */
export async function notifySessionsEnded(db: DbOrTrx, userId: string, sessionIds: string[]): Promise<void> {
  // A NOTIFY payload is at most 8000 bytes: 100 ids a message.
  for (let i = 0; i < sessionIds.length; i += 100) {
    const payload = JSON.stringify({ t: "session_ended", u: userId, s: sessionIds.slice(i, i + 100), ws: [] });
    await sql`SELECT pg_notify(${PRESENCE_CHANNEL}, ${payload})`.execute(db);
  }
}

/** Members of the workspace online now. */
export async function onlineMemberIds(db: DbOrTrx, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("presence as p")
    .innerJoin("workspace_members as m", "m.user_id", "p.user_id")
    .select("p.user_id")
    .where("m.workspace_id", "=", workspaceId)
    .where(isOnline("p"))
    .execute();
  return rows.map((r) => r.user_id);
}
