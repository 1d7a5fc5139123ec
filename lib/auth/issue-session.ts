import "server-only";
import { cookies } from "next/headers";
import { getDb } from "@/db";
import { authSecret, baseUrl } from "@/lib/env";
import { encode } from "./jwt";
import { loadClaims } from "./load-claims";
import { SESSION_MAX_AGE } from "./options";

/**
 * Sign a user in from a server action after they proved control of their mailbox by
 * another route than next-auth's (the invitation link): the same JWT cookie next-auth
 * would set, with fresh claims.
 */
export async function issueSession(user: { id: string; email: string; name: string | null }): Promise<void> {
  const claims = await loadClaims(await getDb(), user.id);
  if (!claims) throw new Error("user vanished");
  const secure = baseUrl().startsWith("https://");
  const token = await encode({
    secret: authSecret(),
    maxAge: SESSION_MAX_AGE,
    token: { sub: user.id, email: user.email, name: user.name, ...claims },
  });
  const jar = await cookies();
  jar.set(`${secure ? "__Secure-" : ""}next-auth.session-token`, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge: SESSION_MAX_AGE,
  });
}
