// No `server-only` marker: the presence sweep is a background job (lib/jobs) started from instrumentation,
// which Next treats as a client module for the marker.
import { sql, type RawBuilder } from "kysely";
import type { DbOrTrx } from "@/db";

// Group commit for activity writes (docs/PRODUCT.md, Presence): presence (heartbeats) and a member's
// last_active_at. Every request that must write joins a queue; one statement writes the
// whole queue, and each caller awaits the flush that carried its write. While a flush is
// in flight, new writes wait and go together in the next one, so under load the number of
// statements (and commits) stays at about one per database round trip, however many
// requests arrive; a lone request is written at once (no added delay).

export const PRESENCE_CHANNEL = "presence";

/** A user's workspaces travel in every event so each stream filters without a query. */
export const workspacesOf = (userCol: string): RawBuilder<unknown> =>
  sql.raw(
    `(SELECT coalesce(json_agg(m.workspace_id), '[]'::json) FROM workspace_members m WHERE m.user_id = ${userCol})`,
  );

/**
 * Per-process coalescing memory: a key may be claimed once per `everyMs`. A claim whose
 * write failed is released, so the next request writes again instead of being skipped.
 */
export function throttle(everyMs: number, maxKeys: number) {
  const last = new Map<string, number>();
  return {
    claim(key: string, now: number): boolean {
      if ((last.get(key) ?? 0) > now - everyMs) return false;
      last.set(key, now);
      if (last.size > maxKeys) last.clear();
      return true;
    },
    release(key: string, claimedAt: number): void {
      if (last.get(key) === claimedAt) last.delete(key);
    },
    forget(key?: string): void {
      if (key) last.delete(key);
      else last.clear();
    },
  };
}

/** last_active_at: at most once a minute per member per process (docs/PRODUCT.md, Presence). */
export const touches = throttle(60_000, 50_000);
/** Presence rows: at most once per 15 s per user per process. */
export const sightings = throttle(15_000, 100_000);
export const touchKey = (workspaceId: string, userId: string) => `${workspaceId}:${userId}`;

export interface ActivityWrite {
  /** Mark this user seen now (online; announced on the offline→online transition). */
  presence?: string;
  /** Set this membership's last_active_at to now, unless it is less than a minute old. */
  touch?: { workspaceId: string; userId: string };
}

interface Pending {
  write: ActivityWrite;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Queue {
  pending: Pending[];
  flushing: boolean;
}

/** One queue per database handle (tests run several). */
const queues = new WeakMap<object, Queue>();
/** Writes per statement at most; more wait for the next flush. */
const MAX_BATCH = 2_000;

/** Queue a write; resolves when the statement that carried it has committed, rejects if it failed. */
export function writeActivity(db: DbOrTrx, write: ActivityWrite): Promise<void> {
  if (!write.presence && !write.touch) return Promise.resolve();
  // Inside a caller's transaction the write belongs to that transaction: no batching.
  if (db.isTransaction) return writeBatch(db, [write]);
  const queue = queues.get(db) ?? { pending: [], flushing: false };
  queues.set(db, queue);
  const done = new Promise<void>((resolve, reject) => queue.pending.push({ write, resolve, reject }));
  if (!queue.flushing) {
    queue.flushing = true;
    // Writes queued in this same tick join the first flush too.
    queueMicrotask(() => void drain(db, queue));
  }
  return done;
}

async function drain(db: DbOrTrx, queue: Queue): Promise<void> {
  try {
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0, MAX_BATCH);
      try {
        await writeBatch(
          db,
          batch.map((p) => p.write),
        );
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
  } finally {
    queue.flushing = false;
  }
}

const DEADLOCK = "40P01";

/**
 * One statement (one commit): upsert presence for the users, touch the memberships, and
 * announce each user whose row was offline (or absent) before it. Presence rows are
 * written in key order; should another statement still deadlock with this one (another
 * app server's batch, the offline sweep), it is retried once.
 */
async function writeBatch(db: DbOrTrx, writes: ActivityWrite[]): Promise<void> {
  const users = [...new Set(writes.flatMap((w) => (w.presence ? [w.presence] : [])))].sort();
  const touches = new Map<string, { workspaceId: string; userId: string }>();
  for (const w of writes) if (w.touch) touches.set(`${w.touch.workspaceId}:${w.touch.userId}`, w.touch);
  const pairs = [...touches.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
  const touchWs = pairs.map((t) => t.workspaceId);
  const touchUsers = pairs.map((t) => t.userId);
  // All sub-statements see the same snapshot: `prev` is the state before this upsert.
  const statement = sql`
    WITH input AS (
      SELECT i.user_id FROM unnest(${users}::uuid[]) AS i(user_id)
      WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = i.user_id)
    ),
    prev AS (SELECT p.user_id, p.online FROM presence p WHERE p.user_id = ANY(${users}::uuid[])),
    up AS (
      INSERT INTO presence (user_id, last_seen_at, online)
      SELECT user_id, now(), true FROM input ORDER BY user_id
      ON CONFLICT (user_id) DO UPDATE SET last_seen_at = now(), online = true
      RETURNING user_id, last_seen_at
    ),
    touched AS (
      UPDATE workspace_members m SET last_active_at = now()
      FROM unnest(${touchWs}::uuid[], ${touchUsers}::uuid[]) AS t(workspace_id, user_id)
      WHERE m.workspace_id = t.workspace_id AND m.user_id = t.user_id
        AND (m.last_active_at IS NULL OR m.last_active_at < now() - interval '1 minute')
      RETURNING m.user_id
    )
    SELECT pg_notify(${PRESENCE_CHANNEL}, json_build_object('t', 'presence', 'u', up.user_id, 'o', true, 'at', up.last_seen_at, 'ws', ${workspacesOf("up.user_id")})::text)
    FROM up LEFT JOIN prev ON prev.user_id = up.user_id
    WHERE NOT coalesce(prev.online, false)
  `;
  try {
    await statement.execute(db);
  } catch (error) {
    if ((error as { code?: string } | null)?.code !== DEADLOCK || db.isTransaction) throw error;
    await statement.execute(db);
  }
}
