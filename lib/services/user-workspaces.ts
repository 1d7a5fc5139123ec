import "server-only";
import type { DbOrTrx } from "@/db";

export interface UserWorkspace {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
}

/** Every workspace the user is a member of, oldest membership first (the switcher's order). */
export async function listUserWorkspaces(db: DbOrTrx, userId: string): Promise<UserWorkspace[]> {
  const rows = await db
    .selectFrom("workspace_members as m")
    .innerJoin("workspaces as w", "w.id", "m.workspace_id")
    .innerJoin("organizations as o", "o.id", "w.org_id")
    .select(["w.id", "w.name", "o.id as org_id", "o.name as org_name"])
    .where("m.user_id", "=", userId)
    .orderBy("m.joined_at")
    .orderBy("w.id")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, orgId: r.org_id, orgName: r.org_name }));
}

/** The workspace the app opens on: the first one the user joined, or null when none. */
export async function firstWorkspaceId(db: DbOrTrx, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom("workspace_members")
    .select("workspace_id")
    .where("user_id", "=", userId)
    .orderBy("joined_at")
    .orderBy("workspace_id")
    .limit(1)
    .executeTakeFirst();
  return row?.workspace_id ?? null;
}
