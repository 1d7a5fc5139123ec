import { sql, type Kysely } from "kysely";

// Two-step sign-in (docs/SECURITY.md, Two-step sign-in). A session of a user with a confirmed
// factor starts with second_factor 'pending' and counts as signed out until the factor is
// passed; NULL: none was needed. Factors have one table per kind (user_totp now; passkeys can
// add theirs), and "has a factor" is any confirmed row of any kind (lib/services/two-factor.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE user_sessions
      ADD COLUMN second_factor text CHECK (second_factor IN ('pending', 'passed'))
  `.execute(db);
  await sql`
    CREATE TABLE user_totp (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      secret_sealed text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      confirmed_at timestamptz,
      last_step integer
    )
  `.execute(db);
  await sql`
    CREATE TABLE recovery_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      used_at timestamptz,
      UNIQUE (user_id, code_hash)
    )
  `.execute(db);
  await sql`ALTER TABLE organizations ADD COLUMN require_two_factor boolean NOT NULL DEFAULT false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE organizations DROP COLUMN require_two_factor`.execute(db);
  await sql`DROP TABLE recovery_codes`.execute(db);
  await sql`DROP TABLE user_totp`.execute(db);
  await sql`ALTER TABLE user_sessions DROP COLUMN second_factor`.execute(db);
}
