import { sql, type Kysely } from "kysely";

// Indexes found by the scale benchmark (bench/, issue #5), each checked with
// EXPLAIN (ANALYZE, BUFFERS) on 10,000 members / 1,000,000 contacts.
//
// users_sort_key_idx: the Users page lists members by lower(coalesce(name, email)), id
// (lib/services/members.ts listMembers, keyset). Without it every page sorts the whole
// workspace (10,000 rows: seq scans + hash joins + top-N sort); with it the page walks
// the index and probes the membership primary key for one page of rows, at any depth.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS users_sort_key_idx ON users (lower(coalesce(name, email)), id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS users_sort_key_idx`.execute(db);
}
