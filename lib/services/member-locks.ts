// No `server-only` marker: the access job (lib/jobs/registry.ts, started from instrumentation) uses it.
import type { DbOrTrx } from "@/db";
import { canManageRole } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/member";
import { DomainError } from "@/lib/errors";
import { holdPoint } from "./hold-point";

// The row locks every change of a membership takes, in one order: the workspace's Owner rows,
// the actor's own row, then the target's (active or deactivated).

/**
 * Lock every Owner row of the workspace, always in the same order, and return how many
 * there are. Two Owners demoting or revoking each other at the same moment queue here,
 * so the second sees the first's result and the last Owner survives.
 */
export async function lockOwners(trx: DbOrTrx, workspaceId: string): Promise<number> {
  const rows = await trx
    .selectFrom("workspace_members")
    .select("user_id")
    .where("workspace_id", "=", workspaceId)
    .where("role", "=", "owner")
    // The built-in Owners: an Owner-like custom role may lack users management, so it keeps no workspace.
    .where("role_id", "is", null)
    .orderBy("user_id")
    .forUpdate()
    .execute();
  await holdPoint(trx, "member.change");
  return rows.length;
}

/**
 * The actor's authority, read again inside the transaction (after lockOwners, so an
 * Owner's own row is locked): a concurrent demotion of the actor cannot slip between
 * the guard and the write.
 */
export async function recheckActor(trx: DbOrTrx, actor: Actor) {
  const row = await trx
    .selectFrom("workspace_members as m")
    .leftJoin("workspace_roles as cr", (join) =>
      join.onRef("cr.workspace_id", "=", "m.workspace_id").onRef("cr.id", "=", "m.role_id"),
    )
    .select(["m.role", "m.restrictions", "cr.id", "cr.name", "cr.permissions", "cr.visibility"])
    .where("m.workspace_id", "=", actor.member.workspaceId)
    .where("m.user_id", "=", actor.member.userId)
    .forShare("m")
    .executeTakeFirst();
  if (!row) throw new DomainError("notFound");
  const custom = row.id
    ? { id: row.id, name: row.name!, permissions: row.permissions!, visibility: row.visibility! }
    : null;
  return { ...actor.member, role: row.role, restrictions: row.restrictions, custom };
}

/** A built-in Owner (the last-Owner rule counts only these; an Owner-like custom role is not one). */
export const isBuiltInOwner = (m: { role: string; role_id: string | null }) => m.role === "owner" && m.role_id === null;

/** The target row, locked, or a refusal. Nobody changes their own access. */
export async function lockTarget(trx: DbOrTrx, actor: Actor, userId: string) {
  if (userId === actor.member.userId) throw new DomainError("forbidden", { messageKey: "users.errors.self" });
  const current = await recheckActor(trx, actor);
  const target = await trx
    .selectFrom("workspace_members")
    .select(["user_id", "role", "role_id", "restrictions", "version", "access_until", "access_until_reassign_to"])
    .where("workspace_id", "=", actor.member.workspaceId)
    .where("user_id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
  if (!target) throw new DomainError("notFound");
  if (!canManageRole(current, target.role))
    throw new DomainError("forbidden", { messageKey: "users.errors.managerAgentsOnly" });
  return { ...target, actor: current };
}

/** A deactivated membership of this workspace, locked, or a refusal (Managers: Agents only). */
export async function lockDeactivated(trx: DbOrTrx, actor: Actor, userId: string) {
  if (userId === actor.member.userId) throw new DomainError("forbidden", { messageKey: "users.errors.self" });
  const current = await recheckActor(trx, actor);
  const target = await trx
    .selectFrom("deactivated_members")
    .selectAll()
    .where("workspace_id", "=", actor.member.workspaceId)
    .where("user_id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
  if (!target) throw new DomainError("notFound");
  if (!canManageRole(current, target.role))
    throw new DomainError("forbidden", { messageKey: "users.errors.managerAgentsOnly" });
  return { ...target, actor: current };
}

/** The member who receives handed-over contacts: an active member, held (FOR SHARE) until commit. */
export async function lockHeir(trx: DbOrTrx, workspaceId: string, userId: string): Promise<void> {
  const heir = await trx
    .selectFrom("workspace_members")
    .select("user_id")
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .forShare()
    .executeTakeFirst();
  if (!heir) throw new DomainError("invalidInput", { fieldErrors: { reassignTo: "errors.users.revoke.badTarget" } });
}
