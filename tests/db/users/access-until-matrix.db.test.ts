// Who may set an end of access (docs/PRODUCT.md, Users page, Access until a date): every actor × the actions that
// carry it (Add, Edit access, change a pending invitation) and the hand-over picker. A denial leaves the database
// exactly as it was; an allowed call really stored the date.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import {
  getHandoverTargets,
  inviteUser,
  updateInvitationAction,
  updateMemberAccessAction,
} from "@/app/w/[workspaceId]/settings/users/actions";
import { setupTestDb } from "@/tests/helpers/db";
import {
  ACTORS,
  MANAGE_AGENTS,
  fromAction,
  matrixActorId,
  matrixRow,
  type ActorKey,
  type Call as MatrixCall,
} from "./matrix";
import {
  addMember,
  asUser,
  createUser,
  createWorkspace,
  uniqueEmail,
  type TestWorkspace,
} from "@/tests/helpers/request";
import { insertInvitation, snapshot } from "./support";

const t = setupTestDb();

interface Scene {
  ws: TestWorkspace;
  /** An active Agent. */
  targetId: string;
  /** A pending invitation of an Agent. */
  invitationId: string;
  /** An end of access a week ahead by the database's clock. */
  at: string;
  actorId: string | null;
}

async function buildScene(db: Db, actor: ActorKey): Promise<Scene> {
  const ws = await createWorkspace({ name: "Matrix" });
  const target = await createUser({ name: "Target Agent" });
  await addMember(ws, target, "agent");
  const inv = await insertInvitation(db, {
    workspaceId: ws.workspaceId,
    email: uniqueEmail("inv"),
    invitedBy: ws.ownerId,
  });
  const at = (await sql<{ at: Date }>`SELECT now() + interval '7 days' AS at`.execute(db)).rows[0]!.at.toISOString();

  const actorId = await matrixActorId(db, ws, actor);
  return { ws, targetId: target.id, invitationId: inv.id, at, actorId };
}

type Call = MatrixCall<Scene>;
const memberUntil = (s: Scene) =>
  t.db
    .selectFrom("workspace_members")
    .select(["access_until", "access_until_reassign_to"])
    .where("workspace_id", "=", s.ws.workspaceId)
    .where("user_id", "=", s.targetId)
    .executeTakeFirstOrThrow();
const invitationUntil = (s: Scene, where: { id: string } | { email: string }) =>
  t.db
    .selectFrom("invitations")
    .select(["access_until", "access_until_reassign_to"])
    .where("workspace_id", "=", s.ws.workspaceId)
    .where("id" in where ? "id" : "email", "=", "id" in where ? where.id : where.email)
    .executeTakeFirstOrThrow();

const CALLS: Record<string, Call> = {
  "updateMemberAccessAction (with an end date)": async (s) =>
    fromAction(
      await updateMemberAccessAction(s.ws.workspaceId, {
        userId: s.targetId,
        role: "agent",
        restrictions: [],
        accessUntil: { at: s.at, reassignTo: s.ws.ownerId },
      }),
      async () => {
        expect(await memberUntil(s)).toEqual({ access_until: new Date(s.at), access_until_reassign_to: s.ws.ownerId });
      },
    ),
  "inviteUser (with an end date)": async (s) => {
    const email = uniqueEmail("temp");
    return fromAction(
      await inviteUser(s.ws.workspaceId, {
        email,
        role: "agent",
        restrictions: [],
        accessUntil: { at: s.at, reassignTo: null },
      }),
      async () => {
        expect(await invitationUntil(s, { email })).toEqual({
          access_until: new Date(s.at),
          access_until_reassign_to: null,
        });
      },
    );
  },
  "updateInvitationAction (with an end date)": async (s) =>
    fromAction(
      await updateInvitationAction(s.ws.workspaceId, {
        invitationId: s.invitationId,
        role: "agent",
        restrictions: [],
        accessUntil: { at: s.at, reassignTo: s.targetId },
      }),
      async () => {
        expect(await invitationUntil(s, { id: s.invitationId })).toEqual({
          access_until: new Date(s.at),
          access_until_reassign_to: s.targetId,
        });
      },
    ),
  getHandoverTargets: async (s) =>
    fromAction(await getHandoverTargets(s.ws.workspaceId, { q: "Target", exceptUserId: null }), async (data) => {
      expect(data.candidates.map((c) => c.userId)).toEqual([s.targetId]);
    }),
};

describe("access until: actor × action matrix", () => {
  it.each(ACTORS)("%s", (actor) => matrixRow(t.db, actor, MANAGE_AGENTS, buildScene, CALLS));
});

describe("access until: the edit rules", () => {
  it("nobody sets their own end; a Manager cannot set one on a Manager or an Owner; an Owner can on an Owner", async () => {
    const ws = await createWorkspace();
    const owner2 = await createUser();
    const manager = await createUser();
    const manager2 = await createUser();
    await addMember(ws, owner2, "owner");
    await addMember(ws, manager, "manager");
    await addMember(ws, manager2, "manager");
    const at = (
      await sql<{ at: Date }>`SELECT now() + interval '7 days' AS at`.execute(t.db)
    ).rows[0]!.at.toISOString();
    const set = (userId: string, role: "owner" | "manager") =>
      updateMemberAccessAction(ws.workspaceId, {
        userId,
        role,
        restrictions: [],
        accessUntil: { at, reassignTo: null },
      });
    await asUser(manager.id);
    const before = await snapshot(t.db, { ignoreActivity: true });
    expect(await set(manager.id, "manager")).toMatchObject({ ok: false, code: "forbidden" });
    expect(await set(manager2.id, "manager")).toMatchObject({ ok: false, code: "forbidden" });
    expect(await set(ws.ownerId, "owner")).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
    await asUser(ws.ownerId);
    expect(await set(ws.ownerId, "owner")).toMatchObject({ ok: false, code: "forbidden" });
    expect(await set(owner2.id, "owner")).toMatchObject({ ok: true });
    expect(await set(manager.id, "manager")).toMatchObject({ ok: true });
  });
});
