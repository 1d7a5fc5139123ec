import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getServerSession, type Session } from "next-auth";
import { getToken } from "next-auth/jwt";
import { authSecret } from "@/lib/env";
import { decode } from "./jwt";
import { authOptions } from "./options";

/** The signed-in session for this request (memoised per request), or null. */
export const getSession = cache(async (): Promise<Session | null> => {
  try {
    const session = await getServerSession(authOptions);
    return session?.user?.id ? session : null;
  } catch {
    return null;
  }
});

/**
 * The signed-in user's id from the session cookie alone (decode, no next-auth handler, no
 * claims refresh), or null. For hot routes that load the membership row themselves anyway
 * (the presence heartbeat, bench/README.md B8): same answer as getSession for them, ≈0.25 ms less.
 */
export const getSessionUserId = cache(async (): Promise<string | null> => {
  try {
    const [jar, hdrs] = await Promise.all([cookies(), headers()]);
    const token = await getToken({ req: { cookies: jar, headers: hdrs } as never, secret: authSecret(), decode });
    return typeof token?.uid === "string" && token.uid ? token.uid : null;
  } catch {
    return null;
  }
});
