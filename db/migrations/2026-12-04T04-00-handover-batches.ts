import { sql, type Kysely } from "kysely";

// Deactivation hand-over records, one row per recipient instead of one per contact
// (bench/README.md, B4): handing 100,000 contacts over wrote 100,000 rows, each checked
// against two foreign keys, ≈ 1.1 s of a 4.1 s deactivation. A row now holds the ids a
// recipient (or nobody: received_by NULL, left unassigned) received. A contact deleted
// since is simply not found when the contacts are given back, so no foreign key to
// contacts is needed; the rows still go with the deactivated membership (ON DELETE CASCADE).
const UP = [
  `CREATE TABLE deactivation_handover_batches (
      workspace_id uuid NOT NULL,
      user_id uuid NOT NULL,
      received_by uuid,
      contact_ids uuid[] NOT NULL,
      FOREIGN KEY (workspace_id, user_id) REFERENCES deactivated_members(workspace_id, user_id) ON DELETE CASCADE
    )`,
  `CREATE UNIQUE INDEX deactivation_handover_batches_key
      ON deactivation_handover_batches (workspace_id, user_id, received_by) NULLS NOT DISTINCT`,
  `INSERT INTO deactivation_handover_batches (workspace_id, user_id, received_by, contact_ids)
      SELECT workspace_id, user_id, received_by, array_agg(contact_id ORDER BY contact_id)
      FROM deactivation_handovers GROUP BY workspace_id, user_id, received_by`,
  `DROP TABLE deactivation_handovers`,
  `ALTER TABLE deactivation_handover_batches RENAME TO deactivation_handovers`,
  `ALTER INDEX deactivation_handover_batches_key RENAME TO deactivation_handovers_key`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE deactivation_handovers_rows AS
      SELECT workspace_id, user_id, unnest(contact_ids) AS contact_id, received_by FROM deactivation_handovers
  `.execute(db);
  await sql`DROP TABLE deactivation_handovers`.execute(db);
  await sql`ALTER TABLE deactivation_handovers_rows RENAME TO deactivation_handovers`.execute(db);
}
