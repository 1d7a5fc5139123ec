// The smart hand-over of revoke and deactivate (docs/PRODUCT.md, Users page, hand-over): distribute over a team
// or chosen members, the least loaded receiving the most, only active (optionally only available) members, the
// result equal to the preview, one transaction, the audit row recording the distribution — and, on real
// PostgreSQL, a concurrent reassignment of one of those contacts neither lost nor double-counted.
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db, type DbHandle } from "@/db/connect";
import {
  deactivateMemberAction,
  getRevokeInfo,
  previewHandoverAction,
  reactivateMemberAction,
  revokeMemberAction,
} from "@/app/w/[workspaceId]/settings/users/actions";
import { assignContact } from "@/lib/services/contacts";
import { forgetHeartbeat, heartbeat } from "@/lib/presence/service";
import { setupTestDb } from "@/tests/helpers/db";
import { heldRace } from "@/tests/helpers/race";
import { addMember, asUser, createUser, createWorkspace } from "@/tests/helpers/request";
import { actorFor, en, insertContacts, insertTeam, snapshot, handedOver } from "./support";

const t = setupTestDb();
afterEach(() => forgetHeartbeat());

/** Owner; a departing Agent holding 9 contacts; a team Crew of three Agents holding 0, 3 and 10. */
async function scene() {
  const ws = await createWorkspace();
  const w = ws.workspaceId;
  const [leaver, ann, bob, cat, outsider] = await Promise.all(
    ["Leaver", "Ann", "Bob", "Cat", "Outsider"].map((name) => createUser({ name })),
  );
  for (const u of [leaver, ann, bob, cat, outsider]) await addMember(ws, u, "agent");
  const leaving = await insertContacts(t.db, w, leaver.id, 9);
  await insertContacts(t.db, w, bob.id, 3);
  await insertContacts(t.db, w, cat.id, 10);
  const crew = await insertTeam(t.db, w, "Crew", [leaver.id, ann.id, bob.id, cat.id]);
  await asUser(ws.ownerId);
  return {
    ws,
    w,
    owner: ws.ownerId,
    leaver: leaver.id,
    ann: ann.id,
    bob: bob.id,
    cat: cat.id,
    outsider: outsider.id,
    crew,
    leaving,
  };
}
type Scene = Awaited<ReturnType<typeof scene>>;

const held = async (w: string) =>
  Object.fromEntries(
    (
      await t.db
        .selectFrom("contacts")
        .select(["assignee_id", (eb) => eb.fn.countAll<string>().as("n")])
        .where("workspace_id", "=", w)
        .groupBy("assignee_id")
        .execute()
    ).map((r) => [r.assignee_id ?? "none", Number(r.n)]),
  );
const plan = (shares: { userId: string; receives: number }[]) =>
  Object.fromEntries(shares.filter((s) => s.receives).map((s) => [s.userId, s.receives]));

describe("distributing the contacts of a departing member", () => {
  it("over a team: the preview's plan, exactly, with names; the audit row records it", async () => {
    const s = await scene();
    const team = { teamId: s.crew, memberIds: [], availableOnly: false };
    const preview = await previewHandoverAction(s.w, { userId: s.leaver, distribute: team });
    if (!preview.ok) throw new Error(preview.message);
    // Ann (0) and Bob (3) are filled towards Cat (10): Ann 6, Bob 3 — both end at 6.
    expect(preview.data.map((p) => [p.name, p.held, p.receives])).toEqual([
      ["Ann", 0, 6],
      ["Bob", 3, 3],
      ["Cat", 10, 0],
    ]);
    const expect_ = preview.data.map((p) => ({ userId: p.userId, receives: p.receives }));
    const result = await deactivateMemberAction(s.w, {
      userId: s.leaver,
      reassignTo: null,
      distribute: { ...team, expect: expect_ },
    });
    expect(result).toMatchObject({ ok: true, data: { contactsMoved: 9 } });
    expect(await held(s.w)).toEqual({ [s.ann]: 6, [s.bob]: 6, [s.cat]: 10 });
    const batches = await t.db
      .selectFrom("deactivation_handovers")
      .select(["received_by", "contact_ids"])
      .where("workspace_id", "=", s.w)
      .where("user_id", "=", s.leaver)
      .execute();
    // One record per recipient, with the contacts it received.
    expect(Object.fromEntries(batches.map((h) => [h.received_by, h.contact_ids.length]))).toEqual({
      [s.ann]: 6,
      [s.bob]: 3,
    });
    const entry = await t.db
      .selectFrom("audit_log")
      .select("after")
      .where("workspace_id", "=", s.w)
      .where("action", "=", "member.deactivated")
      .executeTakeFirstOrThrow();
    expect(entry.after).toMatchObject({ contactsMoved: 9, reassignedTo: null, distribution: expect_ });
  });

  it("over chosen members, for revoke too; the departing member and non-members never receive", async () => {
    const s = await scene();
    const result = await revokeMemberAction(s.w, {
      userId: s.leaver,
      reassignTo: null,
      distribute: { teamId: null, memberIds: [s.bob, s.cat], availableOnly: false },
    });
    expect(result).toMatchObject({ ok: true, data: { contactsMoved: 9 } });
    // Bob 3 → 11, Cat 10 → 11.
    expect(await held(s.w)).toEqual({ [s.bob]: 11, [s.cat]: 11 });
    // Revoke records no hand-over rows (nothing to give back).
    expect(await handedOver(t.db, s.w)).toHaveLength(0);
  });

  it("only members available now, when asked: online and not away", async () => {
    const s = await scene();
    await heartbeat(t.db, s.bob);
    await heartbeat(t.db, s.cat);
    await t.db
      .updateTable("workspace_members")
      .set({ availability: "away" })
      .where("workspace_id", "=", s.w)
      .where("user_id", "=", s.cat)
      .execute();
    const distribute = { teamId: s.crew, memberIds: [], availableOnly: true };
    const preview = await previewHandoverAction(s.w, { userId: s.leaver, distribute });
    expect(preview).toMatchObject({ ok: true, data: [{ userId: s.bob, held: 3, receives: 9 }] });
    expect(await deactivateMemberAction(s.w, { userId: s.leaver, reassignTo: null, distribute })).toMatchObject({
      ok: true,
    });
    expect(await held(s.w)).toEqual({ [s.bob]: 12, [s.cat]: 10 });
  });

  it("a plan that moved since the preview is refused and changes nothing; the new preview is what happens", async () => {
    const s = await scene();
    const distribute = { teamId: s.crew, memberIds: [], availableOnly: false };
    const seen = await previewHandoverAction(s.w, { userId: s.leaver, distribute });
    if (!seen.ok) throw new Error(seen.message);
    // Meanwhile Ann takes 5 contacts.
    await insertContacts(t.db, s.w, s.ann, 5);
    const before = await snapshot(t.db, { ignoreActivity: true });
    const stale = await deactivateMemberAction(s.w, {
      userId: s.leaver,
      reassignTo: null,
      distribute: { ...distribute, expect: seen.data.map((p) => ({ userId: p.userId, receives: p.receives })) },
    });
    expect(stale).toMatchObject({ ok: false, code: "conflict", message: en("users.handover.changed") });
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
    const fresh = await previewHandoverAction(s.w, { userId: s.leaver, distribute });
    if (!fresh.ok) throw new Error(fresh.message);
    const done = await deactivateMemberAction(s.w, {
      userId: s.leaver,
      reassignTo: null,
      distribute: { ...distribute, expect: fresh.data.map((p) => ({ userId: p.userId, receives: p.receives })) },
    });
    expect(done).toMatchObject({ ok: true });
    const after = await held(s.w);
    for (const p of fresh.data) expect(after[p.userId], p.name ?? "").toBe(p.held + p.receives);
  });

  it("refuses a bad choice with a field error and changes nothing", async () => {
    const s = await scene();
    const other = await createWorkspace();
    const foreignTeam = await insertTeam(t.db, other.workspaceId, "Elsewhere", [other.ownerId]);
    const stranger = await createUser();
    const before = await snapshot(t.db, { ignoreActivity: true });
    const cases = [
      // A team of another workspace: nobody in it here.
      [{ teamId: foreignTeam, memberIds: [], availableOnly: false }, "errors.users.handover.nobody"],
      // Someone who is not a member; the departing member themselves.
      [{ teamId: null, memberIds: [s.bob, stranger.id], availableOnly: false }, "errors.users.revoke.badTarget"],
      [{ teamId: null, memberIds: [s.leaver], availableOnly: false }, "errors.users.revoke.badTarget"],
      // Nobody available.
      [{ teamId: s.crew, memberIds: [], availableOnly: true }, "errors.users.handover.nobody"],
    ] as const;
    for (const [distribute, key] of cases) {
      const input = {
        userId: s.leaver,
        reassignTo: null,
        distribute: { ...distribute, memberIds: [...distribute.memberIds] },
      };
      for (const call of [deactivateMemberAction, revokeMemberAction]) {
        expect(await call(s.w, input), `${call.name} ${key}`).toMatchObject({
          ok: false,
          fieldErrors: { distribute: en(key) },
        });
      }
    }
    // Neither a team nor members, both, or one member and a distribution at once: the schema says no.
    const bad = [
      { teamId: null, memberIds: [], availableOnly: false },
      { teamId: s.crew, memberIds: [s.bob], availableOnly: false },
    ];
    for (const distribute of bad)
      expect(await deactivateMemberAction(s.w, { userId: s.leaver, reassignTo: null, distribute })).toMatchObject({
        ok: false,
        code: "invalidInput",
      });
    expect(
      await deactivateMemberAction(s.w, {
        userId: s.leaver,
        reassignTo: s.bob,
        distribute: { teamId: s.crew, memberIds: [], availableOnly: false },
      }),
    ).toMatchObject({ ok: false, code: "invalidInput" });
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });

  it("the dialog's info lists the teams; reactivation gives back what each recipient still holds", async () => {
    const s = await scene();
    const info = await getRevokeInfo(s.w, { userId: s.leaver });
    expect(info).toMatchObject({
      ok: true,
      data: { contacts: 9, teams: [{ id: s.crew, name: "Crew", memberCount: 4 }] },
    });
    const distribute = { teamId: null, memberIds: [s.ann, s.bob], availableOnly: false };
    expect(await deactivateMemberAction(s.w, { userId: s.leaver, reassignTo: null, distribute })).toMatchObject({
      ok: true,
    });
    // Ann passes one of hers on before the reactivation: that one stays where it went.
    const annHas = await t.db
      .selectFrom("contacts")
      .select("id")
      .where("workspace_id", "=", s.w)
      .where("assignee_id", "=", s.ann)
      .orderBy("id")
      .execute();
    await t.db.updateTable("contacts").set({ assignee_id: s.cat }).where("id", "=", annHas[0].id).execute();
    expect(await reactivateMemberAction(s.w, { userId: s.leaver, giveBack: true })).toMatchObject({ ok: true });
    expect((await held(s.w))[s.leaver]).toBe(8);
  });
});

describe("who may preview a hand-over", () => {
  it("as who may revoke: not oneself, Managers only Agents, never an Agent or an outsider", async () => {
    const s = await scene();
    const manager = await createUser();
    await addMember(s.ws, manager, "manager");
    const distribute = { teamId: s.crew, memberIds: [], availableOnly: false };
    const cases: [string | null, string, string][] = [
      [s.owner, s.leaver, "ok"],
      [manager.id, s.leaver, "ok"],
      [manager.id, s.owner, "forbidden"],
      [manager.id, manager.id, "forbidden"],
      [s.ann, s.leaver, "forbidden"],
      [(await createWorkspace()).ownerId, s.leaver, "notFound"],
      [null, s.leaver, "unauthenticated"],
    ];
    for (const [actor, userId, want] of cases) {
      await asUser(actor);
      const result = await previewHandoverAction(s.w, { userId, distribute });
      expect(result.ok ? "ok" : result.code, `${actor} → ${userId}`).toBe(want);
    }
  });
});

let second: DbHandle | undefined;
beforeAll(async () => {
  if (t.config.kind === "pg") second = await openDb(t.config);
});
afterAll(async () => {
  await second?.close();
});
const ROUNDS = 50;

describe(`distribute vs a concurrent reassignment (${process.env.TEST_DATABASE_URL ? "PostgreSQL, the second waits" : "PGlite, queued"})`, () => {
  it(`no contact lost or double-counted (${ROUNDS} rounds)`, async () => {
    const dbB: Db = second?.db ?? t.db;
    for (let round = 0; round < ROUNDS; round++) {
      const s: Scene = await scene();
      const owner = await actorFor(t.db, s.w, s.owner);
      const ownerB = await actorFor(dbB, s.w, s.owner);
      const total = Number(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM contacts WHERE workspace_id = ${s.w}::uuid`.execute(t.db))
          .rows[0].n,
      );
      const moving = s.leaving[round % s.leaving.length];
      const { deactivateMember } = await import("@/lib/services/deactivation");
      const [dist, assign] = await heldRace(
        t,
        "handover.plan",
        () =>
          deactivateMember(t.db, owner, {
            userId: s.leaver,
            reassignTo: null,
            distribute: { teamId: s.crew, memberIds: [], availableOnly: false },
          }),
        () => assignContact(dbB, ownerB.member, { contactId: moving, assigneeId: s.outsider }),
      );
      expect([dist.status, assign.status], `round ${round}`).toEqual(["fulfilled", "fulfilled"]);
      const done = (dist as PromiseFulfilledResult<Awaited<ReturnType<typeof deactivateMember>>>).value;
      // The distribution moved all 9 (the reassignment waited for it), as planned, and recorded each.
      const distribution = done.distribution ?? [];
      expect(done.contactsMoved).toBe(9);
      expect(distribution.reduce((n, d) => n + d.receives, 0)).toBe(9);
      const handed = await handedOver(t.db, s.w, s.leaver);
      expect(handed).toHaveLength(9);
      // Then the reassignment applied on top: the contact is the outsider's, nothing else moved.
      const after = await held(s.w);
      expect(after[s.outsider]).toBe(1);
      expect(after[s.leaver]).toBeUndefined();
      expect(Object.values(after).reduce((n, c) => n + c, 0)).toBe(total);
      const planned = plan(distribution);
      const start = { [s.ann]: 0, [s.bob]: 3, [s.cat]: 10 };
      const movedAway = handed.find((h) => h.contact_id === moving)!.received_by!;
      for (const u of [s.ann, s.bob, s.cat])
        expect(after[u] ?? 0, `round ${round}`).toBe(start[u] + (planned[u] ?? 0) - (u === movedAway ? 1 : 0));
    }
  });
});
