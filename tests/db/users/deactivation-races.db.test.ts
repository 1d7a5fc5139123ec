// Deactivation's invariants under races, 50 rounds each (tests/helpers/race.ts: the first call is held inside
// its transaction after the locking read; on PostgreSQL the second is seen waiting for it, on PGlite they queue).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db, type DbHandle } from "@/db/connect";
import { deactivateMember, reactivateMember } from "@/lib/services/deactivation";
import { revokeMember, updateMemberAccess } from "@/lib/services/member-changes";
import { setupTestDb } from "@/tests/helpers/db";
import { heldRace } from "@/tests/helpers/race";
import { addMember, createUser, createWorkspace } from "@/tests/helpers/request";
import { actorFor, insertContacts, membership, ownerCount } from "./support";

const t = setupTestDb();
const ROUNDS = 50;

let second: DbHandle | undefined;
beforeAll(async () => {
  if (t.config.kind === "pg") second = await openDb(t.config);
});
afterAll(async () => {
  await second?.close();
});
const dbs = (): [Db, Db] => [t.db, second?.db ?? t.db];
const outcome = (r: PromiseSettledResult<unknown>) =>
  r.status === "fulfilled" ? "ok" : ((r.reason as { code?: string }).code ?? String(r.reason));

const deactivatedRow = (w: string, userId: string) =>
  t.db
    .selectFrom("deactivated_members")
    .selectAll()
    .where("workspace_id", "=", w)
    .where("user_id", "=", userId)
    .executeTakeFirst();

/** Two Owners and an Agent holding 3 contacts. */
async function scene() {
  const ws = await createWorkspace();
  const owner2 = await createUser();
  const agent = await createUser();
  await addMember(ws, owner2, "owner");
  await addMember(ws, agent, "agent");
  const contacts = await insertContacts(t.db, ws.workspaceId, agent.id, 3);
  const [dbA, dbB] = dbs();
  const a = await actorFor(dbA, ws.workspaceId, ws.ownerId);
  const b = await actorFor(dbB, ws.workspaceId, owner2.id);
  return { w: ws.workspaceId, a, b, dbA, dbB, agent: agent.id, contacts };
}

describe(`deactivation races (${process.env.TEST_DATABASE_URL ? "PostgreSQL, the second waits" : "PGlite, queued"})`, () => {
  it(`two Owners deactivating each other: one wins, never zero active Owners (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { w, a, b, dbA, dbB } = await scene();
      const results = await heldRace(
        t,
        "member.change",
        () => deactivateMember(dbA, a, { userId: b.member.userId, reassignTo: null }),
        () => deactivateMember(dbB, b, { userId: a.member.userId, reassignTo: null }),
      );
      expect(results.map(outcome), `round ${round}`).toEqual(["ok", "notFound"]);
      expect(await ownerCount(t.db, w)).toBe(1);
      expect(await membership(t.db, w, a.member.userId)).toMatchObject({ role: "owner" });
      expect(await deactivatedRow(w, b.member.userId)).toMatchObject({ role: "owner" });
    }
  });

  it(`deactivate vs edit of the same member: the later one sees the earlier one's result (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { w, a, b, dbA, dbB, agent } = await scene();
      const deactivate = () => deactivateMember(dbA, a, { userId: agent, reassignTo: null });
      const edit = () => updateMemberAccess(dbB, b, { userId: agent, role: "agent", restrictions: ["see_self"] });
      if (round % 2 === 0) {
        // Deactivated first: the edit finds no active member.
        expect((await heldRace(t, "member.change", deactivate, edit)).map(outcome), `round ${round}`).toEqual([
          "ok",
          "notFound",
        ]);
        expect(await deactivatedRow(w, agent)).toMatchObject({ restrictions: [] });
      } else {
        // Edited first: the deactivation keeps the edited access.
        expect((await heldRace(t, "member.change", edit, deactivate)).map(outcome), `round ${round}`).toEqual([
          "ok",
          "ok",
        ]);
        expect(await deactivatedRow(w, agent)).toMatchObject({ restrictions: ["see_self"] });
      }
      expect(await membership(t.db, w, agent)).toBeUndefined();
    }
  });

  it(`reactivate vs revoke: in either order the revocation stands, nothing left half-done (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { w, a, b, dbA, dbB, agent, contacts } = await scene();
      await deactivateMember(t.db, a, { userId: agent, reassignTo: b.member.userId });
      const reactivate = () => reactivateMember(dbA, a, { userId: agent, giveBack: true });
      const revoke = () => revokeMember(dbB, b, { userId: agent, reassignTo: null });
      if (round % 2 === 0) {
        // Reactivated first (contacts given back), then revoked as an active member: contacts unassigned.
        expect((await heldRace(t, "member.change", reactivate, revoke)).map(outcome), `round ${round}`).toEqual([
          "ok",
          "ok",
        ]);
      } else {
        // Revoked first (removed while deactivated): there is nothing to reactivate.
        expect((await heldRace(t, "member.change", revoke, reactivate)).map(outcome), `round ${round}`).toEqual([
          "ok",
          "notFound",
        ]);
      }
      expect(await membership(t.db, w, agent)).toBeUndefined();
      expect(await deactivatedRow(w, agent)).toBeUndefined();
      const held = await t.db.selectFrom("contacts").select("assignee_id").where("id", "in", contacts).execute();
      expect(held.map((c) => c.assignee_id)).not.toContain(agent);
    }
  });

  it(`two reactivations for the last seat, in two workspaces of one organization: one gets it (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { w, a, dbA, dbB, agent } = await scene();
      const org = await t.db.selectFrom("workspaces").select("org_id").where("id", "=", w).executeTakeFirstOrThrow();
      const other = await t.db
        .insertInto("workspaces")
        .values({ org_id: org.org_id, name: "Second" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const agent2 = await createUser();
      await t.db
        .insertInto("workspace_members")
        .values({ workspace_id: other.id, user_id: a.member.userId, role: "owner", restrictions: [], invited_by: null })
        .execute();
      await t.db
        .insertInto("workspace_members")
        .values({ workspace_id: other.id, user_id: agent2.id, role: "agent", restrictions: [], invited_by: null })
        .execute();
      const aOther = await actorFor(dbB, other.id, a.member.userId);
      await deactivateMember(t.db, a, { userId: agent, reassignTo: null });
      await deactivateMember(t.db, aOther, { userId: agent2.id, reassignTo: null });
      const seats = await t.db
        .selectFrom("workspace_members as m")
        .innerJoin("workspaces as ws", "ws.id", "m.workspace_id")
        .select((eb) => eb.fn.count<string>("m.user_id").distinct().as("n"))
        .where("ws.org_id", "=", org.org_id)
        .executeTakeFirstOrThrow();
      await t.db
        .updateTable("organizations")
        .set({ seat_limit: Number(seats.n) + 1 })
        .where("id", "=", org.org_id)
        .execute();
      const results = await heldRace(
        t,
        "member.seat",
        () => reactivateMember(dbA, a, { userId: agent, giveBack: false }),
        () => reactivateMember(dbB, aOther, { userId: agent2.id, giveBack: false }),
      );
      expect(results.map(outcome), `round ${round}`).toEqual(["ok", "conflict"]);
      expect(await membership(t.db, w, agent)).toBeDefined();
      expect(await membership(t.db, other.id, agent2.id)).toBeUndefined();
    }
  });
});
