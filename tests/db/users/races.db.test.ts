// Invariants that race: the first call is held inside its transaction, right after the
// locking read that serializes it, while the second starts and is seen waiting for it
// (tests/helpers/race.ts). On PostgreSQL the two run on two pools; PGlite has a
// single connection, so there the calls queue: the same outcomes, without the wait.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db, type DbHandle } from "@/db/connect";
import { acceptInvitation } from "@/lib/services/accept-invitation";
import { revokeMember, updateMemberAccess } from "@/lib/services/member-changes";
import { setupTestDb } from "@/tests/helpers/db";
import { heldRace } from "@/tests/helpers/race";
import { addMember, createUser, createWorkspace, uniqueEmail } from "@/tests/helpers/request";
import { actorFor, insertInvitation, membership, ownerCount } from "./support";

const t = setupTestDb();

let second: DbHandle | undefined;
beforeAll(async () => {
  if (t.config.kind === "pg") second = await openDb(t.config);
});
afterAll(async () => {
  await second?.close();
});
/** Two handles on the same database: two pools on pg, the one PGlite twice. */
const dbs = (): [Db, Db] => [t.db, second?.db ?? t.db];

async function twoOwners() {
  const ws = await createWorkspace();
  const other = await createUser();
  await addMember(ws, other, "owner");
  const [dbA, dbB] = dbs();
  const a = await actorFor(dbA, ws.workspaceId, ws.ownerId);
  const b = await actorFor(dbB, ws.workspaceId, other.id);
  return { w: ws.workspaceId, a, b, dbA, dbB };
}

/**
 * "ok", or the refusal's code. A raw database error (deadlock, serialization failure,
 * unique violation) has none and shows as its message.
 */
const outcome = (r: PromiseSettledResult<unknown>) =>
  r.status === "fulfilled" ? "ok" : ((r.reason as { code?: string }).code ?? String(r.reason));

describe(`races (${process.env.TEST_DATABASE_URL ? "PostgreSQL, the second waits" : "PGlite, queued"})`, () => {
  it("two Owners demoting each other: the second is no longer an Owner when its turn comes", async () => {
    const { w, a, b, dbA, dbB } = await twoOwners();
    const results = await heldRace(
      t,
      "member.change",
      () => updateMemberAccess(dbA, a, { userId: b.member.userId, role: "agent", restrictions: [] }),
      () => updateMemberAccess(dbB, b, { userId: a.member.userId, role: "manager", restrictions: [] }),
    );
    expect(results.map(outcome)).toEqual(["ok", "forbidden"]);
    expect(await ownerCount(t.db, w)).toBe(1);
    expect(await membership(t.db, w, a.member.userId)).toMatchObject({ role: "owner" });
  });

  it("two Owners revoking each other: the second is no longer a member when its turn comes", async () => {
    const { w, a, b, dbA, dbB } = await twoOwners();
    const results = await heldRace(
      t,
      "member.change",
      () => revokeMember(dbA, a, { userId: b.member.userId, reassignTo: null }),
      () => revokeMember(dbB, b, { userId: a.member.userId, reassignTo: null }),
    );
    expect(results.map(outcome)).toEqual(["ok", "notFound"]);
    expect(await ownerCount(t.db, w)).toBe(1);
    expect(await membership(t.db, w, b.member.userId)).toBeUndefined();
  });

  it("one Owner demotes the other, who is revoking them: the demotion stands, the revocation is refused", async () => {
    const { w, a, b, dbA, dbB } = await twoOwners();
    const results = await heldRace(
      t,
      "member.change",
      () => updateMemberAccess(dbA, a, { userId: b.member.userId, role: "agent", restrictions: [] }),
      () => revokeMember(dbB, b, { userId: a.member.userId, reassignTo: null }),
    );
    expect(results.map(outcome)).toEqual(["ok", "forbidden"]);
    expect(await ownerCount(t.db, w)).toBe(1);
    expect(await membership(t.db, w, b.member.userId)).toMatchObject({ role: "agent" });
  });

  it("two accepts of one invitation: one membership, one success, the second finds it used", async () => {
    const [dbA, dbB] = dbs();
    const ws = await createWorkspace();
    const email = uniqueEmail("race");
    const { token } = await insertInvitation(t.db, { workspaceId: ws.workspaceId, email, invitedBy: ws.ownerId });
    const input = { token, name: "Racer", sessionEmail: null, ip: "192.0.2.1" };
    const results = await heldRace(
      t,
      "invitation.accept",
      () => acceptInvitation(dbA, input),
      () => acceptInvitation(dbB, input),
    );
    expect(results.map(outcome)).toEqual(["ok", "conflict"]);
    expect(results[1]).toMatchObject({ reason: { messageKey: "invite.errors.used" } });
    const members = await t.db
      .selectFrom("workspace_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("m.user_id")
      .where("m.workspace_id", "=", ws.workspaceId)
      .where("u.email", "=", email)
      .execute();
    expect(members).toHaveLength(1);
    expect(await t.db.selectFrom("users").select("id").where("email", "=", email).execute()).toHaveLength(1);
    const accepted = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "invitation.accepted")
      .where("workspace_id", "=", ws.workspaceId)
      .execute();
    expect(accepted).toHaveLength(1);
  });
});
