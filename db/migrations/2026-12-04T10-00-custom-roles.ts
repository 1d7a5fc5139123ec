import { sql, type Kysely } from "kysely";

// Custom roles (docs/PERMISSIONS.md, Custom roles): a workspace's own named permission sets on a base level.
// A member, a set-aside (deactivated) member and an invitation point at one by (workspace_id, role_id), so a
// role of another workspace cannot be referenced; NULL is the built-in level in `role`. The references are
// NO ACTION (checked at the end of the statement), so deleting a workspace cascades through roles and members
// together, while deleting a role someone still holds fails.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE workspace_roles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 60),
      base text NOT NULL CHECK (base IN ('owner', 'manager', 'agent')),
      permissions text[] NOT NULL DEFAULT '{}',
      visibility text NOT NULL DEFAULT 'all' CHECK (visibility IN ('all', 'team', 'self')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX workspace_roles_name ON workspace_roles (workspace_id, lower(name))`.execute(db);
  for (const table of ["workspace_members", "deactivated_members", "invitations"]) {
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN role_id uuid`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.ref(`${table}_role_fk`)}
      FOREIGN KEY (workspace_id, role_id) REFERENCES workspace_roles (workspace_id, id)`.execute(db);
    await sql`CREATE INDEX ${sql.ref(`${table}_role_id`)} ON ${sql.table(table)} (role_id) WHERE role_id IS NOT NULL`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["workspace_members", "deactivated_members", "invitations"]) {
    await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN role_id`.execute(db);
  }
  await sql`DROP TABLE workspace_roles`.execute(db);
}
