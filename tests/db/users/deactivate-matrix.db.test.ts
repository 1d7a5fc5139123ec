// Who may deactivate and reactivate (docs/PRODUCT.md, Users page, Deactivate): every actor × the three new
// actions. A denial leaves the database exactly as it was; an allowed call really did its job.
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import {
  deactivateMemberAction,
  getReactivateInfo,
  reactivateMemberAction,
} from "@/app/w/[workspaceId]/settings/users/actions";
import { deactivateMember } from "@/lib/services/deactivation";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace, type TestWorkspace } from "@/tests/helpers/request";
import {
  actorFor,
  fromAction,
  insertContacts,
  insertTeam,
  matrixActor,
  MATRIX_ACTORS,
  membership,
  snapshot,
  USERS_MANAGE_EXPECTED,
  type MatrixActor,
  type Outcome,
} from "./support";

const t = setupTestDb();

const ACTORS = MATRIX_ACTORS;
type ActorKey = MatrixActor;
// All three need users.manage; the targets are Agents, so Managers may act.
const EXPECTED = USERS_MANAGE_EXPECTED;

interface Scene {
  ws: TestWorkspace;
  /** An active Agent with 2 contacts, in one team. */
  targetId: string;
  /** A deactivated Agent whose 2 contacts went to the Owner, in one team. */
  formerId: string;
  teamId: string;
  actorId: string | null;
}

async function buildScene(db: Db, actor: ActorKey): Promise<Scene> {
  const ws = await createWorkspace({ name: "Matrix" });
  const owner = await actorFor(db, ws.workspaceId, ws.ownerId);
  const target = await createUser({ name: "Target Agent" });
  const former = await createUser({ name: "Former Agent" });
  await addMember(ws, target, "agent");
  await addMember(ws, former, "agent", ["see_team"]);
  await insertContacts(db, ws.workspaceId, target.id, 2);
  await insertContacts(db, ws.workspaceId, former.id, 2);
  const teamId = await insertTeam(db, ws.workspaceId, "Support", [target.id, former.id]);
  await deactivateMember(db, owner, { userId: former.id, reassignTo: ws.ownerId });

  const { actorId } = await matrixActor(db, ws, actor);
  return { ws, targetId: target.id, formerId: former.id, teamId, actorId };
}

type Call = (s: Scene) => Promise<{ outcome: Outcome; verify: () => Promise<void> }>;
const assignees = (ws: string, ids: string[]) =>
  t.db
    .selectFrom("contacts")
    .select("assignee_id")
    .where("workspace_id", "=", ws)
    .where("assignee_id", "in", ids)
    .execute();
const teamOf = (ws: string, userId: string) =>
  t.db
    .selectFrom("team_members")
    .select("team_id")
    .where("workspace_id", "=", ws)
    .where("user_id", "=", userId)
    .execute();

const CALLS: Record<string, Call> = {
  deactivateMemberAction: async (s) =>
    fromAction(
      await deactivateMemberAction(s.ws.workspaceId, { userId: s.targetId, reassignTo: s.ws.ownerId }),
      async (data) => {
        expect(data).toMatchObject({ contactsMoved: 2, reassignedTo: s.ws.ownerId, teams: 1 });
        expect(await membership(t.db, s.ws.workspaceId, s.targetId)).toBeUndefined();
        const row = await t.db
          .selectFrom("deactivated_members")
          .selectAll()
          .where("workspace_id", "=", s.ws.workspaceId)
          .where("user_id", "=", s.targetId)
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({ role: "agent", team_ids: [s.teamId], deactivated_by: s.actorId });
        expect(await assignees(s.ws.workspaceId, [s.targetId])).toHaveLength(0);
      },
    ),
  reactivateMemberAction: async (s) =>
    fromAction(await reactivateMemberAction(s.ws.workspaceId, { userId: s.formerId, giveBack: true }), async () => {
      expect(await membership(t.db, s.ws.workspaceId, s.formerId)).toMatchObject({
        role: "agent",
        restrictions: ["see_team"],
      });
      expect(await teamOf(s.ws.workspaceId, s.formerId)).toEqual([{ team_id: s.teamId }]);
      expect(await assignees(s.ws.workspaceId, [s.formerId])).toHaveLength(2);
    }),
  getReactivateInfo: async (s) =>
    fromAction(await getReactivateInfo(s.ws.workspaceId, { userId: s.formerId }), async (data) => {
      expect(data).toEqual({ returnable: 2 });
    }),
};

describe("deactivate / reactivate: actor × action matrix", () => {
  it.each(ACTORS)("%s", async (actor) => {
    for (const [name, call] of Object.entries(CALLS)) {
      const cell = `${actor} → ${name}`;
      const scene = await buildScene(t.db, actor);
      await asUser(scene.actorId);
      const before = await snapshot(t.db);
      const { outcome, verify } = await call(scene);
      expect.soft(outcome, cell).toBe(EXPECTED[actor]);
      if (outcome === "allow") {
        const failure = await verify().then(
          () => undefined,
          (e: Error) => e.message,
        );
        expect.soft(failure, `${cell}: the allowed call did its job`).toBeUndefined();
      } else expect.soft(await snapshot(t.db), `${cell}: a refused call must not write anything`).toEqual(before);
    }
  });
});
