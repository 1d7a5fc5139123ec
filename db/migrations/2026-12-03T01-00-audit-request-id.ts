import { sql, type Kysely } from "kysely";

// The request id of the request that made each change (lib/request-id.ts), so an audit row can
// be matched with the server's log lines and with the "Reference" a user quotes. Null for rows
// written before, or outside a request.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_log ADD COLUMN request_id text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_log DROP COLUMN request_id`.execute(db);
}
