// The workspace every fuzzed action runs against, and a cheap whole-database fingerprint.
// Not a test file.
import { sql } from "kysely";
import type { Db } from "@/db/connect";
import { catalogs } from "@/lib/i18n/catalog";
import {
  freshContact,
  freshInvitation,
  freshRole,
  freshSnippet,
  freshTeam,
  freshWebhook,
  putAvatar,
} from "@/tests/http/support/fixtures";
import { addMember, createUser, createWorkspace } from "@/tests/helpers/request";

export interface Scene {
  workspaceId: string;
  orgId: string;
  ownerId: string;
  agentId: string;
  outsiderId: string;
  otherWorkspaceId: string;
  otherOrgId: string;
  /** Every id and token of the scene, for the fuzzer to use where ids go. */
  ids: string[];
  token: string;
}

/** Owner + a restricted Agent in one workspace; an outsider; a second organization to reach across. */
export async function createScene(db: Db): Promise<Scene> {
  const ws = await createWorkspace({}, db);
  const agent = await createUser({}, db);
  await addMember(ws, agent, "agent", ["see_self", "no_snippets"], db);
  const outsider = await createUser({}, db);
  const other = await createWorkspace({ name: "Other", orgName: "Other Org" }, db);
  const team = await freshTeam(db, ws.workspaceId);
  await db
    .insertInto("team_members")
    .values({ team_id: team, workspace_id: ws.workspaceId, user_id: agent.id })
    .execute();
  const invitation = await freshInvitation(db, ws.workspaceId, ws.ownerId);
  await putAvatar(db, ws.ownerId);
  const ids = [
    ws.workspaceId,
    ws.orgId,
    ws.ownerId,
    agent.id,
    outsider.id,
    other.workspaceId,
    other.orgId,
    other.ownerId,
    team,
    invitation.id,
    await freshContact(db, ws.workspaceId, agent.id),
    await freshContact(db, ws.workspaceId, null),
    await freshContact(db, other.workspaceId, other.ownerId),
    await freshSnippet(db, ws.workspaceId),
    await freshRole(db, ws.workspaceId),
    await freshRole(db, other.workspaceId),
    await freshWebhook(db, ws.workspaceId, ws.ownerId),
    await freshTeam(db, other.workspaceId),
    await freshWebhook(db, other.workspaceId, other.ownerId),
  ];
  return {
    workspaceId: ws.workspaceId,
    orgId: ws.orgId,
    ownerId: ws.ownerId,
    agentId: agent.id,
    outsiderId: outsider.id,
    otherWorkspaceId: other.workspaceId,
    otherOrgId: other.orgId,
    ids,
    token: invitation.token,
  };
}

/**
 * A whole-database "did this call write anything?" at the cost of one small query: a row
 * trigger on every application table logs each insert, delete and update that changed the
 * row (tests/db/users/support.ts `snapshot` compares the rows themselves). The log is a table,
 * not a sequence, so a write rolled back with its transaction is rolled back from the log too.
 * last_active_at is left out, as `snapshot` with ignoreActivity: a call that passes the
 * guard counts as activity even when its input is then refused.
 */
export async function writeCounter(db: Db): Promise<() => Promise<number>> {
  const tables = (
    await sql<{ tablename: string }>`
      SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'kysely\\_%'
    `.execute(db)
  ).rows.map((r) => r.tablename);
  await sql`CREATE TABLE fuzz_writes (at_table text NOT NULL)`.execute(db);
  await sql`
    CREATE FUNCTION fuzz_log_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'UPDATE' OR (to_jsonb(OLD) - 'last_active_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_active_at') THEN
        INSERT INTO fuzz_writes VALUES (TG_TABLE_NAME);
      END IF;
      RETURN NULL;
    END $$
  `.execute(db);
  for (const table of tables) {
    await sql`
      CREATE TRIGGER fuzz_log_write AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION fuzz_log_write()
    `.execute(db);
    await sql`
      CREATE TRIGGER fuzz_log_truncate AFTER TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION fuzz_log_write()
    `.execute(db);
  }
  const read = sql<{ n: string }>`SELECT count(*) AS n FROM fuzz_writes`;
  return async () => Number((await read.execute(db)).rows[0].n);
}

/** Every message of every catalog: a refusal shows one of these and nothing else. */
export function catalogStrings(): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (typeof node === "string") out.add(node);
    else if (node && typeof node === "object") Object.values(node).forEach(walk);
  };
  Object.values(catalogs).forEach(walk);
  return out;
}
