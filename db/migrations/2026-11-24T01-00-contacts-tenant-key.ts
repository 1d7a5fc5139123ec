import { sql, type Kysely } from "kysely";

// contacts had two unique indexes on the same rows: (id) as primary key and
// (workspace_id, id) for the tenant-scoped foreign keys. Every contact read and write is
// tenant-scoped, so (workspace_id, id) becomes the primary key and the extra index goes:
// one index fewer to maintain when a revoke re-assigns 100,000 contacts (bench/README.md B4).
const UP = [
  "ALTER TABLE messages DROP CONSTRAINT messages_workspace_id_contact_id_fkey",
  "ALTER TABLE conversations DROP CONSTRAINT conversations_workspace_id_contact_id_fkey",
  "ALTER TABLE contacts DROP CONSTRAINT contacts_workspace_id_id_key",
  "ALTER TABLE contacts DROP CONSTRAINT contacts_pkey",
  "ALTER TABLE contacts ADD CONSTRAINT contacts_pkey PRIMARY KEY (workspace_id, id)",
  "ALTER TABLE messages ADD CONSTRAINT messages_workspace_id_contact_id_fkey FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts(workspace_id, id) ON DELETE CASCADE",
  "ALTER TABLE conversations ADD CONSTRAINT conversations_workspace_id_contact_id_fkey FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts(workspace_id, id) ON DELETE CASCADE",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

const DOWN = [
  "ALTER TABLE messages DROP CONSTRAINT messages_workspace_id_contact_id_fkey",
  "ALTER TABLE conversations DROP CONSTRAINT conversations_workspace_id_contact_id_fkey",
  "ALTER TABLE contacts DROP CONSTRAINT contacts_pkey",
  "ALTER TABLE contacts ADD CONSTRAINT contacts_pkey PRIMARY KEY (id)",
  "ALTER TABLE contacts ADD CONSTRAINT contacts_workspace_id_id_key UNIQUE (workspace_id, id)",
  UP[5],
  UP[6],
];

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
