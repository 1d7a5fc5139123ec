// No `server-only` marker: deactivation (and so the access job, started from instrumentation) uses it.
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { DomainError } from "@/lib/errors";
import { isAway } from "@/lib/presence/availability";
import { isOnline } from "@/lib/presence/service";
import type { DistributeInput } from "@/lib/validation/users";
import { holdPoint } from "./hold-point";
import { lockHeir } from "./member-locks";

// Where a departing member's contacts go (docs/PRODUCT.md, Users page, hand-over): nowhere
// (unassigned), to one member, or distributed over a team or several members, the least loaded
// receiving the most. Revoke and deactivate share it; the preview and the write compute the
// plan with the same function, so what the dialog shows is what happens.

/** How many contacts one recipient receives, and how many they held before. */
export interface Share {
  userId: string;
  held: number;
  receives: number;
}

/**
 * Split `total` contacts so the recipients' loads end as even as possible: each contact goes to
 * whoever holds the fewest at that moment (ties by user id). Computed by levels, not one by one.
 */
export function allocate(loads: { userId: string; held: number }[], total: number): Share[] {
  const sorted = [...loads].sort((a, b) => a.held - b.held || (a.userId < b.userId ? -1 : 1));
  if (!sorted.length) return [];
  // The level L every recipient below it is filled up to: the largest with room(L) <= total.
  const room = (level: number) => sorted.reduce((n, r) => n + Math.max(0, level - r.held), 0);
  let lo = sorted[0].held;
  let hi = sorted[0].held + total;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (room(mid) <= total) lo = mid;
    else hi = mid - 1;
  }
  let left = total - room(lo);
  // Whoever sits at the level then takes one more each, least loaded first, until none is left.
  return sorted.map((r) => {
    let receives = Math.max(0, lo - r.held);
    if (left > 0 && r.held <= lo) {
      receives += 1;
      left -= 1;
    }
    return { userId: r.userId, held: r.held, receives };
  });
}

/**
 * The members who may receive the contacts: active members of the chosen team or the chosen
 * members (never the departing one), optionally only those online and not away now, each with
 * the contacts they hold. With `lock`, their rows are held FOR SHARE until commit, so none of
 * them can be revoked between the plan and the write.
 */
async function recipients(
  db: DbOrTrx,
  workspaceId: string,
  fromUserId: string,
  spec: DistributeInput,
  lock: boolean,
): Promise<{ userId: string; held: number }[]> {
  const chosen = spec.teamId
    ? sql`EXISTS (SELECT 1 FROM team_members tm
        WHERE tm.workspace_id = m.workspace_id AND tm.team_id = ${spec.teamId}::uuid AND tm.user_id = m.user_id)`
    : sql`m.user_id = ANY(${sql.val(spec.memberIds)}::uuid[])`;
  const available = spec.availableOnly ? sql`AND ${isOnline("p")} AND NOT ${isAway("m")}` : sql``;
  const rows = await sql<{ user_id: string; held: string }>`
    SELECT m.user_id,
      (SELECT count(*) FROM contacts c WHERE c.workspace_id = m.workspace_id AND c.assignee_id = m.user_id) AS held
    FROM workspace_members m LEFT JOIN presence p ON p.user_id = m.user_id
    WHERE m.workspace_id = ${workspaceId}::uuid AND m.user_id <> ${fromUserId}::uuid AND ${chosen} ${available}
    ORDER BY m.user_id
    ${lock ? sql`FOR SHARE OF m` : sql``}
  `.execute(db);
  // Chosen by name: every one of them must still be an active member.
  if (!spec.teamId && !spec.availableOnly && rows.rows.length !== new Set(spec.memberIds).size)
    throw new DomainError("invalidInput", { fieldErrors: { distribute: "errors.users.revoke.badTarget" } });
  if (!rows.rows.length)
    throw new DomainError("invalidInput", { fieldErrors: { distribute: "errors.users.handover.nobody" } });
  return rows.rows.map((r) => ({ userId: r.user_id, held: Number(r.held) }));
}

/**
 * Contacts the departing member holds now. With `lock`, those rows are locked (FOR UPDATE) until
 * commit: a concurrent reassignment of one of them waits, so the plan counts exactly the rows the
 * write then moves.
 */
async function heldBy(db: DbOrTrx, workspaceId: string, userId: string, lock = false): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM (
      SELECT id FROM contacts WHERE workspace_id = ${workspaceId}::uuid AND assignee_id = ${userId}::uuid
      ${lock ? sql`FOR UPDATE` : sql``}
    ) held
  `.execute(db);
  return Number(rows[0].n);
}

/** The plan, read only: what the dialog previews. */
export async function previewDistribution(db: DbOrTrx, workspaceId: string, fromUserId: string, spec: DistributeInput) {
  const [loads, total] = await Promise.all([
    recipients(db, workspaceId, fromUserId, spec, false),
    heldBy(db, workspaceId, fromUserId),
  ]);
  return allocate(loads, total);
}

/**
 * The plan inside the write's transaction (the departing member's row is locked already, so no
 * contact can be assigned to them meanwhile). With `spec.expect`, a plan that differs from the
 * one the actor saw is refused: the result always matches the preview.
 */
export async function lockDistribution(trx: DbOrTrx, workspaceId: string, fromUserId: string, spec: DistributeInput) {
  const loads = await recipients(trx, workspaceId, fromUserId, spec, true);
  const plan = allocate(loads, await heldBy(trx, workspaceId, fromUserId, true));
  await holdPoint(trx, "handover.plan");
  if (spec.expect) {
    const seen = new Map(spec.expect.map((e) => [e.userId, e.receives]));
    const same = seen.size === plan.length && plan.every((s) => seen.get(s.userId) === s.receives);
    if (!same) throw new DomainError("conflict", { messageKey: "users.handover.changed" });
  }
  return plan;
}

/**
 * Move every contact of `fromUserId`: to nobody (null: unassigned), to one member (a user id), or
 * by a plan, contacts in id order going to its recipients in turn. With `record`, each move is kept in
 * deactivation_handovers (one row per recipient) so reactivation can give it back. One statement; returns
 * how many moved.
 */
export async function moveContacts(
  trx: DbOrTrx,
  workspaceId: string,
  fromUserId: string,
  to: string | Pick<Share, "userId" | "receives">[] | null,
  record: boolean,
): Promise<number> {
  const plan = typeof to === "string" ? [{ userId: to, receives: Number.MAX_SAFE_INTEGER }] : (to ?? []);
  const shares = plan.filter((s) => s.receives > 0);
  const his: number[] = [];
  shares.reduce((end, s) => (his.push(end + s.receives), end + s.receives), 0);
  const result = await sql<{ n: string }>`
    WITH moving AS (
      SELECT id, row_number() OVER (ORDER BY id) AS rn FROM contacts
      WHERE workspace_id = ${workspaceId}::uuid AND assignee_id = ${fromUserId}::uuid
    ),
    plan AS (
      SELECT * FROM unnest(${sql.val(shares.map((s) => s.userId))}::uuid[], ${sql.val(his)}::int8[]) AS p(user_id, hi)
    ),
    moved AS (
      UPDATE contacts c SET assignee_id = (SELECT p.user_id FROM plan p WHERE p.hi >= mv.rn ORDER BY p.hi LIMIT 1),
        updated_at = now()
      FROM moving mv
      WHERE c.workspace_id = ${workspaceId}::uuid AND c.id = mv.id
      RETURNING c.id, c.assignee_id
    ),
    recorded AS (
      INSERT INTO deactivation_handovers (workspace_id, user_id, received_by, contact_ids)
      SELECT ${workspaceId}::uuid, ${fromUserId}::uuid, assignee_id, array_agg(id) FROM moved WHERE ${record}
      GROUP BY assignee_id
    )
    SELECT count(*) AS n FROM moved
  `.execute(trx);
  return Number(result.rows[0].n);
}

/** What revoke and deactivate take: the member, and where their contacts go. */
export interface HandoverInput {
  userId: string;
  /** One member who takes them all; null with no `distribute`: unassigned. */
  reassignTo: string | null;
  distribute?: DistributeInput | null;
}

/** Inside the write's transaction: the recipients locked and, when distributing, the plan. */
export async function lockHandover(trx: DbOrTrx, workspaceId: string, input: HandoverInput) {
  if (input.distribute) {
    const plan = await lockDistribution(trx, workspaceId, input.userId, input.distribute);
    return { to: plan, distribution: plan.map(({ userId, receives }) => ({ userId, receives })) };
  }
  if (input.reassignTo) await lockHeir(trx, workspaceId, input.reassignTo);
  return { to: input.reassignTo, distribution: null };
}
