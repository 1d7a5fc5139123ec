import { sql, type Kysely } from "kysely";

// The last announced presence state, so online→offline transitions are announced once
// (by whichever app server's sweeper claims the row first).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE presence ADD COLUMN online boolean NOT NULL DEFAULT false`.execute(db);
  await sql`CREATE INDEX presence_online_idx ON presence (last_seen_at) WHERE online`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE presence DROP COLUMN online`.execute(db);
}
