// No `server-only` marker: the presence job (lib/jobs/registry.ts) runs it from instrumentation.
import { sql, type RawBuilder } from "kysely";
import type { DbOrTrx } from "@/db";
import { PRESENCE_CHANNEL } from "./activity";
import { isOnline } from "./service";

// Availability (docs/PRODUCT.md, Availability). A member is away in a workspace when they set
// Away there, or when the workspace has auto-away on and their membership's last_active_at is
// older than its delay — by the database's clock, never the browser's. The presence stream
// learns of changes from `announceAway`, which compares with the state last announced.

/**
 * last_active_at is written at most once a minute (lib/presence/activity.ts), so an active
 * member's value can be up to about 85 s old; auto-away waits this much beyond the delay.
 */
export const AUTO_AWAY_GRACE_SECONDS = 90;

/** THE "away" predicate over a workspace_members row; `alias` names that table. */
export function isAway(alias = "m"): RawBuilder<boolean> {
  const m = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<boolean>`(${m("availability")} = 'away' OR coalesce((
    SELECT ${m("last_active_at")} IS NULL
      OR ${m("last_active_at")} <= now() - make_interval(mins => w.auto_away_minutes, secs => ${AUTO_AWAY_GRACE_SECONDS})
    FROM workspaces w WHERE w.id = ${m("workspace_id")} AND w.auto_away_minutes IS NOT NULL
  ), false))`;
}

/**
 * Announce every membership whose away state differs from the one last announced (all of
 * them, or one workspace, or one member), and remember it. Rows another statement holds are
 * skipped (the next sweep takes them), so this never waits on a lock and never deadlocks;
 * inside a transaction that already changed a row, that row is its own. Returns how many
 * changed. Auto-away transitions are announced only here: they write no audit row.
 */
export async function announceAway(db: DbOrTrx, scope: { workspaceId?: string; userId?: string } = {}) {
  const only = sql`${scope.workspaceId ? sql`AND m.workspace_id = ${scope.workspaceId}::uuid` : sql``}
    ${scope.userId ? sql`AND m.user_id = ${scope.userId}::uuid` : sql``}`;
  const result = await sql<{ n: unknown }>`
    WITH candidates AS (
      -- Those set or announced away (a partial index), and the members of auto-away workspaces.
      SELECT m.workspace_id, m.user_id FROM workspace_members m
      WHERE (m.away_announced OR m.availability = 'away') ${only}
      UNION
      SELECT m.workspace_id, m.user_id FROM workspaces w JOIN workspace_members m ON m.workspace_id = w.id
      WHERE w.auto_away_minutes IS NOT NULL ${only}
    ),
    due AS (
      SELECT m.workspace_id, m.user_id FROM workspace_members m
      JOIN candidates c ON c.workspace_id = m.workspace_id AND c.user_id = m.user_id
      WHERE m.away_announced IS DISTINCT FROM ${isAway("m")}
      ORDER BY m.workspace_id, m.user_id
      FOR NO KEY UPDATE OF m SKIP LOCKED
    ),
    changed AS (
      UPDATE workspace_members m SET away_announced = NOT m.away_announced
      FROM due WHERE m.workspace_id = due.workspace_id AND m.user_id = due.user_id
      RETURNING m.workspace_id, m.user_id, m.away_announced
    )
    SELECT pg_notify(${PRESENCE_CHANNEL}, json_build_object(
      't', 'away', 'u', user_id, 'a', away_announced, 'ws', json_build_array(workspace_id))::text) AS n
    FROM changed
  `.execute(db);
  return result.rows.length;
}

/** Members of the workspace online now who are away (the stream's snapshot; offline ones show grey anyway). */
export async function onlineAwayIds(db: DbOrTrx, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("workspace_members as m")
    .innerJoin("presence as p", "p.user_id", "m.user_id")
    .select("m.user_id")
    .where("m.workspace_id", "=", workspaceId)
    .where(isOnline("p"))
    .where(isAway("m"))
    .execute();
  return rows.map((r) => r.user_id);
}
