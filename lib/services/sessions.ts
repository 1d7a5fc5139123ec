import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { inTransaction } from "@/db/transaction";
import { hashSessionId, insertSession } from "@/db/session-rows";
import type { SessionEndReason, SessionMethod } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { throttle } from "@/lib/presence/activity";
import { notifySessionsEnded } from "@/lib/presence/service";
import { isUuid } from "@/lib/validation/id";
import { audit } from "./audit";
import { hasSecondFactor } from "./second-factor";

// Server-side sessions (docs/SECURITY.md, Sessions). Every sign-in makes a user_sessions row
// and the token carries its random id (`sid`); every request checks that the row is there
// and not ended. Audit rows about sessions belong to the user, not to a workspace
// (workspace_id NULL; org_id set when an org admin ended them): a person's sign-in is not an
// event of any one of their workspaces.

/** The session a request presents, once checked: its row id and the user's id. */
export interface SessionRef {
  id: string;
  userId: string;
}

/** Who ends sessions from /account: the user, the session they are using, their IP. */
export interface SessionActor {
  userId: string;
  sessionId: string;
  ip: string;
}

/**
 * Sign-in: a new session row and its audit row, in one transaction. Returns the token's `sid`.
 * A user with a confirmed second factor gets a *pending* session: signed out everywhere but
 * /signin/verify until the factor is passed (lib/services/two-factor.ts).
 */
export async function startSession(
  db: DbOrTrx,
  s: { userId: string; device: string; ip: string | null; method: SessionMethod },
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const pending = await hasSecondFactor(trx, s.userId);
    const { sid, id } = await insertSession(trx, { ...s, secondFactor: pending ? "pending" : null });
    await audit(trx, {
      workspaceId: null,
      actorId: s.userId,
      action: "session.signed_in",
      target: s.userId,
      after: { method: s.method, session: id, device: s.device, ...(pending ? { secondFactor: "pending" } : {}) },
      ip: s.ip,
    });
    return sid;
  });
}

/**
 * A session not seen for this long is over, like its cookie (next-auth's maxAge, rolling): not
 * listed, not accepted. Keep equal to SESSION_MAX_AGE (lib/auth/options.ts).
 */
export const SESSION_IDLE_DAYS = 30;
const idleCutoff = () => sql<Date>`now() - make_interval(days => ${SESSION_IDLE_DAYS})`;

/**
 * The session row of this token if it exists, belongs to this user and has not ended; else null.
 * `passed`: also not waiting for its second factor (a pending session is open, so the token
 * keeps it, but signed out for every guard).
 */
export async function activeSession(
  db: DbOrTrx,
  userId: string,
  sid: string,
  opts: { passed?: boolean } = {},
): Promise<SessionRef | null> {
  if (!isUuid(userId) || !sid) return null;
  let q = db
    .selectFrom("user_sessions")
    .select(["id", "user_id"])
    .where("token_hash", "=", hashSessionId(sid))
    .where("user_id", "=", userId)
    .where("ended_at", "is", null)
    .where("last_seen_at", ">", idleCutoff());
  if (opts.passed) q = q.where((eb) => eb.or([eb("second_factor", "is", null), eb("second_factor", "=", "passed")]));
  const row = await q.executeTakeFirst();
  return row ? { id: row.id, userId: row.user_id } : null;
}

/** last_seen_at: at most once a minute per session per process, and never over a value less than a minute old. */
export const sessionSightings = throttle(60_000, 100_000);

/**
 * The session row of this token if it is open and still waits for its second factor (the
 * /signin/verify page and its action; every other guard treats it as signed out); else null.
 */
export async function pendingSession(db: DbOrTrx, userId: string, sid: string): Promise<SessionRef | null> {
  if (!isUuid(userId) || !sid) return null;
  const row = await db
    .selectFrom("user_sessions")
    .select(["id", "user_id"])
    .where("token_hash", "=", hashSessionId(sid))
    .where("user_id", "=", userId)
    .where("ended_at", "is", null)
    .where("second_factor", "=", "pending")
    .where("last_seen_at", ">", idleCutoff())
    .executeTakeFirst();
  return row ? { id: row.id, userId: row.user_id } : null;
}

/**
 * The per-request check (lib/auth/session.ts): activeSession and not waiting for its second
 * factor, and — at most once a minute per session — last_seen_at moved to now in the same
 * statement, so a request never pays a second round trip for it.
 */
export async function checkSession(db: DbOrTrx, userId: string, sid: string): Promise<SessionRef | null> {
  if (!isUuid(userId) || !sid) return null;
  const hash = hashSessionId(sid);
  const now = Date.now();
  if (!sessionSightings.claim(hash, now)) return activeSession(db, userId, sid, { passed: true });
  try {
    const { rows } = await sql<{ id: string; user_id: string }>`
      WITH s AS (
        SELECT id, user_id, last_seen_at FROM user_sessions
        WHERE token_hash = ${hash} AND user_id = ${userId} AND ended_at IS NULL AND last_seen_at > ${idleCutoff()}
          AND second_factor IS DISTINCT FROM 'pending'
      ), seen AS (
        UPDATE user_sessions u SET last_seen_at = now()
        FROM s WHERE u.id = s.id AND s.last_seen_at < now() - interval '1 minute'
        RETURNING u.id
      )
      SELECT id, user_id FROM s
    `.execute(db);
    return rows[0] ? { id: rows[0].id, userId: rows[0].user_id } : null;
  } catch (error) {
    sessionSightings.release(hash, now);
    throw error;
  }
}

/** last_seen_at alone, throttled as checkSession (the heartbeat, whose check is in the membership query). */
export async function touchSession(db: DbOrTrx, sessionId: string): Promise<void> {
  const now = Date.now();
  if (!sessionSightings.claim(sessionId, now)) return;
  try {
    await db
      .updateTable("user_sessions")
      .set({ last_seen_at: sql`now()` })
      .where("id", "=", sessionId)
      .where("ended_at", "is", null)
      .where("last_seen_at", "<", sql<Date>`now() - interval '1 minute'`)
      .execute();
  } catch (error) {
    sessionSightings.release(sessionId, now);
    throw error;
  }
}

export interface SessionRow {
  id: string;
  device: string;
  ip: string | null;
  method: SessionMethod;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** The user's open sessions, the current one first, then the most recently seen. */
export async function listSessions(db: DbOrTrx, userId: string, currentId: string | null): Promise<SessionRow[]> {
  const rows = await db
    .selectFrom("user_sessions")
    .select(["id", "user_agent", "ip", "method", "created_at", "last_seen_at"])
    .where("user_id", "=", userId)
    .where("ended_at", "is", null)
    .where("last_seen_at", ">", idleCutoff())
    .orderBy("last_seen_at", "desc")
    .orderBy("id")
    .limit(200)
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      device: r.user_agent,
      ip: r.ip,
      method: r.method,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      current: r.id === currentId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

type EndFilter = { only?: string; except?: string; tokenHash?: string };

/** End open sessions of `userId` matching `filter`; returns the ended rows' ids. */
async function endWhere(
  trx: DbOrTrx,
  userId: string,
  endedBy: string | null,
  reason: SessionEndReason,
  filter: EndFilter,
): Promise<string[]> {
  let q = trx
    .updateTable("user_sessions")
    .set({ ended_at: sql`now()`, ended_by: endedBy, end_reason: reason })
    .where("user_id", "=", userId)
    .where("ended_at", "is", null);
  if (filter.only) q = q.where("id", "=", filter.only);
  if (filter.except) q = q.where("id", "<>", filter.except);
  if (filter.tokenHash) q = q.where("token_hash", "=", filter.tokenHash);
  return (await q.returning("id").execute()).map((r) => r.id);
}

/**
 * A user ends sessions of their own: the rows and one user-level audit row (none when nothing
 * was open) in one transaction; after it, open streams of those sessions are told to close.
 */
async function endOwn(
  db: DbOrTrx,
  actor: { userId: string; ip: string | null },
  reason: "signout" | "user" | "others",
  filter: EndFilter,
  opts: { required?: boolean } = {},
): Promise<string[]> {
  const ids = await inTransaction(db, async (trx) => {
    const ended = await endWhere(trx, actor.userId, actor.userId, reason, filter);
    if (!ended.length && opts.required) throw new DomainError("notFound");
    if (ended.length)
      await audit(trx, {
        workspaceId: null,
        actorId: actor.userId,
        action: reason === "signout" ? "session.signed_out" : "session.ended",
        target: actor.userId,
        after: { reason, sessions: ended },
        ip: actor.ip,
      });
    return ended;
  });
  await announce(db, actor.userId, ids);
  return ids;
}

/** After commit: open presence streams of these sessions close, on every server. */
async function announce(db: DbOrTrx, userId: string, ids: string[]): Promise<void> {
  if (ids.length) await notifySessionsEnded(db, userId, ids).catch(() => undefined);
}

/** /account "Sign out" on one of the user's other sessions. The current one is refused (sign out instead). */
export async function endOwnSession(db: DbOrTrx, actor: SessionActor, sessionId: string): Promise<{ ended: number }> {
  if (!isUuid(sessionId)) throw new DomainError("notFound");
  if (sessionId === actor.sessionId) throw new DomainError("invalidInput", { messageKey: "errors.sessions.current" });
  return { ended: (await endOwn(db, actor, "user", { only: sessionId }, { required: true })).length };
}

/** /account "Sign out everywhere else": every open session of the user but this one. */
export async function endOtherSessions(db: DbOrTrx, actor: SessionActor): Promise<{ ended: number }> {
  return { ended: (await endOwn(db, actor, "others", { except: actor.sessionId })).length };
}

/**
 * Org users page, "Sign out everywhere": every open session of a member of the admin's
 * organization. Someone outside it is not found; oneself is refused (use /account).
 */
export async function endMemberSessions(
  db: DbOrTrx,
  admin: { userId: string; orgId: string; ip: string },
  userId: string,
): Promise<{ ended: number }> {
  if (!isUuid(userId)) throw new DomainError("notFound");
  if (userId === admin.userId) throw new DomainError("invalidInput", { messageKey: "errors.sessions.self" });
  const ids = await inTransaction(db, async (trx) => {
    // The admin's own row, held while we write, so an admin removed meanwhile cannot act.
    const self = await trx
      .selectFrom("org_members")
      .select("user_id")
      .where("org_id", "=", admin.orgId)
      .where("user_id", "=", admin.userId)
      .where("is_admin", "=", true)
      .forShare()
      .executeTakeFirst();
    const member = await trx
      .selectFrom("org_members")
      .select("user_id")
      .where("org_id", "=", admin.orgId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!self) throw new DomainError("forbidden");
    if (!member) throw new DomainError("notFound");
    const ended = await endWhere(trx, userId, admin.userId, "admin", {});
    await audit(trx, {
      workspaceId: null,
      orgId: admin.orgId,
      actorId: admin.userId,
      action: "session.ended",
      target: userId,
      after: { reason: "admin", sessions: ended },
      ip: admin.ip,
    });
    return ended;
  });
  await announce(db, userId, ids);
  return { ended: ids.length };
}

/** Sign-out (next-auth's signOut event): the token's session ends server-side, audited. */
export async function endSignedOutSession(
  db: DbOrTrx,
  userId: string,
  sid: string,
  ip: string | null,
): Promise<boolean> {
  if (!isUuid(userId) || !sid) return false;
  return (await endOwn(db, { userId, ip }, "signout", { tokenHash: hashSessionId(sid) })).length > 0;
}
