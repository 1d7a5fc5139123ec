import "server-only";
import { cache } from "react";
import { getServerSession, type Session } from "next-auth";
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
