// Session cookies for the HTTP figures: the same encrypted next-auth JWT the app issues
// (lib/auth/issue-session.ts), minted here with the secret the bench gives the server.
import type { Kysely } from "kysely";
import { encode } from "next-auth/jwt";
import type { Database } from "../../db/schema";
import { insertSession } from "../../db/session-rows";
import { workspaceClaim, type TokenClaims, type WorkspaceClaim } from "../../lib/auth/claims";
import { PERMISSION_SET_VERSION } from "../../lib/access/matrix";

export const COOKIE = "next-auth.session-token";

export async function claimsFor(
  db: Kysely<Database>,
  userIds: string[],
): Promise<Map<string, TokenClaims & { email: string }>> {
  const out = new Map<string, TokenClaims & { email: string }>();
  const users = await db
    .selectFrom("users")
    .select(["id", "email", "name", "locale"])
    .where("id", "in", userIds)
    .execute();
  const members = await db
    .selectFrom("workspace_members as m")
    .leftJoin("workspace_roles as cr", (join) =>
      join.onRef("cr.workspace_id", "=", "m.workspace_id").onRef("cr.id", "=", "m.role_id"),
    )
    .select(["m.user_id", "m.workspace_id", "m.role", "m.restrictions", "m.version", "cr.id", "cr.permissions"])
    .where("m.user_id", "in", userIds)
    .execute();
  const admins = await db
    .selectFrom("org_members")
    .select(["user_id", "org_id"])
    .where("user_id", "in", userIds)
    .where("is_admin", "=", true)
    .execute();
  for (const u of users)
    out.set(u.id, { uid: u.id, email: u.email, name: u.name, loc: u.locale, ws: {}, oa: [], cat: 0 });
  for (const m of members)
    (out.get(m.user_id)!.ws as Record<string, WorkspaceClaim>)[m.workspace_id] = workspaceClaim({
      ...m,
      customPermissions: m.id ? m.permissions : null,
    });
  for (const a of admins) out.get(a.user_id)!.oa!.push(a.org_id);
  return out;
}

/**
 * A fresh token (claims loaded now: the server will not reload them for 60 s) for the open
 * session `sid` (a user_sessions row from insertSession: the server refuses a token without one).
 */
export async function mintToken(secret: string, claims: TokenClaims & { email: string }, sid: string): Promise<string> {
  return encode({
    secret,
    maxAge: 30 * 24 * 60 * 60,
    token: {
      sub: claims.uid,
      email: claims.email,
      name: claims.name,
      uid: claims.uid,
      loc: claims.loc,
      ws: claims.ws,
      oa: claims.oa,
      cat: Math.floor(Date.now() / 1000),
      pv: PERMISSION_SET_VERSION,
      sid,
    },
  });
}

export async function cookieFor(db: Kysely<Database>, secret: string, userId: string): Promise<string> {
  const claims = (await claimsFor(db, [userId])).get(userId);
  if (!claims) throw new Error(`no such user ${userId}`);
  const { sid } = await insertSession(db, { userId, device: "Bench" });
  return `${COOKIE}=${await mintToken(secret, claims, sid)}`;
}

/** Many cookies at once (B7, B8). */
export async function cookiesFor(db: Kysely<Database>, secret: string, userIds: string[]): Promise<string[]> {
  const claims = new Map<string, TokenClaims & { email: string }>();
  for (let i = 0; i < userIds.length; i += 1000) {
    for (const [k, v] of await claimsFor(db, userIds.slice(i, i + 1000))) claims.set(k, v);
  }
  const out: string[] = [];
  for (const id of userIds) {
    const { sid } = await insertSession(db, { userId: id, device: "Bench" });
    out.push(`${COOKIE}=${await mintToken(secret, claims.get(id)!, sid)}`);
  }
  return out;
}
