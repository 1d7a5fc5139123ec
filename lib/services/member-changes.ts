import "server-only";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "@/db";
import { canManageRole, cleanRestrictions, type Role } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/member";
import { DomainError } from "@/lib/errors";
import { notifyRevoked } from "@/lib/presence/service";
import type { AccessUntilInput } from "@/lib/validation/users";
import { accessUntilColumns, accessUntilView } from "./access-until";
import { audit } from "./audit";
import { lockHandover, moveContacts, type HandoverInput } from "./handover";
import { isBuiltInOwner, lockDeactivated, lockOwners, lockTarget } from "./member-locks";
import { resolveRoleChoice, roleView } from "./roles";
import { bigintId, decodeKeyset, encodeKeyset } from "./keyset";
import { pendingInvitation } from "./people-sql";
import { enqueueWebhookEvent, kickWebhooks } from "./webhooks";

export async function updateMemberAccess(
  db: Db,
  actor: Actor,
  input: {
    userId: string;
    role: Role;
    roleId?: string | null;
    restrictions: string[];
    accessUntil?: AccessUntilInput;
  },
) {
  if (!canManageRole(actor.member, input.role))
    throw new DomainError("forbidden", { messageKey: "users.errors.managerAgentsOnly" });
  const result = await db.transaction().execute(async (trx) => {
    const owners = await lockOwners(trx, actor.member.workspaceId);
    const target = await lockTarget(trx, actor, input.userId);
    if (!canManageRole(target.actor, input.role))
      throw new DomainError("forbidden", { messageKey: "users.errors.managerAgentsOnly" });
    // The role the actor may give, read in this transaction (a custom role: this workspace's, held until commit).
    const to = await resolveRoleChoice(trx, target.actor, { role: input.role, roleId: input.roleId ?? null });
    const restrictions = cleanRestrictions(to.role, input.restrictions, to.roleId !== null);
    // The last built-in Owner stays one (Owner-like custom roles do not count: docs/PERMISSIONS.md).
    if (isBuiltInOwner(target) && !(to.role === "owner" && to.roleId === null) && owners <= 1) {
      throw new DomainError("conflict", { messageKey: "users.errors.lastOwner" });
    }
    // An end date, when the form sends one (docs/PRODUCT.md, Access until a date); a new date reminds again.
    const until = await accessUntilColumns(trx, actor.member.workspaceId, input.accessUntil, input.userId);
    await trx
      .updateTable("workspace_members")
      .set({
        role: to.role,
        role_id: to.roleId,
        restrictions,
        ...(until ? { ...until, access_reminder_sent_at: null } : {}),
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where("workspace_id", "=", actor.member.workspaceId)
      .where("user_id", "=", input.userId)
      .execute();
    const before = {
      role: target.role,
      ...roleView(target.role_id),
      restrictions: target.restrictions,
      ...(until ? accessUntilView(target) : {}),
    };
    const after = {
      role: to.role,
      ...roleView(to.roleId, to.custom?.name ?? null),
      restrictions,
      ...(until ? accessUntilView(until) : {}),
    };
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "member.updated",
      target: input.userId,
      before,
      after,
      ip: actor.ip,
    });
    await enqueueWebhookEvent(trx, actor.member.workspaceId, "member.updated", {
      userId: input.userId,
      before,
      after,
    });
    return { userId: input.userId, ...after };
  });
  kickWebhooks();
  return result;
}

/**
 * Revoke in one transaction (docs/PRODUCT.md, Users page): contacts unassigned or handed over, team
 * memberships and the user's pending invitations in this workspace go, then the membership.
 */
export async function revokeMember(db: Db, actor: Actor, input: HandoverInput) {
  if (input.reassignTo === input.userId)
    throw new DomainError("invalidInput", { fieldErrors: { reassignTo: "errors.users.revoke.badTarget" } });
  const result = await db.transaction().execute(async (trx) => {
    const ws = actor.member.workspaceId;
    const owners = await lockOwners(trx, ws);
    const target = await lockTarget(trx, actor, input.userId).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === "notFound") return null;
      throw e;
    });
    // Not active: a deactivated member is removed too (their contacts were handed over already).
    if (!target) return removeDeactivated(trx, actor, input.userId);
    if (isBuiltInOwner(target) && owners <= 1)
      throw new DomainError("conflict", { messageKey: "users.errors.lastOwner" });
    const { to, distribution } = await lockHandover(trx, ws, input);
    const contactsMoved = await moveContacts(trx, ws, input.userId, to, false);
    const teams = await trx
      .deleteFrom("team_members")
      .where("workspace_id", "=", ws)
      .where("user_id", "=", input.userId)
      .executeTakeFirst();
    const invitations = await trx
      .updateTable("invitations")
      .set({ cancelled_at: sql`now()` })
      .where("workspace_id", "=", ws)
      .where("invited_by", "=", input.userId)
      .where(pendingInvitation(""))
      .executeTakeFirst();
    await trx
      .deleteFrom("workspace_members")
      .where("workspace_id", "=", ws)
      .where("user_id", "=", input.userId)
      .execute();
    const result = {
      userId: input.userId,
      contactsMoved,
      reassignedTo: input.reassignTo,
      ...(distribution ? { distribution } : {}),
      teamsLeft: Number(teams.numDeletedRows),
      invitationsCancelled: Number(invitations.numUpdatedRows),
    };
    await audit(trx, {
      workspaceId: ws,
      actorId: actor.member.userId,
      action: "member.revoked",
      target: input.userId,
      before: { role: target.role, restrictions: target.restrictions },
      after: result,
      ip: actor.ip,
    });
    await enqueueWebhookEvent(trx, ws, "member.revoked", result);
    return result;
  });
  // After commit: the revoked user's open presence streams close now.
  await notifyRevoked(db, input.userId, actor.member.workspaceId).catch(() => undefined);
  kickWebhooks();
  return result;
}

/** Revoke a deactivated member: their set-aside membership and pending invitations go, audited as a revocation. */
async function removeDeactivated(trx: DbOrTrx, actor: Actor, userId: string) {
  const ws = actor.member.workspaceId;
  const target = await lockDeactivated(trx, actor, userId);
  const invitations = await trx
    .updateTable("invitations")
    .set({ cancelled_at: sql`now()` })
    .where("workspace_id", "=", ws)
    .where("invited_by", "=", userId)
    .where(pendingInvitation(""))
    .executeTakeFirst();
  await trx.deleteFrom("deactivated_members").where("workspace_id", "=", ws).where("user_id", "=", userId).execute();
  const result = {
    userId,
    contactsMoved: 0,
    reassignedTo: null,
    teamsLeft: target.team_ids.length,
    invitationsCancelled: Number(invitations.numUpdatedRows),
  };
  await audit(trx, {
    workspaceId: ws,
    actorId: actor.member.userId,
    action: "member.revoked",
    target: userId,
    before: { role: target.role, restrictions: target.restrictions, deactivated: true },
    after: result,
    ip: actor.ip,
  });
  await enqueueWebhookEvent(trx, ws, "member.revoked", result);
  return result;
}

/**
 * The workspace's audit log, newest first, one keyset page at a time: `before` is the
 * cursor of the page's last row (created_at as text, so no microsecond is lost, and id).
 */
export async function recentAudit(db: DbOrTrx, workspaceId: string, opts: { limit: number; before?: string }) {
  const before = decodeKeyset("time", opts.before, bigintId);
  let query = db
    .selectFrom("audit_log as a")
    .leftJoin("users as actor", "actor.id", "a.actor_id")
    .select([
      "a.id",
      "a.action",
      "a.target",
      "a.before",
      "a.after",
      "a.ip",
      "a.request_id",
      "a.created_at",
      "actor.name as actor_name",
      "actor.email as actor_email",
    ])
    .select(sql<string>`a.created_at::text`.as("created_key"))
    .where("a.workspace_id", "=", workspaceId);
  if (before)
    query = query.where(sql<boolean>`(a.created_at, a.id) < (${before[0]}::timestamptz, ${before[1]}::bigint)`);
  const rows = await query
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .limit(opts.limit + 1)
    .execute();
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > opts.limit && last ? encodeKeyset("time", last.created_key, String(last.id)) : null,
  };
}
