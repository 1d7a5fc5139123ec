import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getServerSession, type Session } from "next-auth";
import { getToken } from "next-auth/jwt";
import { authSecret } from "@/lib/env";
import { decode } from "./jwt";
import { authOptions } from "./options";

// What the session cookie says, unchecked: next-auth's session (claims refreshed by the jwt
// callback) and the token's user and session ids. Whether that session is still open is
// decided by lib/auth/session.ts against the database; nothing else should import this.

/** next-auth's session for this request (memoised), or null. Not yet checked against user_sessions. */
export const readSession = cache(async (): Promise<Session | null> => {
  try {
    const session = await getServerSession(authOptions);
    return session?.user?.id ? session : null;
  } catch {
    return null;
  }
});

/** The token's user id and session id (`sid`, absent in tokens minted before sessions), or null. */
export const readTokenIdentity = cache(async (): Promise<{ userId: string; sid: string | null } | null> => {
  try {
    const [jar, hdrs] = await Promise.all([cookies(), headers()]);
    const token = await getToken({ req: { cookies: jar, headers: hdrs } as never, secret: authSecret(), decode });
    if (typeof token?.uid !== "string" || !token.uid) return null;
    return { userId: token.uid, sid: typeof token.sid === "string" && token.sid ? token.sid : null };
  } catch {
    return null;
  }
});
