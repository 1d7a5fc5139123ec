import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { PERMISSION_SET_VERSION } from "@/lib/access/matrix";
import { workspaceClaim, type TokenClaims, type WorkspaceClaim } from "./claims";

/**
 * At most this many workspaces and admin organizations ride in the token, most recently used
 * first, so the session cookie stays well under the browser's 4 KB for a person in hundreds of
 * workspaces. A workspace without a claim passes the edge gate and the server decides; `oax`
 * says the organization list was cut, and the edge then leaves organization pages to the server.
 */
export const MAX_WORKSPACE_CLAIMS = 16;
export const MAX_ADMIN_ORG_CLAIMS = 8;

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
      .selectFrom("workspace_members as m")
      .leftJoin("workspace_roles as cr", (join) =>
        join.onRef("cr.workspace_id", "=", "m.workspace_id").onRef("cr.id", "=", "m.role_id"),
      )
      .select(["m.workspace_id", "m.role", "m.restrictions", "m.version", "cr.id", "cr.permissions"])
      .where("m.user_id", "=", userId)
      // greatest() skips NULL: a member who never came back ranks by when they joined.
      .orderBy(sql`greatest(m.last_active_at, m.joined_at)`, "desc")
      .limit(MAX_WORKSPACE_CLAIMS)
      .execute(),
    db
      .selectFrom("org_members")
      .select("org_id")
      .where("user_id", "=", userId)
      .where("is_admin", "=", true)
      .orderBy("org_id")
      .limit(MAX_ADMIN_ORG_CLAIMS + 1)
      .execute(),
  ]);
  const ws: Record<string, WorkspaceClaim> = {};
  for (const m of members)
    ws[m.workspace_id] = workspaceClaim({ ...m, customPermissions: m.id ? m.permissions : null });
  return {
    uid: user.id,
    name: user.name,
    loc: user.locale,
    ws,
    oa: admins.slice(0, MAX_ADMIN_ORG_CLAIMS).map((a) => a.org_id),
    ...(admins.length > MAX_ADMIN_ORG_CLAIMS ? { oax: true } : {}),
    cat: Math.floor(Date.now() / 1000),
    pv: PERMISSION_SET_VERSION,
  };
}
