import { sql, type Kysely } from "kysely";

// Server-side sessions (docs/SECURITY.md, Sessions): one row per sign-in. The session token
// (a next-auth JWE) carries a random session id; only its SHA-256 hash is stored. A session
// with ended_at set is refused on its next request, whatever the cookie says.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE user_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      user_agent text NOT NULL DEFAULT '',
      ip text,
      method text NOT NULL CHECK (method IN ('email', 'invitation')),
      ended_at timestamptz,
      ended_by uuid REFERENCES users(id) ON DELETE SET NULL,
      end_reason text CHECK (end_reason IN ('signout', 'user', 'others', 'admin')),
      CHECK ((ended_at IS NULL) = (end_reason IS NULL))
    )
  `.execute(db);
  await sql`CREATE INDEX user_sessions_user_idx ON user_sessions (user_id, created_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE user_sessions`.execute(db);
}
