// The one way a session row is made (docs/SECURITY.md, Sessions): by the sign-in callback,
// by invitation acceptance, and by every test, bench or script that mints a session cookie.
// No `server-only` marker: the HTTP, browser and multi-server tiers and the bench import it.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, SessionMethod } from "./schema";

/** A new session id for the token: 256 random bits. */
export const newSessionId = (): string => randomBytes(32).toString("base64url");

/** What the database keeps of a session id: its SHA-256, hex. */
export const hashSessionId = (sid: string): string => createHash("sha256").update(sid, "utf8").digest("hex");

export interface NewSession {
  userId: string;
  /** The short device label (lib/validation/device.ts), not the raw header. */
  device?: string;
  ip?: string | null;
  method?: SessionMethod;
  /** 'pending': the user has a second factor to pass first (lib/services/sessions.ts startSession). */
  secondFactor?: "pending" | null;
}

/** Insert a session row; returns the session id to put in the token as `sid`, and the row's id. */
export async function insertSession(
  db: Pick<Kysely<Database>, "insertInto">,
  s: NewSession,
): Promise<{ sid: string; id: string }> {
  const sid = newSessionId();
  const row = await db
    .insertInto("user_sessions")
    .values({
      token_hash: hashSessionId(sid),
      user_id: s.userId,
      user_agent: (s.device ?? "").slice(0, 80),
      ip: s.ip ?? null,
      method: s.method ?? "email",
      second_factor: s.secondFactor ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { sid, id: row.id };
}
