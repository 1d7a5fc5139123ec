import { createHash, randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { Db } from "@/db/connect";
import { insertSession } from "@/db/session-rows";
import type { Permission, Role, Visibility } from "@/lib/access/matrix";
import type { TokenClaims } from "@/lib/auth/claims";
import type { ActorInfo, ContactKey, HttpContext } from "./context";

// Fixtures written straight into the app's PostgreSQL database while `next start` runs on
// it (PostgreSQL, unlike a PGlite directory, takes a second process safely), and session
// cookies minted with next-auth's own `encode` and the server's secret.

export const COOKIE = "next-auth.session-token";
const now = () => Math.floor(Date.now() / 1000);

/** The claims next-auth's jwt callback would load (lib/auth/load-claims.ts), read independently. */
export async function readClaims(db: Db, userId: string): Promise<TokenClaims> {
  const user = await db
    .selectFrom("users")
    .select(["name", "locale"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom("workspace_members")
    .select(["workspace_id", "role", "restrictions", "version"])
    .where("user_id", "=", userId)
    .execute();
  const admins = await db
    .selectFrom("org_members")
    .select("org_id")
    .where("user_id", "=", userId)
    .where("is_admin", "=", true)
    .execute();
  return {
    uid: userId,
    name: user.name,
    loc: user.locale,
    ws: Object.fromEntries(members.map((m) => [m.workspace_id, { r: m.role, x: m.restrictions, v: m.version }])),
    oa: admins.map((a) => a.org_id),
    cat: now(),
  };
}

/**
 * A session cookie for `who` carrying their session id `sid` (a user_sessions row made by
 * `openSession`; null mints a token from before server-side sessions, which the app refuses).
 */
export async function mintCookie(
  secret: string,
  who: { userId: string; email: string; name: string; sid: string | null },
  claims: TokenClaims,
): Promise<string> {
  const token = await encode({
    secret,
    maxAge: 30 * 24 * 3600,
    token: {
      sub: who.userId,
      email: who.email,
      name: who.name,
      ...claims,
      uid: who.userId,
      cat: claims.cat ?? now(),
      ...(who.sid ? { sid: who.sid } : {}),
    },
  });
  return `${COOKIE}=${token}`;
}

/** A new open session for this user (the one shared insertSession); returns its id for the token. */
export async function openSession(db: Db, userId: string, device = "Test client"): Promise<string> {
  return (await insertSession(db, { userId, device })).sid;
}

/** A signed-in browser: a new session row and its cookie. */
export async function sessionCookie(
  db: Db,
  secret: string,
  who: { userId: string; email: string; name: string },
  claims: TokenClaims,
): Promise<string> {
  return mintCookie(secret, { ...who, sid: await openSession(db, who.userId) }, claims);
}

/** Claim mode: what the actor's honest token says, or a stale token that still says "Owner, org admin". */
export type ClaimMode = "honest" | "stale-owner";

export async function cookieFor(ctx: HttpContext, actor: string, mode: ClaimMode): Promise<string | null> {
  if (actor === "anonymous") return null;
  const info = ctx.actors[actor as keyof HttpContext["actors"]];
  if (!info) throw new Error(`unknown actor ${actor}`);
  if (mode === "honest") {
    if (actor === "revoked") return ctx.revokedCookie;
    return mintCookie(ctx.secret, info, { ...info.claims, cat: now() });
  }
  // A token minted before a demotion or revocation, still inside the claims TTL: the
  // middleware trusts it, so only the server guard (membership row) can refuse.
  const owner = { r: "owner" as const, x: [], v: 1 };
  return mintCookie(ctx.secret, info, {
    ...info.claims,
    ws: { [ctx.support]: owner, [ctx.sales]: owner },
    oa: [ctx.org],
    cat: now(),
  });
}

// ---------------------------------------------------------------- users and members

export async function createUser(db: Db, email: string, name: string): Promise<string> {
  const row = await db
    .insertInto("users")
    .values({ email, name, email_verified: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addMember(
  db: Db,
  workspaceId: string,
  userId: string,
  role: Role,
  restrictions: string[] = [],
  roleId: string | null = null,
): Promise<void> {
  await db
    .insertInto("workspace_members")
    .values({ workspace_id: workspaceId, user_id: userId, role, restrictions, role_id: roleId })
    .execute();
}

/** A custom role of the workspace (workspace_roles); its members are stored with `role` = its base. */
export async function addWorkspaceRole(
  db: Db,
  workspaceId: string,
  role: { name: string; base: Role; permissions: Permission[]; visibility?: Visibility },
): Promise<string> {
  const row = await db
    .insertInto("workspace_roles")
    .values({ workspace_id: workspaceId, ...role, visibility: role.visibility ?? "all" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addOrgMember(db: Db, orgId: string, userId: string, isAdmin = false): Promise<void> {
  await db
    .insertInto("org_members")
    .values({ org_id: orgId, user_id: userId, is_admin: isAdmin })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

const tag = () => randomBytes(4).toString("hex");

/** A new Agent (or other level) of a workspace, for actions that change or remove members. */
export async function freshMember(
  db: Db,
  ctx: Pick<HttpContext, "org">,
  workspaceId: string,
  role: Role = "agent",
  restrictions: string[] = [],
): Promise<string> {
  const id = await createUser(db, `target-${tag()}@http.test`, `Target ${tag()}`);
  await addOrgMember(db, ctx.org, id);
  await addMember(db, workspaceId, id, role, restrictions);
  return id;
}

/** A member deactivated as the app does it: the row moved to deactivated_members (teams none, nothing handed over). */
export async function freshDeactivated(
  db: Db,
  ctx: Pick<HttpContext, "org">,
  workspaceId: string,
  role: Role = "agent",
): Promise<string> {
  const id = await freshMember(db, ctx, workspaceId, role);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("deactivated_members")
      .columns(["workspace_id", "user_id", "role", "restrictions", "invited_by", "joined_at", "version"])
      .expression((eb) =>
        eb
          .selectFrom("workspace_members")
          .select(["workspace_id", "user_id", "role", "restrictions", "invited_by", "joined_at", "version"])
          .where("workspace_id", "=", workspaceId)
          .where("user_id", "=", id),
      )
      .execute();
    await trx
      .deleteFrom("workspace_members")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", id)
      .execute();
  });
  return id;
}

// ---------------------------------------------------------------- workspace objects

export async function freshContact(
  db: Db,
  workspaceId: string,
  assignee: string | null,
  name = `Contact ${tag()}`,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("contacts")
    .values({
      id,
      workspace_id: workspaceId,
      name,
      email: `${tag()}@customer.test`,
      phone: null,
      assignee_id: assignee,
    })
    .execute();
  await db
    .insertInto("conversations")
    .values({ workspace_id: workspaceId, contact_id: id, status: "open", last_message_at: new Date() })
    .execute();
  await db
    .insertInto("messages")
    .values({ workspace_id: workspaceId, contact_id: id, direction: "in", body: "Hello, I need help", author_id: null })
    .execute();
  return id;
}

export const newInvitationToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export async function freshInvitation(
  db: Db,
  workspaceId: string,
  invitedBy: string,
  role: Role = "agent",
  restrictions: string[] = [],
  token = newInvitationToken(),
  email = `invitee-${tag()}@http.test`,
): Promise<{ id: string; token: string; email: string }> {
  const row = await db
    .insertInto("invitations")
    .values({
      workspace_id: workspaceId,
      email,
      role,
      restrictions,
      token_hash: hashToken(token),
      invited_by: invitedBy,
      expires_at: new Date(Date.now() + 7 * 86_400_000),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, token, email };
}

export async function freshTeam(db: Db, workspaceId: string): Promise<string> {
  return (
    await db
      .insertInto("teams")
      .values({ workspace_id: workspaceId, name: `Team ${tag()}` })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

/** A custom role nobody holds (Agent-based: inbox and snippets). */
export async function freshRole(db: Db, workspaceId: string): Promise<string> {
  return (
    await db
      .insertInto("workspace_roles")
      .values({
        workspace_id: workspaceId,
        name: `Role ${tag()}`,
        base: "agent",
        permissions: ["inbox.view", "snippets.use", "account.edit"],
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

export async function freshSnippet(db: Db, workspaceId: string): Promise<string> {
  return (
    await db
      .insertInto("snippets")
      .values({ workspace_id: workspaceId, name: `Snippet ${tag()}`, body: "Thanks for waiting." })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

/** Deliveries go to a closed local port: nothing leaves the machine. */
export const HOOK_URL = "https://127.0.0.1:9/hook";

export async function freshWebhook(db: Db, workspaceId: string, createdBy: string | null = null): Promise<string> {
  return (
    await db
      .insertInto("webhooks")
      .values({
        workspace_id: workspaceId,
        url: HOOK_URL,
        secret: randomBytes(16).toString("hex"),
        active: true,
        created_by: createdBy,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

/** The smallest valid PNG (1×1). */
export const PNG_1X1 = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

export async function putAvatar(db: Db, userId: string): Promise<void> {
  await db
    .insertInto("user_avatars")
    .values({ user_id: userId, mime: "image/png", data: PNG_1X1 })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ data: PNG_1X1 }))
    .execute();
}

export type ContactIds = Record<ContactKey, string>;
export type { ActorInfo };

// ---------------------------------------------------------------- two-step sign-in

/**
 * An authenticator app for `userId` (confirmed or still being set up), its secret sealed with the
 * server's key as the app would; returns the base32 secret, to compute codes with otplib. Also
 * clears the two-step attempt budgets, which the matrix would otherwise spend across its modes.
 */
export async function freshTotp(db: Db, serverSecret: string, userId: string, confirmed: boolean): Promise<string> {
  const { generateSecret } = await import("otplib");
  const { seal } = await import("@/lib/security/seal");
  const secret = generateSecret();
  const row = { secret_sealed: seal("totp", secret, serverSecret), confirmed_at: confirmed ? new Date() : null };
  await db
    .insertInto("user_totp")
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ ...row, last_step: null }))
    .execute();
  await db.deleteFrom("rate_limits").where("key", "like", "2fa:%").execute();
  return secret;
}

/** Remove the user's app and recovery codes (undo freshTotp and what the actions made). */
export async function dropTotp(db: Db, userId: string | null): Promise<void> {
  if (!userId) return;
  await db.deleteFrom("user_totp").where("user_id", "=", userId).execute();
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
}

/** A passkey of the user from a software authenticator (tests/helpers/webauthn.ts), stored as the service does. */
export async function freshPasskey(db: Db, userId: string) {
  const { softAuthenticator } = await import("../../helpers/webauthn");
  const key = softAuthenticator();
  const row = await db
    .insertInto("user_passkeys")
    .values({
      user_id: userId,
      credential_id: key.credentialId,
      public_key: Buffer.from(key.coseKey),
      counter: 0,
      transports: ["internal"],
      name: `Key ${key.credentialId.slice(0, 6)}`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.deleteFrom("rate_limits").where("key", "like", "2fa:%").execute();
  return { key, id: row.id };
}

/** A server challenge for the user and purpose, stored hashed as the service stores it; the plain value back. */
export async function freshChallenge(db: Db, userId: string, purpose: "register" | "authenticate") {
  const { createHash, randomBytes } = await import("node:crypto");
  const challenge = randomBytes(32).toString("base64url");
  const row = {
    challenge_hash: createHash("sha256").update(challenge, "utf8").digest("hex"),
    expires_at: new Date(Date.now() + 5 * 60_000),
  };
  await db
    .insertInto("webauthn_challenges")
    .values({ user_id: userId, purpose, ...row })
    .onConflict((oc) => oc.columns(["user_id", "purpose"]).doUpdateSet(row))
    .execute();
  return challenge;
}

/** Remove the user's passkeys, challenges and recovery codes. */
export async function dropPasskeys(db: Db, userId: string | null): Promise<void> {
  if (!userId) return;
  await db.deleteFrom("user_passkeys").where("user_id", "=", userId).execute();
  await db.deleteFrom("webauthn_challenges").where("user_id", "=", userId).execute();
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
}
