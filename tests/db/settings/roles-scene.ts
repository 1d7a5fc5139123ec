// Shared by the custom-role db tests (tests/db/settings/roles*.db.test.ts, tests/db/users/roles*.db.test.ts).
import type { DbOrTrx } from "@/db/connect";
import { cleanPermissions, type Permission, type Role, type Visibility } from "@/lib/access/matrix";
import { deactivateMember } from "@/lib/services/deactivation";
import { revokeMember } from "@/lib/services/member-changes";
import { addMember, createUser, createWorkspace, type TestWorkspace } from "@/tests/helpers/request";
import { actorFor } from "../users/support";

/** A custom role written straight to the table (scene setting). */
export async function insertRole(
  db: DbOrTrx,
  workspaceId: string,
  opts: { name: string; base: Role; permissions: Permission[]; visibility?: Visibility },
): Promise<string> {
  const row = await db
    .insertInto("workspace_roles")
    .values({
      workspace_id: workspaceId,
      name: opts.name,
      base: opts.base,
      permissions: cleanPermissions(opts.base, opts.permissions),
      visibility: opts.visibility ?? "all",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A new member holding a custom role (its base as the level). */
export async function addRoleMember(
  db: DbOrTrx,
  ws: TestWorkspace,
  roleId: string,
  opts: { name?: string; restrictions?: string[] } = {},
): Promise<string> {
  const role = await db.selectFrom("workspace_roles").select("base").where("id", "=", roleId).executeTakeFirstOrThrow();
  const user = await createUser(opts.name ? { name: opts.name } : {});
  await addMember(ws, user, role.base, opts.restrictions ?? []);
  await db
    .updateTable("workspace_members")
    .set({ role_id: roleId })
    .where("workspace_id", "=", ws.workspaceId)
    .where("user_id", "=", user.id)
    .execute();
  return user.id;
}

export const ROLE_ACTORS = [
  "owner",
  "owner (not org admin)",
  "owner-like role with users management",
  "owner-like role without users management",
  "manager",
  "manager:no_settings",
  "manager:no_integrations",
  "manager:no_export",
  "manager:no_contact_delete",
  "manager-like role with everything",
  "agent",
  "member of another workspace",
  "deactivated member",
  "revoked member",
  "anonymous",
] as const;
export type RoleActor = (typeof ROLE_ACTORS)[number];

export interface RoleScene {
  ws: TestWorkspace;
  /** Agent-based, held by nobody. */
  freeRoleId: string;
  /** Agent-based ("Held"), held by `holderId`. */
  heldRoleId: string;
  holderId: string;
  actorId: string | null;
}

/** A workspace with two custom roles (one held by an Agent-like member), and the actor to sign in as. */
export async function buildRoleScene(db: DbOrTrx, actor: RoleActor): Promise<RoleScene> {
  const ws = await createWorkspace({ name: "Roles Matrix", orgName: "Roles Org" });
  const freeRoleId = await insertRole(db, ws.workspaceId, {
    name: "Fixture",
    base: "agent",
    permissions: ["inbox.view", "snippets.use"],
  });
  const heldRoleId = await insertRole(db, ws.workspaceId, {
    name: "Held",
    base: "agent",
    permissions: ["inbox.view", "reports.view"],
    visibility: "team",
  });
  const holderId = await addRoleMember(db, ws, heldRoleId, { name: "Holder" });
  const owner = await actorFor(db, ws.workspaceId, ws.ownerId);
  let actorId: string | null;
  if (actor === "owner") actorId = ws.ownerId;
  else if (actor === "anonymous") actorId = null;
  else if (actor === "member of another workspace") actorId = (await createWorkspace({ name: "Elsewhere" })).ownerId;
  else if (actor === "owner (not org admin)") {
    const user = await createUser();
    await addMember(ws, user, "owner");
    actorId = user.id;
  } else if (
    actor === "owner-like role with users management" ||
    actor === "owner-like role without users management"
  ) {
    const perms: Permission[] = actor.includes("without")
      ? ["settings.view", "settings.manage", "reports.view", "inbox.view"]
      : ["settings.view", "users.manage", "inbox.view"];
    actorId = await addRoleMember(
      db,
      ws,
      await insertRole(db, ws.workspaceId, { name: "Owner-ish", base: "owner", permissions: perms }),
    );
  } else if (actor === "manager-like role with everything") {
    const all: Permission[] = ["settings.view", "settings.manage", "users.manage", "audit.view", "integrations.manage"];
    actorId = await addRoleMember(
      db,
      ws,
      await insertRole(db, ws.workspaceId, { name: "Lead", base: "manager", permissions: all }),
    );
  } else if (actor === "deactivated member" || actor === "revoked member") {
    const user = await createUser();
    await addMember(ws, user, "manager");
    const input = { userId: user.id, reassignTo: null };
    if (actor === "deactivated member") await deactivateMember(db as never, owner, input);
    else await revokeMember(db as never, owner, input);
    actorId = user.id;
  } else {
    const [role, restriction] = actor.split(":") as ["manager" | "agent", string | undefined];
    const user = await createUser();
    await addMember(ws, user, role, restriction ? [restriction] : []);
    actorId = user.id;
  }
  return { ws, freeRoleId, heldRoleId, holderId, actorId };
}
