import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { listPeople, countMembers } from "@/lib/services/members";
import { addMember, createUser, createWorkspace } from "@/tests/helpers/fixtures";
// Aliased: the React hooks lint rule reads any `use…` call at the top level as a hook.
import { setupTestDb as openTestDb } from "@/tests/helpers/db";

// Each membership carries its person's lower-cased name and email, kept by triggers (migration
// 2026-12-04T11-00-member-sort-keys): the Users page sorts and searches one workspace's rows only. The copy must
// follow every write to the person, and the page must read exactly as it would from the users table.
const t = openTestDb();

const keysOf = (userId: string) =>
  t.db
    .selectFrom("workspace_members")
    .select(["workspace_id", "sort_name", "sort_email"])
    .where("user_id", "=", userId)
    .orderBy("workspace_id")
    .execute();

describe("member sort keys", () => {
  it("a new membership copies its person's name and email, and a rename follows in every workspace", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    const person = await createUser({ name: "Zoë WALKER", email: "zoe.walker@example.com" });
    await addMember(a, person, "agent");
    await addMember(b, person, "manager");
    expect((await keysOf(person.id)).map((k) => [k.sort_name, k.sort_email])).toEqual([
      ["zoë walker", "zoe.walker@example.com"],
      ["zoë walker", "zoe.walker@example.com"],
    ]);

    await t.db.updateTable("users").set({ name: "Adam Ávila" }).where("id", "=", person.id).execute();
    expect((await keysOf(person.id)).map((k) => k.sort_name)).toEqual(["adam ávila", "adam ávila"]);
    await t.db.updateTable("users").set({ name: null }).where("id", "=", person.id).execute();
    expect((await keysOf(person.id)).map((k) => k.sort_name)).toEqual([null, null]);
  });

  it("lists and searches in the same order as the users table's sort key, one workspace only", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    for (const name of ["carla", "Bob Walker", null, "ángel", "alice walker"]) {
      const u = await createUser({ name });
      await addMember(ws, u, "agent");
    }
    // Someone else's workspace with a matching name: never in this list.
    await addMember(other, await createUser({ name: "Walker Elsewhere" }), "agent");

    const expected = await sql<{ id: string }>`
      SELECT u.id FROM workspace_members m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ${ws.workspaceId}::uuid
      ORDER BY lower(coalesce(u.name, u.email)), u.id`.execute(t.db);
    const page = await listPeople(t.db, ws.workspaceId, { q: "", limit: 50 });
    expect(page.rows.map((r) => r.id)).toEqual(expected.rows.map((r) => r.id));

    // Page by page (the keyset cursor reads the membership's key): the same order, nothing twice.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const p = await listPeople(t.db, ws.workspaceId, { q: "", limit: 2, cursor });
      seen.push(...p.rows.map((r) => r.id));
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expected.rows.map((r) => r.id));

    const found = await listPeople(t.db, ws.workspaceId, { q: "WALKER", limit: 50 });
    expect(found.rows.map((r) => (r.kind === "member" ? r.name : r.email))).toEqual(["alice walker", "Bob Walker"]);
    expect(await countMembers(t.db, ws.workspaceId, "walker")).toBe(2);
  });
});
