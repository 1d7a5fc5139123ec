import "server-only";
import { scoped } from "@/lib/log";
import { cache } from "react";
import type { Session } from "next-auth";
import { getDb } from "@/db";
import { checkSession, pendingSession as pendingRow, type SessionRef } from "@/lib/services/sessions";
import { readSession, readTokenIdentity } from "./token";

export interface CurrentSession {
  session: Session;
  /** The open user_sessions row this request's token names. */
  ref: SessionRef;
}

/**
 * The signed-in session for this request, checked against the database (memoised per
 * request): the token must name an open user_sessions row of its user. A token without a
 * session id (minted before server-side sessions), or whose session was ended (signed out
 * there, from /account, by an org admin), is no session, whatever the cookie says.
 * Throws when the check itself fails (the guards answer 503 then).
 */
export const currentSession = cache(async (): Promise<CurrentSession | null> => {
  const [session, identity] = await Promise.all([readSession(), readTokenIdentity()]);
  if (!session || !identity?.sid || identity.userId !== session.user.id) return null;
  const ref = await checkSession(await getDb(), session.user.id, identity.sid);
  return ref ? { session, ref } : null;
});

/**
 * The token's session when it is open but still waits for its second factor (memoised), or
 * null. Only /signin/verify, its action and the sign-out page accept it; for currentSession it is
 * no session, and the guards send it to /signin/verify instead of /signin.
 */
export const pendingSession = cache(async (): Promise<CurrentSession | null> => {
  const [session, identity] = await Promise.all([readSession(), readTokenIdentity()]);
  if (!session || !identity?.sid || identity.userId !== session.user.id) return null;
  const ref = await pendingRow(await getDb(), session.user.id, identity.sid);
  return ref ? { session, ref } : null;
});

/**
 * Where a page sends a request without a session: /signin, or /signin/verify when its
 * session waits for the second factor; both come back to `returnTo` (lib/auth/callback-url.ts).
 */
export async function signInPath(returnTo: string): Promise<string> {
  const pending = await pendingSession().catch(() => null);
  return `${pending ? "/signin/verify" : "/signin"}?callbackUrl=${encodeURIComponent(returnTo)}`;
}

/** The signed-in session (checked as currentSession), or null, also when the check failed. */
export const getSession = cache(async (): Promise<Session | null> => {
  try {
    return (await currentSession())?.session ?? null;
  } catch (error) {
    scoped("session").error({ err: error }, "check failed");
    return null;
  }
});

/**
 * The user and session ids from the session cookie alone (decode, no next-auth handler, no
 * claims refresh, no query), or null. For hot routes that load the membership row anyway
 * and check the session in that same query (the presence heartbeat: lib/access/member.ts,
 * bench/README.md B8).
 */
export const getSessionToken = cache(async (): Promise<{ userId: string; sid: string } | null> => {
  const identity = await readTokenIdentity();
  return identity?.sid ? { userId: identity.userId, sid: identity.sid } : null;
});
