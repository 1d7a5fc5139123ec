import { sql, type Kysely } from "kysely";

// Passkeys (WebAuthn) as a second factor (docs/SECURITY.md, Two-step sign-in). A passkey is a
// confirmed factor from the moment it is stored (lib/services/second-factor.ts). Challenges are
// made by the server, kept as SHA-256 hashes for a few minutes, one per user and purpose, and
// deleted when used: a challenge from the client is never trusted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE user_passkeys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      credential_id text NOT NULL UNIQUE,
      public_key bytea NOT NULL,
      counter bigint NOT NULL DEFAULT 0,
      transports text[] NOT NULL DEFAULT '{}',
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz
    )
  `.execute(db);
  await sql`CREATE INDEX user_passkeys_user ON user_passkeys (user_id)`.execute(db);
  await sql`
    CREATE TABLE webauthn_challenges (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('register', 'authenticate')),
      challenge_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, purpose)
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE webauthn_challenges`.execute(db);
  await sql`DROP TABLE user_passkeys`.execute(db);
}
