// Bulk actions on the Users list and the "not active for" review (docs/PRODUCT.md, Users page, bulk actions):
// every row authorized on its own — a refused row reported with the single action's words and left exactly as
// it was — the selection by ticked ids or by every row matching a search or filter across pages, and who may
// call it at all.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { bulkUsersAction } from "@/app/w/[workspaceId]/settings/users/actions";
import { inactiveSummary, listPeople } from "@/lib/services/members";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace } from "@/tests/helpers/request";
import { en, insertContacts, insertInvitation, membership, snapshot, handedOver } from "./support";

const t = setupTestDb();

/** Owner, a second Owner, a Manager, two Agents (one holding contacts), and two pending invitations. */
async function scene() {
  const ws = await createWorkspace();
  const w = ws.workspaceId;
  const [owner2, manager, agent1, agent2] = await Promise.all(
    ["Second Owner", "Manager", "Agent One", "Agent Two"].map((name) => createUser({ name })),
  );
  await addMember(ws, owner2, "owner");
  await addMember(ws, manager, "manager");
  await addMember(ws, agent1, "agent");
  await addMember(ws, agent2, "agent", ["see_self"]);
  await insertContacts(t.db, w, agent1.id, 3);
  const invAgent = await insertInvitation(t.db, {
    workspaceId: w,
    email: "inv.agent@bulk.test",
    invitedBy: ws.ownerId,
  });
  const invManager = await insertInvitation(t.db, {
    workspaceId: w,
    email: "inv.manager@bulk.test",
    role: "manager",
    invitedBy: ws.ownerId,
  });
  return {
    ws,
    w,
    owner: ws.ownerId,
    owner2: owner2.id,
    manager: manager.id,
    agent1: agent1.id,
    agent2: agent2.id,
    invAgent: invAgent.id,
    invManager: invManager.id,
  };
}

const rowsOf = (w: string, table: "workspace_members" | "invitations", idColumn: "user_id" | "id", id: string) =>
  sql<{
    r: string;
  }>`SELECT (to_jsonb(t) - 'last_active_at')::text AS r FROM ${sql.table(table)} t WHERE workspace_id = ${w}::uuid AND ${sql.ref(idColumn)} = ${id}::uuid`
    .execute(t.db)
    .then((x) => x.rows.map((r) => r.r));

describe("bulk actions: each row on its own", () => {
  it("an Owner changes access of members and invitations; oneself is refused and left as it was", async () => {
    const s = await scene();
    await asUser(s.owner);
    const selfBefore = await rowsOf(s.w, "workspace_members", "user_id", s.owner);
    const result = await bulkUsersAction(s.w, {
      selection: { members: [s.agent1, s.agent2, s.owner], invitations: [s.invAgent] },
      op: { kind: "access", role: "agent", restrictions: ["see_team"] },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.data).toMatchObject({ done: 3, refused: 1 });
    const refused = result.data.results.filter((r) => !r.ok);
    expect(refused).toEqual([
      expect.objectContaining({ kind: "member", id: s.owner, message: en("users.errors.self") }),
    ]);
    expect(await membership(t.db, s.w, s.agent1)).toMatchObject({ role: "agent", restrictions: ["see_team"] });
    expect(await membership(t.db, s.w, s.agent2)).toMatchObject({ role: "agent", restrictions: ["see_team"] });
    const inv = await t.db.selectFrom("invitations").selectAll().where("id", "=", s.invAgent).executeTakeFirstOrThrow();
    expect(inv).toMatchObject({ role: "agent", restrictions: ["see_team"] });
    expect(await rowsOf(s.w, "workspace_members", "user_id", s.owner)).toEqual(selfBefore);
    // One audit row per changed row, as the single action writes.
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("workspace_id", "=", s.w)
      .where("action", "in", ["member.updated", "invitation.updated"])
      .execute();
    expect(audits).toHaveLength(3);
  });

  it("a Manager deactivates Agents only: the Manager, the Owner and an invitation are refused, unchanged", async () => {
    const s = await scene();
    await asUser(s.manager);
    const before = {
      owner: await rowsOf(s.w, "workspace_members", "user_id", s.owner),
      manager: await rowsOf(s.w, "workspace_members", "user_id", s.owner2),
      inv: await rowsOf(s.w, "invitations", "id", s.invManager),
    };
    const result = await bulkUsersAction(s.w, {
      selection: { members: [s.agent1, s.agent2, s.owner, s.owner2], invitations: [s.invManager] },
      op: { kind: "deactivate", reassignTo: null },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.data).toMatchObject({ done: 2, refused: 3 });
    const why = Object.fromEntries(result.data.results.filter((r) => !r.ok).map((r) => [r.id, r.message]));
    expect(why).toEqual({
      [s.owner]: en("users.errors.managerAgentsOnly"),
      [s.owner2]: en("users.errors.managerAgentsOnly"),
      [s.invManager]: en("users.bulkEdit.membersOnly"),
    });
    expect(await membership(t.db, s.w, s.agent1)).toBeUndefined();
    expect(await membership(t.db, s.w, s.agent2)).toBeUndefined();
    const unassigned = await t.db
      .selectFrom("contacts")
      .select("id")
      .where("workspace_id", "=", s.w)
      .where("assignee_id", "is", null)
      .execute();
    expect(unassigned).toHaveLength(3);
    expect(await rowsOf(s.w, "workspace_members", "user_id", s.owner)).toEqual(before.owner);
    expect(await rowsOf(s.w, "workspace_members", "user_id", s.owner2)).toEqual(before.manager);
    expect(await rowsOf(s.w, "invitations", "id", s.invManager)).toEqual(before.inv);
  });

  it("a bulk deactivation hands every contact to one member; the member receiving them is refused as a target", async () => {
    const s = await scene();
    await insertContacts(t.db, s.w, s.agent2, 2);
    await asUser(s.owner);
    const managerBefore = await rowsOf(s.w, "workspace_members", "user_id", s.manager);
    const result = await bulkUsersAction(s.w, {
      selection: { members: [s.agent1, s.manager, s.agent2], invitations: [] },
      op: { kind: "deactivate", reassignTo: s.manager },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.data).toMatchObject({ done: 2, refused: 1 });
    expect(result.data.results.find((r) => !r.ok)).toMatchObject({ id: s.manager });
    expect(await rowsOf(s.w, "workspace_members", "user_id", s.manager)).toEqual(managerBefore);
    const held = await t.db
      .selectFrom("contacts")
      .select(({ fn }) => ["assignee_id", fn.countAll<string>().as("n")])
      .where("workspace_id", "=", s.w)
      .groupBy("assignee_id")
      .execute();
    expect(held.map((r) => [r.assignee_id, Number(r.n)])).toEqual([[s.manager, 5]]);
    // Each hand-over is recorded, so reactivation can offer the contacts back.
    expect(await handedOver(t.db, s.w)).toHaveLength(5);
  });

  it("resend and cancel apply to invitations; members in the selection are reported, not touched", async () => {
    const s = await scene();
    await asUser(s.owner);
    const resent = await bulkUsersAction(s.w, {
      selection: { members: [s.agent1], invitations: [s.invAgent, s.invManager] },
      op: { kind: "resend" },
    });
    expect(resent).toMatchObject({ ok: true, data: { done: 2, refused: 1 } });
    const mails = await t.db
      .selectFrom("mail_queue")
      .select("to_address")
      .where("to_address", "in", ["inv.agent@bulk.test", "inv.manager@bulk.test"])
      .execute();
    expect(mails).toHaveLength(2);
    const cancelled = await bulkUsersAction(s.w, {
      selection: { members: [], invitations: [s.invAgent, s.invManager] },
      op: { kind: "cancel" },
    });
    expect(cancelled).toMatchObject({ ok: true, data: { done: 2, refused: 0 } });
    const pending = await t.db
      .selectFrom("invitations")
      .select("id")
      .where("workspace_id", "=", s.w)
      .where("cancelled_at", "is", null)
      .execute();
    expect(pending).toHaveLength(0);
  });

  it("ids of another workspace are not found there: nothing of theirs is touched", async () => {
    const s = await scene();
    const other = await scene();
    await asUser(s.owner);
    const before = await snapshot(t.db, { ignoreActivity: true });
    const result = await bulkUsersAction(s.w, {
      selection: { members: [other.agent1], invitations: [other.invAgent] },
      op: { kind: "access", role: "agent", restrictions: [] },
    });
    expect(result).toMatchObject({ ok: true, data: { done: 0, refused: 0, results: [] } });
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });

  it("all rows matching a search, across pages; more than 1,000 is refused before anything is done", async () => {
    const s = await scene();
    const many = await Promise.all(Array.from({ length: 60 }, (_, i) => createUser({ name: `Seasonal ${i}` })));
    for (const u of many) await addMember(s.ws, u, "agent");
    await asUser(s.owner);
    const result = await bulkUsersAction(s.w, {
      selection: { all: { q: "seasonal" } },
      op: { kind: "access", role: "agent", restrictions: ["see_team"] },
    });
    expect(result).toMatchObject({ ok: true, data: { done: 60, refused: 0 } });
    const narrowed = await t.db
      .selectFrom("workspace_members")
      .select("user_id")
      .where("workspace_id", "=", s.w)
      .where(sql<boolean>`restrictions = ARRAY['see_team']::text[]`)
      .execute();
    expect(narrowed.map((r) => r.user_id).sort()).toEqual(many.map((u) => u.id).sort());

    await sql`INSERT INTO invitations (workspace_id, email, role, restrictions, token_hash, invited_by, expires_at)
      SELECT ${s.w}::uuid, 'crowd' || g || '@bulk.test', 'agent', '{}', encode(sha256(g::text::bytea), 'hex'), ${s.owner}::uuid, now() + interval '7 days'
      FROM generate_series(1, 1001) g`.execute(t.db);
    const before = await snapshot(t.db, { ignoreActivity: true });
    const tooMany = await bulkUsersAction(s.w, { selection: { all: { q: "crowd" } }, op: { kind: "cancel" } });
    expect(tooMany).toMatchObject({ ok: false, code: "invalidInput", message: en("users.bulkEdit.tooMany") });
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });
});

describe("not active for N days", () => {
  it("lists members inactive that long (never-active members by when they joined), counts the seats freed", async () => {
    const s = await scene();
    const ago = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;
    const setActivity = (userId: string, last: ReturnType<typeof ago> | null, joined = ago(400)) =>
      t.db
        .updateTable("workspace_members")
        .set({ last_active_at: last, joined_at: joined })
        .where("workspace_id", "=", s.w)
        .where("user_id", "=", userId)
        .execute();
    await setActivity(s.owner, ago(0));
    await setActivity(s.owner2, ago(2));
    await setActivity(s.manager, ago(40));
    await setActivity(s.agent1, ago(100));
    await setActivity(s.agent2, null); // never active, joined long ago
    // Agent Two also works in another workspace of the organization: deactivating here frees no seat.
    const { org_id } = await t.db
      .selectFrom("workspaces")
      .select("org_id")
      .where("id", "=", s.w)
      .executeTakeFirstOrThrow();
    const sister = await t.db
      .insertInto("workspaces")
      .values({ org_id, name: "Sister" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await addMember(sister.id, s.agent2, "agent");

    const listed = async (days: 7 | 30 | 90) =>
      (await listPeople(t.db, s.w, { q: "", limit: 50, inactiveDays: days })).rows.map((r) => r.id).sort();
    expect(await listed(7)).toEqual([s.manager, s.agent1, s.agent2].sort());
    expect(await listed(90)).toEqual([s.agent1, s.agent2].sort());
    expect(await inactiveSummary(t.db, s.w, 30)).toEqual({ count: 3, seats: 2 });
    expect(await inactiveSummary(t.db, s.w, 30, "agent")).toEqual({ count: 2, seats: 1 });

    // The review's bulk deactivation: every member listed, nobody else.
    await asUser(s.owner);
    const result = await bulkUsersAction(s.w, {
      selection: { all: { q: "", inactiveDays: 90 } },
      op: { kind: "deactivate", reassignTo: null },
    });
    expect(result).toMatchObject({ ok: true, data: { done: 2, refused: 0 } });
    expect(await membership(t.db, s.w, s.agent1)).toBeUndefined();
    expect(await membership(t.db, s.w, s.manager)).toBeDefined();
  });
});

describe("who may run a bulk action", () => {
  it("users.manage: Owners and Managers; an Agent, an outsider, a signed-out caller are refused and write nothing", async () => {
    const s = await scene();
    const limited = await createUser();
    await addMember(s.ws, limited, "manager", ["no_settings"]);
    const outsider = (await createWorkspace()).ownerId;
    const cases: [string | null, string][] = [
      [s.agent1, "forbidden"],
      [limited.id, "forbidden"],
      [outsider, "notFound"],
      [null, "unauthenticated"],
    ];
    for (const [actor, code] of cases) {
      await asUser(actor);
      const before = await snapshot(t.db, { ignoreActivity: true });
      const result = await bulkUsersAction(s.w, {
        selection: { members: [s.agent2], invitations: [s.invAgent] },
        op: { kind: "deactivate", reassignTo: null },
      });
      expect(result, String(actor)).toMatchObject({ ok: false, code });
      expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
    }
  });
});
