import { sql, type Kysely } from "kysely";

// The Users page lists a workspace's members by name (else email) and searches them. Sorting and searching
// on the users table walked its global sort index through every tenant's people (20,000 workspaces, 1,000,000
// users: 78 ms for a first page, 327 ms for a search, of SQL alone). Each membership now carries its person's
// lower-cased name and email, kept by triggers, with an index per workspace in that order, so a page or a
// search reads one workspace's rows only (docs/ARCHITECTURE.md, Member sort keys).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE workspace_members ADD COLUMN sort_name text, ADD COLUMN sort_email text`.execute(db);
  await sql`UPDATE workspace_members m SET sort_name = lower(u.name), sort_email = u.email FROM users u WHERE u.id = m.user_id`.execute(
    db,
  );
  await sql`ALTER TABLE workspace_members ALTER COLUMN sort_email SET NOT NULL`.execute(db);
  await sql`CREATE INDEX workspace_members_sort_idx ON workspace_members (workspace_id, (coalesce(sort_name, sort_email)), user_id)`.execute(
    db,
  );
  // A new membership (an acceptance, a reactivation, the demo seed) copies its person's keys.
  await sql`CREATE FUNCTION member_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      SELECT lower(u.name), u.email INTO NEW.sort_name, NEW.sort_email FROM users u WHERE u.id = NEW.user_id;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER member_sort_keys BEFORE INSERT OR UPDATE OF user_id ON workspace_members
    FOR EACH ROW EXECUTE FUNCTION member_sort_keys()`.execute(db);
  // A person renamed: every membership of theirs follows, in the same transaction.
  await sql`CREATE FUNCTION user_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE workspace_members SET sort_name = lower(NEW.name), sort_email = NEW.email WHERE user_id = NEW.id;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER user_sort_keys AFTER UPDATE OF name, email ON users
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email)
    EXECUTE FUNCTION user_sort_keys()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER user_sort_keys ON users`.execute(db);
  await sql`DROP FUNCTION user_sort_keys()`.execute(db);
  await sql`DROP TRIGGER member_sort_keys ON workspace_members`.execute(db);
  await sql`DROP FUNCTION member_sort_keys()`.execute(db);
  await sql`ALTER TABLE workspace_members DROP COLUMN sort_name, DROP COLUMN sort_email`.execute(db);
}
