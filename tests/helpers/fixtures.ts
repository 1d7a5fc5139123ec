// Fixture builders for db tests. They write straight to the test database (they set the
// scene; the code under test is what the test then calls).
import { randomBytes } from "node:crypto";
import { getDb, type DbOrTrx } from "@/db/connect";
import type { Permission, Role, Visibility } from "@/lib/access/matrix";

export interface TestUser {
  id: string;
  email: string;
  name: string | null;
}
export interface TestWorkspace {
  orgId: string;
  workspaceId: string;
  ownerId: string;
}

let counter = 0;
/** A unique, valid, normalised address. */
export const uniqueEmail = (prefix = "user") => `${prefix}.${++counter}.${randomBytes(3).toString("hex")}@example.com`;

const dbOr = async (db?: DbOrTrx) => db ?? (await getDb());

export async function createUser(
  opts: { email?: string; name?: string | null; locale?: "en" | "ar" | null; verified?: boolean } = {},
  db?: DbOrTrx,
): Promise<TestUser> {
  const email = opts.email ?? uniqueEmail();
  const name = opts.name === undefined ? `Test User ${counter}` : opts.name;
  return (await dbOr(db))
    .insertInto("users")
    .values({ email, name, locale: opts.locale ?? null, email_verified: opts.verified === false ? null : new Date() })
    .returning(["id", "email", "name"])
    .executeTakeFirstOrThrow();
}

/** An organization with one workspace and its Owner (an org admin); creates the owner if not given. */
export async function createWorkspace(
  opts: { name?: string; orgName?: string; owner?: TestUser | string } = {},
  db?: DbOrTrx,
): Promise<TestWorkspace> {
  const d = await dbOr(db);
  const ownerId = typeof opts.owner === "string" ? opts.owner : (opts.owner ?? (await createUser({}, d))).id;
  const org = await d
    .insertInto("organizations")
    .values({ name: opts.orgName ?? "Test Org" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await d.insertInto("org_members").values({ org_id: org.id, user_id: ownerId, is_admin: true }).execute();
  const ws = await d
    .insertInto("workspaces")
    .values({ org_id: org.id, name: opts.name ?? "Test Workspace" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await d
    .insertInto("workspace_members")
    .values({ workspace_id: ws.id, user_id: ownerId, role: "owner", restrictions: [] })
    .execute();
  return { orgId: org.id, workspaceId: ws.id, ownerId };
}

/**
 * Make `user` a member of the workspace (and of its organization, not as admin). With `roleId` (a custom
 * role of the workspace, addCustomRole) the member holds that role and `role` is stored as the role's base.
 */
export async function addMember(
  ws: TestWorkspace | string,
  user: TestUser | string,
  role: Role,
  restrictions: string[] = [],
  db?: DbOrTrx,
  opts: { roleId?: string } = {},
): Promise<void> {
  const d = await dbOr(db);
  const workspaceId = typeof ws === "string" ? ws : ws.workspaceId;
  const userId = typeof user === "string" ? user : user.id;
  if (opts.roleId) {
    const custom = await d
      .selectFrom("workspace_roles")
      .select("base")
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", opts.roleId)
      .executeTakeFirstOrThrow();
    role = custom.base;
  }
  const { org_id } = await d
    .selectFrom("workspaces")
    .select("org_id")
    .where("id", "=", workspaceId)
    .executeTakeFirstOrThrow();
  await d
    .insertInto("org_members")
    .values({ org_id, user_id: userId, is_admin: false })
    .onConflict((oc) => oc.columns(["org_id", "user_id"]).doNothing())
    .execute();
  await d
    .insertInto("workspace_members")
    .values({ workspace_id: workspaceId, user_id: userId, role, restrictions, role_id: opts.roleId ?? null })
    .execute();
}

/** A custom role of the workspace, written straight to workspace_roles (the permissions as given). */
export async function addCustomRole(
  ws: TestWorkspace | string,
  role: { name: string; base: Role; permissions: readonly Permission[]; visibility?: Visibility },
  db?: DbOrTrx,
): Promise<string> {
  const workspaceId = typeof ws === "string" ? ws : ws.workspaceId;
  const row = await (
    await dbOr(db)
  )
    .insertInto("workspace_roles")
    .values({
      workspace_id: workspaceId,
      name: role.name,
      base: role.base,
      permissions: [...role.permissions],
      visibility: role.visibility ?? "all",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
