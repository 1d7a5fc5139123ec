import { sql, type Kysely } from "kysely";

// IP allow-list per organization (docs/SECURITY.md, IP allow-list): normalised CIDR ranges, checked
// on every request of a member of the org's workspaces and of its admins. Empty: no restriction.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE organizations ADD COLUMN ip_allowlist text[] NOT NULL DEFAULT '{}'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE organizations DROP COLUMN ip_allowlist`.execute(db);
}
