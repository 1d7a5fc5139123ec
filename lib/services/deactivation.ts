// No `server-only` marker: the access job (lib/jobs/registry.ts, started from instrumentation) uses it.
import { sql } from "kysely";
import type { Db, DbOrTrx } from "@/db";
import { canGrantCustomRole, type Role } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/member";
import { DomainError } from "@/lib/errors";
import { notifyRevoked } from "@/lib/presence/service";
import { audit } from "./audit";
import { lockHandover, moveContacts, type HandoverInput } from "./handover";
import { holdPoint } from "./hold-point";
import { isBuiltInOwner, lockDeactivated, lockOwners, lockTarget } from "./member-locks";
import { enqueueWebhookEvent, kickWebhooks } from "./webhooks";

/**
 * Deactivate in one transaction (docs/PRODUCT.md, Users page, Deactivate): the same rules as revoke
 * (nobody on themselves, Managers only Agents, never the last active Owner). The membership row
 * moves to deactivated_members with its level, restrictions and teams; the contacts go to
 * `reassignTo` (an active member) or become unassigned, each hand-over recorded for reactivation.
 */
export async function deactivateMember(db: Db, actor: Actor, input: HandoverInput) {
  if (input.reassignTo === input.userId)
    throw new DomainError("invalidInput", { fieldErrors: { reassignTo: "errors.users.revoke.badTarget" } });
  const ws = actor.member.workspaceId;
  const result = await db.transaction().execute(async (trx) => {
    const owners = await lockOwners(trx, ws);
    const target = await lockTarget(trx, actor, input.userId);
    if (isBuiltInOwner(target) && owners <= 1)
      throw new DomainError("conflict", { messageKey: "users.errors.lastOwner" });
    const handover = await lockHandover(trx, ws, input);
    return deactivateLocked(trx, ws, target, input, { actorId: actor.member.userId, ip: actor.ip }, handover);
  });
  await afterDeactivation(db, ws, input.userId);
  return result;
}

/**
 * The writes of a deactivation, once the caller holds the locks (the Owner rows, the target's row, the heir's):
 * set the membership aside, hand the contacts over (recorded for reactivation), remove the row, audit and queue
 * the webhook. `by.actorId` null is the system (the access job, lib/services/access-until.ts): the audit row has
 * no actor and the activity log shows "System".
 */
export async function deactivateLocked(
  trx: DbOrTrx,
  ws: string,
  target: { role: Role; restrictions: string[] },
  input: { userId: string; reassignTo: string | null },
  by: { actorId: string | null; ip: string | null; reason?: string },
  handover: Awaited<ReturnType<typeof lockHandover>> = { to: input.reassignTo, distribution: null },
) {
  const teams = await trx
    .selectFrom("team_members")
    .select("team_id")
    .where("workspace_id", "=", ws)
    .where("user_id", "=", input.userId)
    .orderBy("team_id")
    .execute();
  const teamIds = teams.map((r) => r.team_id);
  // The version moves on, so a token that still carries the old claim is stale.
  await trx
    .insertInto("deactivated_members")
    .columns([
      "workspace_id",
      "user_id",
      "role",
      "role_id",
      "restrictions",
      "team_ids",
      "invited_by",
      "joined_at",
      "last_active_at",
      "version",
      "deactivated_by",
    ])
    .expression((eb) =>
      eb
        .selectFrom("workspace_members")
        .select([
          "workspace_id",
          "user_id",
          "role",
          "role_id",
          "restrictions",
          sql<string[]>`${sql.val(teamIds)}::uuid[]`.as("team_ids"),
          "invited_by",
          "joined_at",
          "last_active_at",
          sql<number>`version + 1`.as("version"),
          sql<string | null>`${by.actorId}::uuid`.as("deactivated_by"),
        ])
        .where("workspace_id", "=", ws)
        .where("user_id", "=", input.userId),
    )
    .execute();
  const contactsMoved = await moveContacts(trx, ws, input.userId, handover.to, true);
  // Team memberships go with the row (ON DELETE CASCADE); their ids are kept above.
  await trx
    .deleteFrom("workspace_members")
    .where("workspace_id", "=", ws)
    .where("user_id", "=", input.userId)
    .execute();
  const done = {
    userId: input.userId,
    contactsMoved,
    reassignedTo: input.reassignTo,
    ...(handover.distribution ? { distribution: handover.distribution } : {}),
    teams: teamIds.length,
    ...(by.reason ? { reason: by.reason } : {}),
  };
  await audit(trx, {
    workspaceId: ws,
    actorId: by.actorId,
    action: "member.deactivated",
    target: input.userId,
    before: { role: target.role, restrictions: target.restrictions },
    after: done,
    ip: by.ip,
  });
  await enqueueWebhookEvent(trx, ws, "member.deactivated", {
    ...done,
    role: target.role,
    restrictions: target.restrictions,
  });
  return done;
}

/** After the commit: the member's open presence streams close now, as on revoke; webhooks go at once. */
export async function afterDeactivation(db: DbOrTrx, ws: string, userId: string): Promise<void> {
  await notifyRevoked(db, userId, ws).catch(() => undefined);
  kickWebhooks();
}

/**
 * Whether one more person in this organization's workspaces would exceed its seats. Locks the
 * organization row, so two reactivations in the same organization take their turn.
 */
async function assertSeatFree(trx: DbOrTrx, workspaceId: string, userId: string) {
  const org = await trx
    .selectFrom("organizations as o")
    .innerJoin("workspaces as w", "w.org_id", "o.id")
    .select(["o.id", "o.seat_limit"])
    .where("w.id", "=", workspaceId)
    .forUpdate("o")
    .executeTakeFirstOrThrow();
  await holdPoint(trx, "member.seat");
  const row = await trx
    .selectFrom("workspace_members as m")
    .innerJoin("workspaces as w", "w.id", "m.workspace_id")
    .select([
      sql<string>`count(DISTINCT m.user_id)`.as("seats"),
      sql<boolean>`coalesce(bool_or(m.user_id = ${userId}::uuid), false)`.as("holds"),
    ])
    .where("w.org_id", "=", org.id)
    .executeTakeFirstOrThrow();
  // Already active in another workspace of the organization: no new seat.
  if (!row.holds && Number(row.seats) + 1 > org.seat_limit)
    throw new DomainError("conflict", { messageKey: "users.errors.noSeats" });
}

/**
 * Reactivate in one transaction: the membership comes back with the level, restrictions and teams
 * it had (teams deleted meanwhile are skipped); with `giveBack`, the contacts handed over at
 * deactivation that are still where the hand-over put them (with the member who received them,
 * or still unassigned) go back to the member. Refused if the organization has no seat left.
 */
export async function reactivateMember(db: Db, actor: Actor, input: { userId: string; giveBack: boolean }) {
  const ws = actor.member.workspaceId;
  const result = await db.transaction().execute(async (trx) => {
    await lockOwners(trx, ws);
    const target = await lockDeactivated(trx, actor, input.userId);
    // Reactivating gives the custom role back: only to someone who may grant it (a Manager: within their own set).
    if (target.role_id) {
      const role = await trx
        .selectFrom("workspace_roles")
        .select(["base", "permissions"])
        .where("workspace_id", "=", ws)
        .where("id", "=", target.role_id)
        .executeTakeFirstOrThrow();
      if (!canGrantCustomRole(target.actor, role))
        throw new DomainError("forbidden", { messageKey: "users.errors.roleNotGrantable" });
    }
    await assertSeatFree(trx, ws, input.userId);
    await trx
      .insertInto("workspace_members")
      .values({
        workspace_id: ws,
        user_id: input.userId,
        role: target.role,
        // The custom role it had (still there: a role held by a set-aside member cannot be deleted).
        role_id: target.role_id,
        restrictions: target.restrictions,
        invited_by: target.invited_by,
        joined_at: target.joined_at,
        last_active_at: target.last_active_at,
        version: target.version + 1,
      })
      .execute();
    const teams = target.team_ids.length
      ? await trx
          .insertInto("team_members")
          .columns(["team_id", "workspace_id", "user_id"])
          .expression((eb) =>
            eb
              .selectFrom("teams")
              .select(["id", "workspace_id", sql<string>`${input.userId}::uuid`.as("user_id")])
              .where("workspace_id", "=", ws)
              .where("id", "in", target.team_ids),
          )
          .executeTakeFirst()
      : { numInsertedOrUpdatedRows: BigInt(0) };
    let returned = 0;
    if (input.giveBack) {
      const moved = await sql`
        UPDATE contacts c SET assignee_id = ${input.userId}::uuid, updated_at = now()
        FROM deactivation_handovers h CROSS JOIN LATERAL unnest(h.contact_ids) AS handed(contact_id)
        WHERE h.workspace_id = ${ws}::uuid AND h.user_id = ${input.userId}::uuid
          AND c.workspace_id = ${ws}::uuid AND c.id = handed.contact_id
          AND c.assignee_id IS NOT DISTINCT FROM h.received_by
      `.execute(trx);
      returned = Number(moved.numAffectedRows ?? 0);
    }
    // The hand-over records go with the row (ON DELETE CASCADE).
    await trx
      .deleteFrom("deactivated_members")
      .where("workspace_id", "=", ws)
      .where("user_id", "=", input.userId)
      .execute();
    const done = {
      userId: input.userId,
      role: target.role,
      restrictions: target.restrictions,
      teams: Number(teams.numInsertedOrUpdatedRows ?? 0),
      contactsReturned: returned,
    };
    await audit(trx, {
      workspaceId: ws,
      actorId: actor.member.userId,
      action: "member.reactivated",
      target: input.userId,
      before: { deactivatedAt: target.deactivated_at, deactivatedBy: target.deactivated_by },
      after: done,
      ip: actor.ip,
    });
    await enqueueWebhookEvent(trx, ws, "member.reactivated", done);
    return done;
  });
  kickWebhooks();
  return result;
}

/** How many handed-over contacts reactivation could give back now (what the dialog offers). */
export async function countReturnable(db: DbOrTrx, workspaceId: string, userId: string): Promise<number> {
  const result = await sql<{ n: string }>`
    SELECT count(*) AS n
    FROM deactivation_handovers h CROSS JOIN LATERAL unnest(h.contact_ids) AS handed(contact_id)
    JOIN contacts c ON c.workspace_id = h.workspace_id AND c.id = handed.contact_id
    WHERE h.workspace_id = ${workspaceId}::uuid AND h.user_id = ${userId}::uuid
      AND c.assignee_id IS NOT DISTINCT FROM h.received_by
  `.execute(db);
  return Number(result.rows[0].n);
}
