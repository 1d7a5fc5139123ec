import { sql, type Kysely } from "kysely";

// The dashboard's counts (open conversations, unassigned contacts) without counting a million rows
// on every view (docs/ARCHITECTURE.md, Workspace counts). Every statement that changes contacts or
// conversations appends one row per workspace it touched with the change in each count (statement-level
// AFTER triggers over the statement's transition tables, so a 100,000-row reassignment adds one row, in
// its own transaction: no lost update, no lock on a shared counter row). A workspace's count is the sum of
// its rows; the `counts` job folds each workspace's rows into one now and then.
/** One count: the table whose statements change it, the column it adds to, and the rows it counts. */
const COUNTS = [
  { table: "contacts", fn: "count_unassigned_contacts", column: "unassigned_contacts", rows: "assignee_id IS NULL" },
  { table: "conversations", fn: "count_open_conversations", column: "open_conversations", rows: "status = 'open'" },
] as const;

function countFunction({ fn, column, rows }: (typeof COUNTS)[number]): string {
  return `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO workspace_counts (workspace_id, ${column})
        SELECT workspace_id, count(*) FROM new_rows WHERE ${rows} GROUP BY workspace_id;
    ELSIF TG_OP = 'DELETE' THEN
      -- A workspace being deleted takes its count rows with it (a cascade lands here too).
      INSERT INTO workspace_counts (workspace_id, ${column})
        SELECT o.workspace_id, -count(*) FROM old_rows o
        WHERE o.${rows} AND EXISTS (SELECT 1 FROM workspaces w WHERE w.id = o.workspace_id)
        GROUP BY o.workspace_id;
    ELSE
      INSERT INTO workspace_counts (workspace_id, ${column})
        SELECT workspace_id, sum(d) FROM (
          SELECT workspace_id, 1 AS d FROM new_rows WHERE ${rows}
          UNION ALL
          SELECT workspace_id, -1 FROM old_rows WHERE ${rows}
        ) AS changes GROUP BY workspace_id HAVING sum(d) <> 0;
    END IF;
    RETURN NULL;
  END $$`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE workspace_counts (
    workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    open_conversations bigint NOT NULL DEFAULT 0,
    unassigned_contacts bigint NOT NULL DEFAULT 0
  )`.execute(db);
  await sql`CREATE INDEX workspace_counts_workspace_idx ON workspace_counts (workspace_id)`.execute(db);

  for (const c of COUNTS) await sql.raw(countFunction(c)).execute(db);

  for (const { table, fn } of COUNTS) {
    for (const [op, rows] of [
      ["insert", "NEW TABLE AS new_rows"],
      ["update", "OLD TABLE AS old_rows NEW TABLE AS new_rows"],
      ["delete", "OLD TABLE AS old_rows"],
    ] as const) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_count_${op} AFTER ${op.toUpperCase()} ON ${table} REFERENCING ${rows} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
        )
        .execute(db);
    }
  }

  // The counts so far. Writers wait for this transaction (SHARE blocks them), so no change is counted
  // twice or missed between the triggers' creation and this snapshot.
  await sql`LOCK TABLE contacts, conversations IN SHARE MODE`.execute(db);
  await sql`INSERT INTO workspace_counts (workspace_id, open_conversations, unassigned_contacts)
    SELECT w.id,
      (SELECT count(*) FROM conversations c WHERE c.workspace_id = w.id AND c.status = 'open'),
      (SELECT count(*) FROM contacts c WHERE c.workspace_id = w.id AND c.assignee_id IS NULL)
    FROM workspaces w`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["contacts", "conversations"]) {
    for (const op of ["insert", "update", "delete"])
      await sql.raw(`DROP TRIGGER ${table}_count_${op} ON ${table}`).execute(db);
  }
  for (const { fn } of COUNTS) await sql.raw(`DROP FUNCTION ${fn}()`).execute(db);
  await sql`DROP TABLE workspace_counts`.execute(db);
}
