// Who may deactivate (with each hand-over), preview a distribution and reactivate (docs/PRODUCT.md,
// Users page, Deactivate): every actor × each action. A denial leaves the database exactly as it was;
// an allowed call really did its job.
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import {
  deactivateMemberAction,
  getReactivateInfo,
  previewHandoverAction,
  reactivateMemberAction,
} from "@/app/w/[workspaceId]/settings/users/actions";
import type { ActionResult } from "@/lib/actions/result";
import { deactivateMember } from "@/lib/services/deactivation";
import { revokeMember } from "@/lib/services/member-changes";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace, type TestWorkspace } from "@/tests/helpers/request";
import { actorFor, insertContacts, insertTeam, membership, snapshot } from "./support";

const t = setupTestDb();

const ACTORS = [
  "owner",
  "manager",
  "manager:no_settings",
  "manager:no_contact_delete",
  "manager:no_export",
  "manager:no_integrations",
  "agent",
  "agent:see_team",
  "agent:see_self",
  "agent:no_snippets",
  "agent:contacts",
  "member of another workspace",
  "deactivated member",
  "revoked member",
  "anonymous",
] as const;
type ActorKey = (typeof ACTORS)[number];
type Outcome = "allow" | 401 | 403 | 404;
const A = "allow" as const;

// All of them need users.manage; the targets are Agents, so Managers may act.
const EXPECTED: Record<ActorKey, Outcome> = {
  owner: A,
  manager: A,
  "manager:no_settings": 403,
  "manager:no_contact_delete": A,
  "manager:no_export": A,
  "manager:no_integrations": A,
  agent: 403,
  "agent:see_team": 403,
  "agent:see_self": 403,
  "agent:no_snippets": 403,
  "agent:contacts": 403,
  "member of another workspace": 404,
  "deactivated member": 404,
  "revoked member": 404,
  anonymous: 401,
};

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

  let actorId: string | null;
  if (actor === "owner") actorId = ws.ownerId;
  else if (actor === "anonymous") actorId = null;
  else if (actor === "member of another workspace") actorId = (await createWorkspace({ name: "Elsewhere" })).ownerId;
  else if (actor === "revoked member" || actor === "deactivated member") {
    const user = await createUser();
    await addMember(ws, user, "manager");
    if (actor === "revoked member") await revokeMember(db, owner, { userId: user.id, reassignTo: null });
    else await deactivateMember(db, owner, { userId: user.id, reassignTo: null });
    actorId = user.id;
  } else {
    const [role, restriction] = actor.split(":") as ["manager" | "agent", string | undefined];
    const user = await createUser();
    await addMember(ws, user, role, restriction ? [restriction] : []);
    actorId = user.id;
  }
  return { ws, targetId: target.id, formerId: former.id, teamId, actorId };
}

type Call = (s: Scene) => Promise<{ outcome: Outcome; verify: () => Promise<void> }>;
const CODE_STATUS: Record<string, Outcome> = { unauthenticated: 401, forbidden: 403, notFound: 404 };
function fromAction<T>(result: ActionResult<T>, verify: (data: T) => Promise<void>) {
  if (result.ok) return { outcome: A, verify: () => verify(result.data) };
  const outcome = CODE_STATUS[result.code];
  if (!outcome) throw new Error(`unexpected refusal ${result.code}: ${result.message}`);
  return { outcome, verify: async () => undefined };
}
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
  "deactivateMemberAction (distribute)": async (s) =>
    fromAction(
      await deactivateMemberAction(s.ws.workspaceId, {
        userId: s.targetId,
        reassignTo: null,
        distribute: { teamId: null, memberIds: [s.ws.ownerId], availableOnly: false },
      }),
      async (data) => {
        expect(data).toMatchObject({ contactsMoved: 2, distribution: [{ userId: s.ws.ownerId, receives: 2 }] });
        expect(await membership(t.db, s.ws.workspaceId, s.targetId)).toBeUndefined();
        expect(await assignees(s.ws.workspaceId, [s.targetId])).toHaveLength(0);
      },
    ),
  previewHandoverAction: async (s) =>
    fromAction(
      await previewHandoverAction(s.ws.workspaceId, {
        userId: s.targetId,
        distribute: { teamId: null, memberIds: [s.ws.ownerId], availableOnly: false },
      }),
      async (data) => {
        // The Owner holds the 2 handed over at the former Agent's deactivation.
        expect(data).toMatchObject([{ userId: s.ws.ownerId, held: 2, receives: 2 }]);
      },
    ),
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
