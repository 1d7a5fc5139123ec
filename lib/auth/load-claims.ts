import "server-only";
import type { DbOrTrx } from "@/db";
import type { TokenClaims, WorkspaceClaim } from "./claims";

/** Fresh claims from the database: the source of truth the token mirrors. */
export async function loadClaims(db: DbOrTrx, userId: string): Promise<TokenClaims | null> {
  const user = await db
    .selectFrom("users")
    .select(["id", "locale", "name"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;
  const [members, admins] = await Promise.all([
    db
      .selectFrom("workspace_members")
      .select(["workspace_id", "role", "restrictions", "version"])
      .where("user_id", "=", userId)
      .execute(),
    db.selectFrom("org_members").select("org_id").where("user_id", "=", userId).where("is_admin", "=", true).execute(),
  ]);
  const ws: Record<string, WorkspaceClaim> = {};
  for (const m of members) ws[m.workspace_id] = { r: m.role, x: m.restrictions, v: m.version };
  return {
    uid: user.id,
    name: user.name,
    loc: user.locale,
    ws,
    oa: admins.map((a) => a.org_id),
    cat: Math.floor(Date.now() / 1000),
  };
}
