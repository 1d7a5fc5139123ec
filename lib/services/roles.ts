import "server-only";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "@/db";
import { isForeignKeyViolation, isUniqueViolation } from "@/db/pg-errors";
import {
  canGrantCustomRole,
  canManageRole,
  cleanPermissions,
  cleanRestrictions,
  ROLES,
  type CustomRole,
  type MemberAccess,
  type Permission,
  type Role,
  type Visibility,
} from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/member";
import { DomainError } from "@/lib/errors";
import { ROLE_NAME_MAX, type RoleChoice } from "@/lib/validation/roles";
import { audit } from "./audit";
import { holdPoint } from "./hold-point";
import { likePattern, pendingInvitation, personMatches } from "./people-sql";
import { isUuid } from "@/lib/validation/id";
import { enqueueWebhookEvent, kickWebhooks } from "./webhooks";

// Custom roles (docs/PERMISSIONS.md, Custom roles): Settings → Roles writes them, the assigning services
// resolve a role choice through resolveRoleChoice. Who may call the writes is decided by the action wrapper
// (canManageRoles); every statement here carries the workspace.

export interface RoleItem extends CustomRole {
  base: Role;
  members: number;
  deactivated: number;
  invitations: number;
}
export interface RoleListing {
  /** Built-in levels with the number of active members who hold them (not a custom role). */
  levels: { role: Role; members: number }[];
  roles: RoleItem[];
}

const ROLE_COLUMNS = ["id", "name", "base", "permissions", "visibility"] as const;
type RoleRow = { id: string; name: string; base: Role; permissions: Permission[]; visibility: Visibility };

const asCustom = (r: RoleRow): CustomRole & { base: Role } => ({
  id: r.id,
  name: r.name,
  base: r.base,
  permissions: cleanPermissions(r.base, r.permissions),
  visibility: r.visibility,
});

/** The workspace's custom roles by name (at most 500). */
export async function listCustomRoles(
  db: DbOrTrx,
  workspaceId: string,
  opts: { lock?: boolean } = {},
): Promise<(CustomRole & { base: Role })[]> {
  let query = db
    .selectFrom("workspace_roles")
    .select(ROLE_COLUMNS)
    .where("workspace_id", "=", workspaceId)
    .orderBy(sql`lower(name)`)
    .orderBy("id")
    .limit(500);
  // In a writing transaction: held FOR SHARE, so an edit or delete of a role waits for the assignment.
  if (opts.lock) query = query.forShare();
  const rows = await query.execute();
  return rows.map(asCustom);
}

/**
 * Settings → Roles: the built-in levels and the custom roles, with who holds each. The counts are one grouped
 * query over members, set-aside members and pending invitations.
 */
export async function listRoles(db: DbOrTrx, workspaceId: string): Promise<RoleListing> {
  const roles = await listCustomRoles(db, workspaceId);
  const { rows } = await sql<{ kind: "m" | "d" | "i"; role: Role; role_id: string | null; n: string }>`
    SELECT kind, role, role_id, count(*) AS n FROM (
      SELECT 'm' AS kind, role, role_id FROM workspace_members WHERE workspace_id = ${workspaceId}::uuid
      UNION ALL
      SELECT 'd', role, role_id FROM deactivated_members WHERE workspace_id = ${workspaceId}::uuid AND role_id IS NOT NULL
      UNION ALL
      SELECT 'i', role, role_id FROM invitations i WHERE workspace_id = ${workspaceId}::uuid AND role_id IS NOT NULL
        AND ${pendingInvitation("i")}
    ) x GROUP BY kind, role, role_id
  `.execute(db);
  const count = (kind: string, pick: (r: (typeof rows)[number]) => boolean) =>
    rows.filter((r) => r.kind === kind && pick(r)).reduce((n, r) => n + Number(r.n), 0);
  return {
    levels: ROLES.map((role) => ({ role, members: count("m", (r) => r.role_id === null && r.role === role) })),
    roles: roles.map((r) => ({
      ...r,
      members: count("m", (x) => x.role_id === r.id),
      deactivated: count("d", (x) => x.role_id === r.id),
      invitations: count("i", (x) => x.role_id === r.id),
    })),
  };
}

/** The custom roles this actor may give someone (the assigning dialogs offer them beside the levels). */
export async function grantableCustomRoles(db: DbOrTrx, actor: MemberAccess & { workspaceId: string }) {
  const roles = await listCustomRoles(db, actor.workspaceId);
  return roles.filter((r) => canGrantCustomRole(actor, r));
}

export interface ResolvedChoice {
  role: Role;
  roleId: string | null;
  custom: (CustomRole & { base: Role }) | null;
}

/**
 * A role choice checked inside the caller's transaction: a custom role must be this workspace's, its base
 * must be `role`, and the actor (as re-read in the transaction) must be allowed to grant it; a built-in level
 * follows canManageRole. The custom role's row is held FOR SHARE until commit, so an edit or a delete of
 * the role waits for the assignment (and then bumps or moves the new holder too).
 */
export async function resolveRoleChoice(
  trx: DbOrTrx,
  actor: MemberAccess & { workspaceId: string },
  choice: RoleChoice,
  field = "role",
): Promise<ResolvedChoice> {
  if (!choice.roleId) {
    if (!canManageRole(actor, choice.role))
      throw new DomainError("forbidden", { fieldErrors: { [field]: "errors.users.role.notAllowed" } });
    return { role: choice.role, roleId: null, custom: null };
  }
  const row = await trx
    .selectFrom("workspace_roles")
    .select(ROLE_COLUMNS)
    .where("workspace_id", "=", actor.workspaceId)
    .where("id", "=", choice.roleId)
    .forShare()
    .executeTakeFirst();
  if (!row || row.base !== choice.role)
    throw new DomainError("invalidInput", { fieldErrors: { [field]: "errors.roles.unknown" } });
  const custom = asCustom(row);
  if (!canGrantCustomRole(actor, custom))
    throw new DomainError("forbidden", { fieldErrors: { [field]: "errors.users.role.notAllowed" } });
  return { role: custom.base, roleId: custom.id, custom };
}

/** A custom role in an audit row or a webhook payload; nothing for a built-in level (payloads stay as they were). */
export const roleView = (roleId: string | null, name?: string | null) =>
  roleId ? { roleId, ...(name ? { roleName: name } : {}) } : {};

/**
 * The Users list's role filter from its URL value: a level name, or the id of one of this workspace's custom
 * roles; anything else is no filter.
 */
export async function roleFilterOf(
  db: DbOrTrx,
  workspaceId: string,
  value: string | undefined,
): Promise<{ role: Role; roleId: string | null } | undefined> {
  if (!value) return undefined;
  if ((ROLES as readonly string[]).includes(value)) return { role: value as Role, roleId: null };
  if (!isUuid(value)) return undefined;
  const row = await db
    .selectFrom("workspace_roles")
    .select(["id", "base"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", value)
    .executeTakeFirst();
  return row ? { role: row.base, roleId: row.id } : undefined;
}

/** How many members and pending invitations hold a choice (and match the search): the filtered list's count. */
export async function countHolding(
  db: DbOrTrx,
  workspaceId: string,
  choice: { role: Role; roleId: string | null },
  q = "",
): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT (SELECT count(*) FROM workspace_members m JOIN users u ON u.id = m.user_id
             WHERE m.workspace_id = ${workspaceId}::uuid AND m.role = ${choice.role}
               AND m.role_id IS NOT DISTINCT FROM ${choice.roleId}::uuid AND ${q ? personMatches(q) : sql`true`})
         + (SELECT count(*) FROM invitations i
             WHERE i.workspace_id = ${workspaceId}::uuid AND ${pendingInvitation("i")} AND i.role = ${choice.role}
               AND i.role_id IS NOT DISTINCT FROM ${choice.roleId}::uuid
               AND ${q ? sql`i.email LIKE ${likePattern(q)}` : sql`true`}) AS n
  `.execute(db);
  return Number(rows[0].n);
}

const nameTaken = () => new DomainError("conflict", { fieldErrors: { name: "errors.roles.nameTaken" } });

/** Unique per workspace, case-insensitively: the index decides, also when two creates race. */
async function uniqueName<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
}

const view = (r: { name: string; base: Role; permissions: readonly string[]; visibility: Visibility }) => ({
  name: r.name,
  base: r.base,
  permissions: [...r.permissions],
  visibility: r.visibility,
});

async function insertRole(
  db: DbOrTrx,
  actor: Actor,
  input: { name: string; base: Role; permissions: readonly string[]; visibility: Visibility },
  copiedFrom?: string,
) {
  const ws = actor.member.workspaceId;
  const values = {
    name: input.name,
    base: input.base,
    permissions: cleanPermissions(input.base, input.permissions),
    visibility: input.base === "agent" ? input.visibility : ("all" as const),
  };
  const row = await db
    .insertInto("workspace_roles")
    .values({ workspace_id: ws, ...values })
    .returning("id")
    .executeTakeFirstOrThrow();
  const after = { ...view(values), ...(copiedFrom ? { copiedFrom } : {}) };
  await audit(db, {
    workspaceId: ws,
    actorId: actor.member.userId,
    action: "role.created",
    target: row.id,
    after,
    ip: actor.ip,
  });
  await enqueueWebhookEvent(db, ws, "role.created", { roleId: row.id, ...after });
  return { id: row.id };
}

export async function createRole(
  db: Db,
  actor: Actor,
  input: { name: string; base: Role; permissions: readonly string[]; visibility: Visibility },
) {
  const result = await uniqueName(() => db.transaction().execute((trx) => insertRole(trx, actor, input)));
  kickWebhooks();
  return result;
}

/** "Copy of X" (the caller's language): the first free name, numbered after the first. */
export async function duplicateRole(
  db: Db,
  actor: Actor,
  roleId: string,
  copyName: (n: number, name: string) => string,
) {
  const ws = actor.member.workspaceId;
  const source = await db
    .selectFrom("workspace_roles")
    .select(ROLE_COLUMNS)
    .where("workspace_id", "=", ws)
    .where("id", "=", roleId)
    .executeTakeFirst();
  if (!source) throw new DomainError("notFound");
  const taken = new Set(
    (await db.selectFrom("workspace_roles").select("name").where("workspace_id", "=", ws).execute()).map((r) =>
      r.name.toLocaleLowerCase(),
    ),
  );
  let name = "";
  for (let n = 1; n <= 100; n++) {
    name = copyName(n, source.name).slice(0, ROLE_NAME_MAX).trim();
    if (!taken.has(name.toLocaleLowerCase())) break;
  }
  const result = await uniqueName(() =>
    db.transaction().execute((trx) => insertRole(trx, actor, { ...source, name }, source.id)),
  );
  kickWebhooks();
  return { ...result, name };
}

/** Lock the role row for a change of it; not this workspace's: not found. */
async function lockRole(trx: DbOrTrx, workspaceId: string, roleId: string) {
  const row = await trx
    .selectFrom("workspace_roles")
    .select(ROLE_COLUMNS)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", roleId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new DomainError("notFound");
  return row;
}

/**
 * Name, permissions and visibility (the base is fixed). Every active member holding the role gets a new
 * `version` in the same transaction, so their token's claims are refreshed and the server, reading the role
 * with the membership, applies the new set on their next request.
 */
export async function updateRole(
  db: Db,
  actor: Actor,
  input: { roleId: string; name: string; permissions: readonly string[]; visibility: Visibility },
) {
  const ws = actor.member.workspaceId;
  const result = await uniqueName(() =>
    db.transaction().execute(async (trx) => {
      const before = await lockRole(trx, ws, input.roleId);
      const values = {
        name: input.name,
        permissions: cleanPermissions(before.base, input.permissions),
        visibility: before.base === "agent" ? input.visibility : ("all" as const),
      };
      await trx
        .updateTable("workspace_roles")
        .set({ ...values, updated_at: sql`now()` })
        .where("workspace_id", "=", ws)
        .where("id", "=", input.roleId)
        .execute();
      const bumped = await trx
        .updateTable("workspace_members")
        .set({ version: sql`version + 1`, updated_at: sql`now()` })
        .where("workspace_id", "=", ws)
        .where("role_id", "=", input.roleId)
        .executeTakeFirst();
      // The role and its holders' rows are locked: a holder's own write waits for this commit.
      await holdPoint(trx, "role.update");
      const change = {
        roleId: input.roleId,
        before: view(before),
        after: view({ ...values, base: before.base }),
        members: Number(bumped.numUpdatedRows),
      };
      await audit(trx, {
        workspaceId: ws,
        actorId: actor.member.userId,
        action: "role.updated",
        target: input.roleId,
        before: change.before,
        after: change.after,
        ip: actor.ip,
      });
      await enqueueWebhookEvent(trx, ws, "role.updated", change);
      return { roleId: input.roleId, members: change.members };
    }),
  );
  kickWebhooks();
  return result;
}

/**
 * Who holds a role, row-locked, in the order every other writer takes them (the holders' rows, then the
 * role's): a deactivation, reactivation or acceptance in flight holds its row and then the role's key, so
 * taking the role first here would wait on them while they wait on us.
 */
async function lockHolders(trx: DbOrTrx, ws: string, roleId: string) {
  await trx
    .selectFrom("workspace_members")
    .select("user_id")
    .where("workspace_id", "=", ws)
    .where("role_id", "=", roleId)
    .orderBy("user_id")
    .forUpdate()
    .execute();
  await trx
    .selectFrom("deactivated_members")
    .select("user_id")
    .where("workspace_id", "=", ws)
    .where("role_id", "=", roleId)
    .orderBy("user_id")
    .forUpdate()
    .execute();
  await trx
    .selectFrom("invitations")
    .select("id")
    .where("workspace_id", "=", ws)
    .where("role_id", "=", roleId)
    .where(pendingInvitation(""))
    .orderBy("id")
    .forUpdate()
    .execute();
}

/** Who holds the role: active members, set-aside members, pending invitations (one round trip). */
async function countHolders(trx: DbOrTrx, ws: string, roleId: string) {
  const held = (table: string, also = sql<boolean>`true`) =>
    sql`(SELECT count(*) FROM ${sql.table(table)} WHERE workspace_id = ${ws}::uuid AND role_id = ${roleId}::uuid AND ${also})`;
  const { rows } = await sql<{ members: string; deactivated: string; invitations: string }>`
    SELECT ${held("workspace_members")} AS members, ${held("deactivated_members")} AS deactivated,
           ${held("invitations", pendingInvitation(""))} AS invitations`.execute(trx);
  const r = rows[0]!;
  return { members: Number(r.members), deactivated: Number(r.deactivated), invitations: Number(r.invitations) };
}

type HolderTable = "workspace_members" | "deactivated_members" | "invitations";

/**
 * Give every holder in `table` the new choice: `role` its base, restrictions cleaned for it (one statement
 * per distinct set of restrictions), and, for members, a new version.
 */
async function moveHolders(trx: DbOrTrx, table: HolderTable, ws: string, roleId: string, to: ResolvedChoice) {
  const pendingOnly = table === "invitations" ? pendingInvitation("") : sql<boolean>`true`;
  const sets = await trx
    .selectFrom(table)
    .select("restrictions")
    .distinct()
    .where("workspace_id", "=", ws)
    .where("role_id", "=", roleId)
    .where(pendingOnly)
    .execute();
  let moved = 0;
  for (const { restrictions } of sets) {
    const res = await trx
      .updateTable(table)
      .set({
        role: to.role,
        role_id: to.roleId,
        restrictions: cleanRestrictions(to.role, restrictions, to.roleId !== null),
        ...(table === "invitations" ? {} : { version: sql`version + 1` }),
        ...(table === "workspace_members" ? { updated_at: sql`now()` } : {}),
      })
      .where("workspace_id", "=", ws)
      .where("role_id", "=", roleId)
      .where(sql<boolean>`restrictions = ${sql.val(restrictions)}::text[]`)
      .where(pendingOnly)
      .executeTakeFirst();
    moved += Number(res.numUpdatedRows);
  }
  return moved;
}

/**
 * Delete a role. Refused while members (active or set aside) or pending invitations hold it, with the counts;
 * with `moveTo` (a level or another custom role) they are moved first, in the same transaction. Accepted or
 * cancelled invitations that named the role keep their level and lose the reference.
 */
export async function deleteRole(db: Db, actor: Actor, input: { roleId: string; moveTo: RoleChoice | null }) {
  const ws = actor.member.workspaceId;
  if (input.moveTo?.roleId === input.roleId)
    throw new DomainError("invalidInput", { fieldErrors: { moveTo: "errors.roles.moveToSame" } });
  const result = await db.transaction().execute(async (trx) => {
    await lockHolders(trx, ws, input.roleId);
    const role = await lockRole(trx, ws, input.roleId);
    await holdPoint(trx, "role.delete");
    // Counted after the role's lock: whoever took its key before us has committed by now.
    const held = await countHolders(trx, ws, input.roleId);
    const total = held.members + held.deactivated + held.invitations;
    let moved = null as null | ({ to: { role: Role; roleId: string | null; name: string | null } } & typeof held);
    if (total > 0) {
      if (!input.moveTo)
        throw new DomainError("conflict", {
          messageKey: "roles.errors.inUse",
          messageValues: held,
          details: {
            members: String(held.members),
            deactivated: String(held.deactivated),
            invitations: String(held.invitations),
          },
        });
      const to = await resolveRoleChoice(trx, { ...actor.member, workspaceId: ws }, input.moveTo, "moveTo");
      moved = {
        to: { role: to.role, roleId: to.roleId, name: to.custom?.name ?? null },
        members: await moveHolders(trx, "workspace_members", ws, input.roleId, to),
        deactivated: await moveHolders(trx, "deactivated_members", ws, input.roleId, to),
        invitations: await moveHolders(trx, "invitations", ws, input.roleId, to),
      };
    }
    await trx
      .updateTable("invitations")
      .set({ role_id: null })
      .where("workspace_id", "=", ws)
      .where("role_id", "=", input.roleId)
      .execute();
    await trx.deleteFrom("workspace_roles").where("workspace_id", "=", ws).where("id", "=", input.roleId).execute();
    const done = { roleId: input.roleId, before: view(role), ...(moved ? { moved } : {}) };
    await audit(trx, {
      workspaceId: ws,
      actorId: actor.member.userId,
      action: "role.deleted",
      target: input.roleId,
      before: done.before,
      after: moved ? { moved } : null,
      ip: actor.ip,
    });
    await enqueueWebhookEvent(trx, ws, "role.deleted", done);
    return done;
  });
  kickWebhooks();
  return result;
}

/** A write that names a role someone deleted meanwhile: the reference is refused by the database. */
export function roleGone(e: unknown): boolean {
  return isForeignKeyViolation(e) && String((e as { constraint?: string }).constraint ?? "").endsWith("_role_fk");
}
