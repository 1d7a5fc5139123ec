import { sql, type Kysely } from "kysely";

// Availability (docs/PRODUCT.md, Availability): each membership's own status (Available / Away),
// the workspace's auto-away delay (off when null), and the away state last announced on the
// presence stream, so the sweep tells open pages only about transitions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE workspace_members
      ADD COLUMN availability text NOT NULL DEFAULT 'available' CHECK (availability IN ('available', 'away')),
      ADD COLUMN away_announced boolean NOT NULL DEFAULT false
  `.execute(db);
  await sql`
    ALTER TABLE workspaces
      ADD COLUMN auto_away_minutes smallint CHECK (auto_away_minutes BETWEEN 1 AND 60)
  `.execute(db);
  // The sweep's rows besides the auto-away workspaces' members: those announced or set away.
  await sql`
    CREATE INDEX workspace_members_away_idx ON workspace_members (workspace_id, user_id)
    WHERE away_announced OR availability = 'away'
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX workspace_members_away_idx`.execute(db);
  await sql`ALTER TABLE workspaces DROP COLUMN auto_away_minutes`.execute(db);
  await sql`ALTER TABLE workspace_members DROP COLUMN availability, DROP COLUMN away_announced`.execute(db);
}
