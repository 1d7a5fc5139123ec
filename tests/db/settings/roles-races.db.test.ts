// Custom roles under races, 50 rounds each (tests/helpers/race.ts: the first call is held inside its transaction
// after its locks; on PostgreSQL the second is seen waiting for it, on PGlite they queue):
// - a role edited while its holder acts: once the edit has committed, the holder's next authorize() sees the new
//   set, never the old (the role and the version move in one transaction);
// - a role deleted (moving its holders) while an invitation with it is accepted: one consistent outcome, either
//   order — the member exists with the role moved to, the invitation is accepted, nothing points at the old role.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDb, type Db, type DbHandle } from "@/db/connect";
import { authorize } from "@/lib/access/guard";
import { acceptInvitation } from "@/lib/services/accept-invitation";
import { setAvailability } from "@/lib/services/availability";
import { deleteRole, updateRole } from "@/lib/services/roles";
import { setupTestDb } from "@/tests/helpers/db";
import { heldRace } from "@/tests/helpers/race";
import { asUser, createWorkspace, uniqueEmail } from "@/tests/helpers/request";
import { actorFor, insertInvitation } from "../users/support";
import { addRoleMember, insertRole } from "./roles-scene";

vi.mock("@/lib/services/webhooks", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  kickWebhooks: vi.fn(),
}));

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

describe(`custom role races (${process.env.TEST_DATABASE_URL ? "PostgreSQL, the second waits" : "PGlite, queued"})`, () => {
  it(`a role edited while its holder acts: after the commit, the holder's next request has the new set (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const ws = await createWorkspace();
      const roleId = await insertRole(t.db, ws.workspaceId, {
        name: "Supervisor",
        base: "manager",
        permissions: ["reports.view", "inbox.view"],
      });
      const holder = await addRoleMember(t.db, ws, roleId);
      const [dbA, dbB] = dbs();
      const owner = await actorFor(dbA, ws.workspaceId, ws.ownerId);
      const member = await actorFor(dbB, ws.workspaceId, holder);
      const results = await heldRace(
        t,
        "role.update",
        () => updateRole(dbA, owner, { roleId, name: "Supervisor", permissions: ["inbox.view"], visibility: "all" }),
        // The holder's own write (their availability) waits on their row, which the edit holds.
        () => setAvailability(dbB, member, "away"),
      );
      expect(results.map(outcome), `round ${round}`).toEqual(["ok", "ok"]);
      await asUser(holder);
      expect(await authorize(ws.workspaceId, ["reports.view"]), `round ${round}`).toMatchObject({
        ok: false,
        status: 403,
      });
      expect((await authorize(ws.workspaceId, ["inbox.view"])).ok, `round ${round}`).toBe(true);
      const row = await t.db
        .selectFrom("workspace_members")
        .select(["version", "availability"])
        .where("workspace_id", "=", ws.workspaceId)
        .where("user_id", "=", holder)
        .executeTakeFirstOrThrow();
      expect(row, `round ${round}`).toEqual({ version: member.member.version + 1, availability: "away" });
    }
  });

  it(`a role deleted (with a move) while its invitation is accepted: one consistent outcome (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const ws = await createWorkspace();
      const roleId = await insertRole(t.db, ws.workspaceId, {
        name: "Night",
        base: "agent",
        permissions: ["inbox.view"],
      });
      const moveTo = await insertRole(t.db, ws.workspaceId, {
        name: "Day",
        base: "agent",
        permissions: ["inbox.view"],
      });
      const email = uniqueEmail("race");
      const inv = await insertInvitation(t.db, {
        workspaceId: ws.workspaceId,
        email,
        invitedBy: ws.ownerId,
        restrictions: ["see_self"],
      });
      await t.db.updateTable("invitations").set({ role_id: roleId }).where("id", "=", inv.id).execute();
      const [dbA, dbB] = dbs();
      const owner = await actorFor(dbB, ws.workspaceId, ws.ownerId);
      const accept = (db: Db) => () =>
        acceptInvitation(db, { token: inv.token, name: "Racer", sessionEmail: null, ip: "192.0.2.1" });
      const remove = (db: Db) => () => deleteRole(db, owner, { roleId, moveTo: { role: "agent", roleId: moveTo } });
      const acceptFirst = round % 2 === 0;
      const results = acceptFirst
        ? await heldRace(t, "invitation.accept", accept(dbA), remove(dbB))
        : await heldRace(t, "role.delete", remove(dbB), accept(dbA));
      expect(results.map(outcome), `round ${round}`).toEqual(["ok", "ok"]);
      const members = await t.db
        .selectFrom("workspace_members as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(["m.role", "m.role_id", "m.restrictions"])
        .where("m.workspace_id", "=", ws.workspaceId)
        .where("u.email", "=", email)
        .execute();
      expect(members, `round ${round}`).toEqual([{ role: "agent", role_id: moveTo, restrictions: ["see_self"] }]);
      const invitation = await t.db
        .selectFrom("invitations")
        .select(["role_id", "accepted_at"])
        .where("id", "=", inv.id)
        .executeTakeFirstOrThrow();
      expect(invitation.accepted_at, `round ${round}`).not.toBeNull();
      expect(invitation.role_id, `round ${round}: the accepted invitation no longer names the deleted role`).not.toBe(
        roleId,
      );
      expect(
        await t.db.selectFrom("workspace_roles").select("id").where("id", "=", roleId).executeTakeFirst(),
      ).toBeUndefined();
    }
  });
});
