// The Users list (docs/PRODUCT.md, Users page: every member and every pending invitation, one row each, paged
// and searched server-side) and the Owners' activity list, page by page on a real database.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { countPendingInvitations } from "@/lib/services/invitations";
import { recentAudit } from "@/lib/services/member-changes";
import { countMembers, listPeople, type PersonRow } from "@/lib/services/members";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, createUser, createWorkspace } from "@/tests/helpers/request";
import { insertInvitation } from "./support";

const t = setupTestDb();

/** Every row of the list, following the cursors page by page. */
async function walk(workspaceId: string, q: string, limit: number): Promise<{ rows: PersonRow[]; pages: number }> {
  const rows: PersonRow[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await listPeople(t.db, workspaceId, { q, cursor, limit });
    pages++;
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    rows.push(...page.rows);
    if (!page.nextCursor) return { rows, pages };
    cursor = page.nextCursor;
    if (pages > 100) throw new Error("the cursor does not advance");
  }
}

// ASCII lower-case sort keys compare the same in JavaScript and in any database collation.
const keyOf = (r: PersonRow) => (r.kind === "member" ? (r.name ?? r.email) : r.email).toLowerCase();

describe("listPeople: members and pending invitations in one keyset list", () => {
  it("interleaves both by name or email, pages without gaps or repeats, and keeps other workspaces and settled invitations out", async () => {
    const ws = await createWorkspace({ name: "List" });
    const other = await createWorkspace({ name: "Other" });
    const names = [
      "carol",
      "alice",
      "bob",
      "dave",
      "erin",
      "frank",
      "grace",
      "heidi",
      "ivan",
      "judy",
      "mallory",
      "niaj",
    ];
    for (const [i, name] of names.entries()) {
      const u = await createUser({ name: i % 4 === 0 ? null : `${name} smith`, email: `${name}.${i}@list.example` });
      await addMember(ws, u, i % 3 === 0 ? "manager" : "agent", i % 3 !== 0 && i % 5 === 0 ? ["see_team"] : []);
    }
    // Two members with the same name: the id breaks the tie, across a page boundary too.
    for (const i of [1, 2])
      await addMember(ws, await createUser({ name: "Same Name", email: `same.${i}@list.example` }), "agent");
    const invited = [
      "aaron@list.example",
      "bella@list.example",
      "zed@list.example",
      "karl@list.example",
      "same.zzz@list.example",
    ];
    for (const email of invited)
      await insertInvitation(t.db, { workspaceId: ws.workspaceId, email, role: "agent", invitedBy: ws.ownerId });
    const accepted = await insertInvitation(t.db, {
      workspaceId: ws.workspaceId,
      email: "accepted@list.example",
      invitedBy: ws.ownerId,
    });
    const cancelled = await insertInvitation(t.db, {
      workspaceId: ws.workspaceId,
      email: "cancelled@list.example",
      invitedBy: ws.ownerId,
    });
    await t.db
      .updateTable("invitations")
      .set({ accepted_at: sql`now()` })
      .where("id", "=", accepted.id)
      .execute();
    await t.db
      .updateTable("invitations")
      .set({ cancelled_at: sql`now()` })
      .where("id", "=", cancelled.id)
      .execute();
    await addMember(other, await createUser({ name: "Outsider", email: "outsider@list.example" }), "agent");
    await insertInvitation(t.db, {
      workspaceId: other.workspaceId,
      email: "other.invite@list.example",
      invitedBy: other.ownerId,
    });

    const members = await t.db
      .selectFrom("workspace_members")
      .select("user_id")
      .where("workspace_id", "=", ws.workspaceId)
      .execute();
    const expected = new Set([...members.map((m) => m.user_id)]);
    const pendingIds = await t.db
      .selectFrom("invitations")
      .select("id")
      .where("workspace_id", "=", ws.workspaceId)
      .where("accepted_at", "is", null)
      .where("cancelled_at", "is", null)
      .execute();
    for (const i of pendingIds) expected.add(i.id);

    for (const limit of [1, 3, 4, 50]) {
      const { rows, pages } = await walk(ws.workspaceId, "", limit);
      expect(rows.map((r) => r.id).sort()).toEqual([...expected].sort());
      expect(pages).toBe(Math.max(1, Math.ceil(expected.size / limit)));
      const keys = rows.map((r) => [keyOf(r), r.id] as const);
      for (let i = 1; i < keys.length; i++)
        expect(keys[i - 1][0] < keys[i][0] || (keys[i - 1][0] === keys[i][0] && keys[i - 1][1] < keys[i][1])).toBe(
          true,
        );
    }

    const { rows } = await walk(ws.workspaceId, "", 50);
    // Pending invitations sit among the members by their address, not in a block of their own.
    const kinds = rows.map((r) => r.kind);
    expect(kinds.indexOf("invitation")).toBeLessThan(kinds.indexOf("member"));
    expect(kinds.lastIndexOf("invitation")).toBeGreaterThan(kinds.lastIndexOf("member"));
    const karl = rows.find((r) => r.email === "karl@list.example");
    expect(karl).toMatchObject({ kind: "invitation", role: "agent", inviter: expect.any(String) });
    expect(karl && karl.kind === "invitation" && karl.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await countPendingInvitations(t.db, ws.workspaceId)).toBe(invited.length);
  });

  it("searches both kinds by name or email, server-side, and the counts agree with the rows", async () => {
    const ws = await createWorkspace({ name: "Search" });
    await addMember(ws, await createUser({ name: "Walker Ann", email: "ann@search.example" }), "agent");
    await addMember(ws, await createUser({ name: "Zoe", email: "zoe.walker@search.example" }), "agent");
    await addMember(ws, await createUser({ name: "Nobody", email: "nobody@search.example" }), "agent");
    await insertInvitation(t.db, {
      workspaceId: ws.workspaceId,
      email: "walker.invited@search.example",
      invitedBy: ws.ownerId,
    });
    await insertInvitation(t.db, {
      workspaceId: ws.workspaceId,
      email: "someone@search.example",
      invitedBy: ws.ownerId,
    });
    // LIKE metacharacters are text: "100%" matches only itself.
    await insertInvitation(t.db, {
      workspaceId: ws.workspaceId,
      email: "100%off@search.example",
      invitedBy: ws.ownerId,
    });

    const { rows } = await walk(ws.workspaceId, "WALKER", 2);
    // Sort keys: "walker ann" (name) < "walker.invited@…" (email) < "zoe" (name).
    expect(rows.map((r) => r.email)).toEqual([
      "ann@search.example",
      "walker.invited@search.example",
      "zoe.walker@search.example",
    ]);
    expect(
      (await countMembers(t.db, ws.workspaceId, "walker")) +
        (await countPendingInvitations(t.db, ws.workspaceId, "walker")),
    ).toBe(rows.length);
    expect((await walk(ws.workspaceId, "100%", 10)).rows.map((r) => r.email)).toEqual(["100%off@search.example"]);
    // Unescaped, "1%f" would match "100%off".
    expect((await walk(ws.workspaceId, "1%f", 10)).rows).toEqual([]);
  });

  it("treats a forged or foreign cursor as the first page", async () => {
    const ws = await createWorkspace({ name: "Cursor" });
    const first = await listPeople(t.db, ws.workspaceId, { q: "", limit: 10 });
    for (const cursor of [
      "garbage",
      Buffer.from('["a","not-a-uuid"]').toString("base64url"),
      Buffer.from("[1,2]").toString("base64url"),
    ]) {
      expect(await listPeople(t.db, ws.workspaceId, { q: "", cursor, limit: 10 })).toEqual(first);
    }
  });
});

describe("recentAudit: the activity list, newest first, page by page", () => {
  it("walks every entry of the workspace once, even when many share a timestamp", async () => {
    const ws = await createWorkspace({ name: "Audit" });
    const other = await createWorkspace({ name: "Audit other" });
    const at = new Date("2026-11-01T10:00:00.123456Z");
    const values = Array.from({ length: 23 }, (_, i) => ({
      workspace_id: ws.workspaceId,
      actor_id: ws.ownerId,
      action: "member.updated",
      target: `t${i}`,
      created_at: i < 12 ? at : new Date(at.getTime() + i * 1000),
    }));
    await t.db.insertInto("audit_log").values(values).execute();
    await t.db
      .insertInto("audit_log")
      .values({ workspace_id: other.workspaceId, actor_id: other.ownerId, action: "member.updated", target: "foreign" })
      .execute();

    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await recentAudit(t.db, ws.workspaceId, { limit: 10, before });
      pages++;
      seen.push(...page.rows.map((r) => r.target ?? ""));
      if (!page.nextCursor) break;
      before = page.nextCursor;
    }
    const own = await t.db
      .selectFrom("audit_log")
      .select("target")
      .where("workspace_id", "=", ws.workspaceId)
      .execute();
    expect(seen.sort()).toEqual(own.map((r) => r.target ?? "").sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain("foreign");
    expect(pages).toBe(Math.ceil(own.length / 10));
    // Newest first: the first page starts with the latest entry.
    const top = await recentAudit(t.db, ws.workspaceId, { limit: 1 });
    expect(top.rows[0].target).toBe("t22");
  });
});
