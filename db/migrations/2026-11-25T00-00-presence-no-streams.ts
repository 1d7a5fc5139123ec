import { sql, type Kysely } from "kysely";

// presence.streams (open stream count) was never written: an open stream heartbeats
// instead, so last_seen_at alone says who is online.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE presence DROP COLUMN streams`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE presence ADD COLUMN streams integer NOT NULL DEFAULT 0 CHECK (streams >= 0)`.execute(db);
}
