import "server-only";
import { cookies, headers } from "next/headers";
import { getDb } from "@/db";
import type { SessionMethod } from "@/db/schema";
import { authSecret, baseUrl } from "@/lib/env";
import { clientIp } from "@/lib/request-ip";
import { startSession } from "@/lib/services/sessions";
import { deviceLabel } from "@/lib/validation/device";
import { encode } from "./jwt";
import { loadClaims } from "./load-claims";
import { SESSION_MAX_AGE } from "./options";

/**
 * Sign a user in from a server action or route handler after they proved control of their mailbox
 * by another route than next-auth's (the invitation link, single sign-on): the same JWT cookie next-auth
 * would set, with fresh claims and a new server-side session.
 */
export async function issueSession(
  user: { id: string; email: string; name: string | null },
  method: SessionMethod = "invitation",
): Promise<void> {
  const db = await getDb();
  const claims = await loadClaims(db, user.id);
  if (!claims) throw new Error("user vanished");
  const hdrs = await headers();
  const sid = await startSession(db, {
    userId: user.id,
    device: deviceLabel(hdrs.get("user-agent")),
    ip: clientIp(hdrs),
    method,
  });
  const secure = baseUrl().startsWith("https://");
  const token = await encode({
    secret: authSecret(),
    maxAge: SESSION_MAX_AGE,
    token: { sub: user.id, email: user.email, name: user.name, ...claims, sid },
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
