import { sql, type Kysely } from "kysely";

// Deactivation (docs/PRODUCT.md, Users page, Deactivate): the membership row moves out of
// workspace_members into deactivated_members, with everything needed to put it back
// (level, restrictions, teams, who invited, when joined, last active, version). Every query
// that reads workspace_members — access, claims, switcher, seats, assignee pickers, team
// visibility, presence, reports — therefore sees only active members, and the foreign keys
// that point at workspace_members (contacts.assignee_id, team_members) cannot point at a
// deactivated person. deactivation_handovers records, per contact, who received it, so
// reactivation can give back those still held by that receiver.
const UP = [
  `CREATE TABLE deactivated_members (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('owner', 'manager', 'agent')),
      restrictions text[] NOT NULL DEFAULT '{}',
      team_ids uuid[] NOT NULL DEFAULT '{}',
      invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
      joined_at timestamptz NOT NULL,
      last_active_at timestamptz,
      version integer NOT NULL,
      deactivated_at timestamptz NOT NULL DEFAULT now(),
      deactivated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      PRIMARY KEY (workspace_id, user_id)
    )`,
  `CREATE TABLE deactivation_handovers (
      workspace_id uuid NOT NULL,
      user_id uuid NOT NULL,
      contact_id uuid NOT NULL,
      -- null: the contact was left unassigned
      received_by uuid,
      PRIMARY KEY (workspace_id, user_id, contact_id),
      FOREIGN KEY (workspace_id, user_id) REFERENCES deactivated_members(workspace_id, user_id) ON DELETE CASCADE,
      FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts(workspace_id, id) ON DELETE CASCADE
    )`,
  `CREATE INDEX deactivation_handovers_contact_idx ON deactivation_handovers (workspace_id, contact_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE deactivation_handovers`.execute(db);
  await sql`DROP TABLE deactivated_members`.execute(db);
}
