import { sql, type Kysely } from "kysely";

// Access until a date (docs/PRODUCT.md, Users page, Access until a date): an optional end of access on a
// membership or a pending invitation, with the hand-over chosen when it was set (a member who receives the
// contacts, or NULL: unassigned), and when the Owners were reminded three days before (so it goes once).
// The invitation's values move to the membership at acceptance; the access job ends them at the date.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ["workspace_members", "invitations"]) {
    await sql`
      ALTER TABLE ${sql.table(table)}
        ADD COLUMN access_until timestamptz,
        ADD COLUMN access_until_reassign_to uuid REFERENCES users(id) ON DELETE SET NULL
    `.execute(db);
  }
  await sql`ALTER TABLE workspace_members ADD COLUMN access_reminder_sent_at timestamptz`.execute(db);
  // The job's rows only: memberships and pending invitations that carry an end date.
  await sql`
    CREATE INDEX workspace_members_access_until_idx ON workspace_members (access_until)
    WHERE access_until IS NOT NULL
  `.execute(db);
  await sql`
    CREATE INDEX invitations_access_until_idx ON invitations (access_until)
    WHERE access_until IS NOT NULL AND accepted_at IS NULL AND cancelled_at IS NULL
  `.execute(db);
  await sql`ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_kind_check`.execute(db);
  await sql`
    ALTER TABLE mail_queue ADD CONSTRAINT mail_queue_kind_check
      CHECK (kind IN ('signin', 'invitation', 'access_reminder'))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM mail_queue WHERE kind = 'access_reminder'`.execute(db);
  await sql`ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_kind_check`.execute(db);
  await sql`ALTER TABLE mail_queue ADD CONSTRAINT mail_queue_kind_check CHECK (kind IN ('signin', 'invitation'))`.execute(
    db,
  );
  await sql`DROP INDEX invitations_access_until_idx`.execute(db);
  await sql`DROP INDEX workspace_members_access_until_idx`.execute(db);
  await sql`ALTER TABLE workspace_members DROP COLUMN access_reminder_sent_at`.execute(db);
  for (const table of ["workspace_members", "invitations"]) {
    await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN access_until, DROP COLUMN access_until_reassign_to`.execute(
      db,
    );
  }
}
