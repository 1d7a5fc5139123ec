import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDashboardCounts } from "@/lib/services/dashboard";
import { foldWorkspaceCounts } from "@/lib/services/workspace-counts";
import { createUser, createWorkspace, addMember, type TestWorkspace } from "@/tests/helpers/fixtures";
// Aliased: the React hooks lint rule reads any `use…` call at the top level as a hook.
import { setupTestDb as openTestDb } from "@/tests/helpers/db";

// The dashboard's counts are kept by statement-level triggers (migration 2026-12-04T08-00,
// docs/ARCHITECTURE.md, Workspace counts). After every kind of write they must equal a plain count.
const t = openTestDb();

async function truth(workspaceId: string) {
  const row = await sql<{ open: string; unassigned: string }>`
    SELECT (SELECT count(*) FROM conversations WHERE workspace_id = ${workspaceId} AND status = 'open') AS open,
           (SELECT count(*) FROM contacts WHERE workspace_id = ${workspaceId} AND assignee_id IS NULL) AS unassigned`.execute(
    t.db,
  );
  return { open: Number(row.rows[0].open), unassigned: Number(row.rows[0].unassigned) };
}

async function expectCounts(ws: TestWorkspace, open: number, unassigned: number) {
  const counts = await getDashboardCounts(t.db, ws.workspaceId);
  expect({ open: counts.openConversations, unassigned: counts.unassignedContacts }).toEqual({ open, unassigned });
  expect(await truth(ws.workspaceId)).toEqual({ open, unassigned });
}

const rowsOf = async (workspaceId: string) =>
  Number(
    (
      await t.db
        .selectFrom("workspace_counts")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("workspace_id", "=", workspaceId)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function addContacts(ws: TestWorkspace, n: number, assignee: string | null) {
  return t.db
    .insertInto("contacts")
    .values(
      Array.from({ length: n }, (_, i) => ({ workspace_id: ws.workspaceId, name: `C${i}`, assignee_id: assignee })),
    )
    .returning("id")
    .execute();
}

describe("workspace counts (dashboard)", () => {
  it("follow inserts, assignment, bulk unassignment, closing, reopening and deletes", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    await expectCounts(ws, 0, 0);

    const free = await addContacts(ws, 5, null);
    const held = await addContacts(ws, 3, agent.id);
    await addContacts(other, 4, null);
    await expectCounts(ws, 0, 5);

    await t.db
      .insertInto("conversations")
      .values([...free, ...held].map((c) => ({ workspace_id: ws.workspaceId, contact_id: c.id })))
      .execute();
    await expectCounts(ws, 8, 5);

    // One statement, many rows: assign two, then the agent's three all unassigned at once (a revoke).
    await t.db
      .updateTable("contacts")
      .set({ assignee_id: agent.id })
      .where("id", "in", [free[0].id, free[1].id])
      .execute();
    await expectCounts(ws, 8, 3);
    const before = await rowsOf(ws.workspaceId);
    await t.db.updateTable("contacts").set({ assignee_id: null }).where("assignee_id", "=", agent.id).execute();
    await expectCounts(ws, 8, 8);
    expect(await rowsOf(ws.workspaceId)).toBe(before + 1);

    // An update that changes neither count appends nothing.
    await t.db.updateTable("contacts").set({ name: "Renamed" }).where("workspace_id", "=", ws.workspaceId).execute();
    expect(await rowsOf(ws.workspaceId)).toBe(before + 1);

    await t.db
      .updateTable("conversations")
      .set({ status: "closed" })
      .where("contact_id", "in", [free[0].id, free[2].id, held[0].id])
      .execute();
    await expectCounts(ws, 5, 8);
    await t.db.updateTable("conversations").set({ status: "open" }).where("contact_id", "=", free[0].id).execute();
    await expectCounts(ws, 6, 8);

    // Deleting contacts takes their conversations with them (a cascade): both counts drop.
    await t.db.deleteFrom("contacts").where("id", "in", [free[0].id, free[1].id]).execute();
    await expectCounts(ws, 4, 6);
    await expectCounts(other, 0, 4);
  });

  it("the counts job folds each workspace's rows into one and keeps the sums", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    for (let i = 0; i < 4; i++) await addContacts(ws, 2, null);
    await addContacts(other, 3, null);
    expect(await rowsOf(ws.workspaceId)).toBeGreaterThan(1);

    expect(await foldWorkspaceCounts(t.db)).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(ws.workspaceId)).toBe(1);
    await expectCounts(ws, 0, 8);
    await expectCounts(other, 0, 3);
    // Nothing left to fold: a second round changes nothing.
    expect(await foldWorkspaceCounts(t.db)).toBe(0);
    await expectCounts(ws, 0, 8);
  });

  it("deleting a workspace with contacts works and leaves no count rows", async () => {
    const ws = await createWorkspace();
    const c = await addContacts(ws, 3, null);
    await t.db.insertInto("conversations").values({ workspace_id: ws.workspaceId, contact_id: c[0].id }).execute();
    await t.db.deleteFrom("workspaces").where("id", "=", ws.workspaceId).execute();
    expect(await rowsOf(ws.workspaceId)).toBe(0);
  });

  it("a fold while another transaction's rows are uncommitted loses none of them (PostgreSQL)", async () => {
    if (t.config.kind !== "pg") return; // PGlite has one connection: nothing runs alongside
    const ws = await createWorkspace();
    await addContacts(ws, 2, null);
    const pg = await import("pg");
    const other = new (pg.default?.Client ?? pg.Client)({ connectionString: t.config.connectionString });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("INSERT INTO contacts (workspace_id, name) VALUES ($1, 'a'), ($1, 'b'), ($1, 'c')", [
        ws.workspaceId,
      ]);
      await addContacts(ws, 1, null);
      await foldWorkspaceCounts(t.db); // sees the committed rows only
      await other.query("COMMIT");
    } finally {
      await other.end();
    }
    await expectCounts(ws, 0, 6);
    await foldWorkspaceCounts(t.db);
    expect(await rowsOf(ws.workspaceId)).toBe(1);
    await expectCounts(ws, 0, 6);
  });
});
