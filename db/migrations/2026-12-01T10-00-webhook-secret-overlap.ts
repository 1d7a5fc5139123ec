import { sql, type Kysely } from "kysely";

// Secret rotation with an overlap: the secret that was replaced keeps signing beside the new one
// until `previous_secret_until`, so a receiver can switch without dropping deliveries.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE webhooks ADD COLUMN previous_secret text, ADD COLUMN previous_secret_until timestamptz`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE webhooks DROP COLUMN previous_secret, DROP COLUMN previous_secret_until`.execute(db);
}
