// Invariants that race (CONVENTIONS 7, SPEC §1): with TEST_DATABASE_URL two independent
// pools on the same database call the services at the same moment, many times over.
// PGlite has a single connection, so there the calls queue: a smoke check of the same
// code paths with fewer rounds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db, type DbHandle } from "@/db/connect";
import { acceptInvitation } from "@/lib/services/accept-invitation";
import { revokeMember, updateMemberAccess } from "@/lib/services/member-changes";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, createUser, createWorkspace, uniqueEmail } from "@/tests/helpers/request";
import { actorFor, insertInvitation, ownerCount } from "./support";

const t = setupTestDb();
const realPostgres = Boolean(process.env.TEST_DATABASE_URL);
const ROUNDS = realPostgres ? 60 : 5;

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
  return { ws, a: ws.ownerId, b: other.id };
}

/** Settle both, reporting which succeeded and the refusal codes of the others. */
async function race(calls: [Promise<unknown>, Promise<unknown>]) {
  const results = await Promise.allSettled(calls);
  const failures = results
    .filter((r): r is PromiseRejectedResult => r.status === "rejected")
    .map((r) => r.reason as { code?: string; message?: string });
  for (const f of failures) {
    // Expected refusals are ActionErrors with a code; a raw database error (deadlock,
    // serialization failure, unique violation) would be a bug.
    expect(f.code, `unexpected error: ${f.message}`).toMatch(/^(forbidden|conflict|notFound)$/);
  }
  return { ok: results.filter((r) => r.status === "fulfilled").length, failures };
}

describe(`races (${realPostgres ? "PostgreSQL, two pools" : "PGlite, queued"})`, () => {
  it(`two Owners demoting each other at the same moment: one Owner always remains (${ROUNDS}×)`, async () => {
    const [dbA, dbB] = dbs();
    for (let i = 0; i < ROUNDS; i++) {
      const { ws, a, b } = await twoOwners();
      const actorA = await actorFor(dbA, ws.workspaceId, a);
      const actorB = await actorFor(dbB, ws.workspaceId, b);
      const { ok } = await race([
        updateMemberAccess(dbA, actorA, { userId: b, role: "agent", restrictions: [] }),
        updateMemberAccess(dbB, actorB, { userId: a, role: "manager", restrictions: [] }),
      ]);
      expect(await ownerCount(t.db, ws.workspaceId), `round ${i}`).toBe(1);
      expect(ok, `round ${i}: exactly one demotion wins`).toBe(1);
    }
  });

  it(`two Owners revoking each other at the same moment: one Owner always remains (${ROUNDS}×)`, async () => {
    const [dbA, dbB] = dbs();
    for (let i = 0; i < ROUNDS; i++) {
      const { ws, a, b } = await twoOwners();
      const actorA = await actorFor(dbA, ws.workspaceId, a);
      const actorB = await actorFor(dbB, ws.workspaceId, b);
      const { ok } = await race([
        revokeMember(dbA, actorA, { userId: b, reassignTo: null }),
        revokeMember(dbB, actorB, { userId: a, reassignTo: null }),
      ]);
      expect(await ownerCount(t.db, ws.workspaceId), `round ${i}`).toBe(1);
      expect(ok, `round ${i}: exactly one revocation wins`).toBe(1);
    }
  });

  it(`one Owner demotes, the other revokes, at the same moment: one Owner remains (${ROUNDS}×)`, async () => {
    const [dbA, dbB] = dbs();
    for (let i = 0; i < ROUNDS; i++) {
      const { ws, a, b } = await twoOwners();
      const actorA = await actorFor(dbA, ws.workspaceId, a);
      const actorB = await actorFor(dbB, ws.workspaceId, b);
      await race([
        updateMemberAccess(dbA, actorA, { userId: b, role: "agent", restrictions: [] }),
        revokeMember(dbB, actorB, { userId: a, reassignTo: null }),
      ]);
      expect(await ownerCount(t.db, ws.workspaceId), `round ${i}`).toBe(1);
    }
  });

  it(`two accepts of one invitation: exactly one membership and one success (${ROUNDS}×)`, async () => {
    const [dbA, dbB] = dbs();
    for (let i = 0; i < ROUNDS; i++) {
      const ws = await createWorkspace();
      const email = uniqueEmail("race");
      const { token } = await insertInvitation(t.db, { workspaceId: ws.workspaceId, email, invitedBy: ws.ownerId });
      const input = { token, name: "Racer", sessionEmail: null, ip: "192.0.2.1" };
      const { ok, failures } = await race([acceptInvitation(dbA, input), acceptInvitation(dbB, input)]);
      expect(ok, `round ${i}: exactly one accept succeeds`).toBe(1);
      expect(failures.map((f) => f.code)).toEqual(["conflict"]);
      const members = await t.db
        .selectFrom("workspace_members as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select("m.user_id")
        .where("m.workspace_id", "=", ws.workspaceId)
        .where("u.email", "=", email)
        .execute();
      expect(members, `round ${i}: one membership`).toHaveLength(1);
      expect(await t.db.selectFrom("users").select("id").where("email", "=", email).execute()).toHaveLength(1);
      const accepted = await t.db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "invitation.accepted")
        .where("workspace_id", "=", ws.workspaceId)
        .execute();
      expect(accepted).toHaveLength(1);
    }
  });
});
