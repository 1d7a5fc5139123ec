// Who may call what on Settings → Users (docs/PRODUCT.md, Users page, §2), as one table: every actor × every
// action and route. A denial must leave the database exactly as it was; an allowed call
// must really have done its job.
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import {
  cancelInvitationAction,
  getRevokeInfo,
  inviteUser,
  resendInvitationAction,
  revokeMemberAction,
  updateInvitationAction,
  updateMemberAccessAction,
} from "@/app/w/[workspaceId]/settings/users/actions";
import { GET as exportGET } from "@/app/w/[workspaceId]/settings/users/export/route";
import { POST as heartbeatPOST } from "@/app/api/presence/heartbeat/route";
import { GET as streamGET } from "@/app/api/presence/stream/route";
import type { ActionResult } from "@/lib/actions/result";
import { revokeMember } from "@/lib/services/member-changes";
import { setupTestDb } from "@/tests/helpers/db";
import {
  addMember,
  asUser,
  createUser,
  createWorkspace,
  uniqueEmail,
  type TestWorkspace,
} from "@/tests/helpers/request";
import { actorFor, insertContacts, insertInvitation, insertTeam, membership, readUntil, snapshot } from "./support";

const t = setupTestDb();

// ── The actors ──────────────────────────────────────────────────────────────────────
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
  "revoked member",
  "anonymous",
] as const;
type ActorKey = (typeof ACTORS)[number];

// ── The expected outcome of each ────────────────────────────────────────────────────
// "allow", or the refusal: 401 unauthenticated, 403 forbidden, 404 not found (actions
// answer the same refusals as codes: unauthenticated / forbidden / notFound).
type Outcome = "allow" | 401 | 403 | 404;
const A = "allow" as const;

// Column groups: the seven users actions (all need users.manage; the target here is an
// Agent, so Managers may act), the CSV export (settings.view + data.export), and the
// presence routes (any member: every app page sends heartbeats and opens the stream).
//                                    users actions   export   heartbeat & stream
const EXPECTED: Record<ActorKey, [Outcome, Outcome, Outcome]> = {
  owner: /*                        */ [A, A, A],
  manager: /*                      */ [A, A, A],
  "manager:no_settings": /*        */ [403, 403, A],
  "manager:no_contact_delete": /*  */ [A, A, A],
  "manager:no_export": /*          */ [A, 403, A],
  "manager:no_integrations": /*    */ [A, A, A],
  agent: /*                        */ [403, 403, A],
  "agent:see_team": /*             */ [403, 403, A],
  "agent:see_self": /*             */ [403, 403, A],
  "agent:no_snippets": /*          */ [403, 403, A],
  "agent:contacts": /*             */ [403, 403, A],
  "member of another workspace": /**/ [404, 404, 404],
  "revoked member": /*             */ [404, 404, 404],
  anonymous: /*                    */ [401, 401, 401],
};

// ── The scene each cell runs in ─────────────────────────────────────────────────────
interface Scene {
  ws: TestWorkspace;
  /** The Agent the member actions target (1 contact assigned, in one team). */
  targetId: string;
  /** A pending invitation of an Agent. */
  invitation: { id: string; token: string };
  /** The signed-in user, or null. */
  actorId: string | null;
}

async function buildScene(db: Db, actor: ActorKey): Promise<Scene> {
  const ws = await createWorkspace({ name: "Matrix" });
  const target = await createUser({ name: "Target Agent" });
  await addMember(ws, target, "agent");
  await insertContacts(db, ws.workspaceId, target.id, 1);
  await insertTeam(db, ws.workspaceId, "Support", [target.id]);
  const invitation = await insertInvitation(db, {
    workspaceId: ws.workspaceId,
    email: uniqueEmail("pending"),
    role: "agent",
    invitedBy: ws.ownerId,
  });

  let actorId: string | null;
  if (actor === "owner") actorId = ws.ownerId;
  else if (actor === "anonymous") actorId = null;
  else if (actor === "member of another workspace") actorId = (await createWorkspace({ name: "Elsewhere" })).ownerId;
  else if (actor === "revoked member") {
    const user = await createUser();
    await addMember(ws, user, "manager");
    await revokeMember(db, await actorFor(db, ws.workspaceId, ws.ownerId), { userId: user.id, reassignTo: null });
    actorId = user.id;
  } else {
    const [role, restriction] = actor.split(":") as ["manager" | "agent", string | undefined];
    const user = await createUser();
    await addMember(ws, user, role, restriction ? [restriction] : []);
    actorId = user.id;
  }
  return { ws, targetId: target.id, invitation, actorId };
}

// ── The actions and routes, each with what "it worked" means ───────────────────────
type Call = (s: Scene) => Promise<{ outcome: Outcome; verify: () => Promise<void> }>;

const CODE_STATUS: Record<string, Outcome> = { unauthenticated: 401, forbidden: 403, notFound: 404 };
function fromAction<T>(result: ActionResult<T>, verify: (data: T) => Promise<void>) {
  if (result.ok) return { outcome: A, verify: () => verify(result.data) };
  const outcome = CODE_STATUS[result.code];
  if (!outcome) throw new Error(`unexpected refusal ${result.code}: ${result.message}`);
  return { outcome, verify: async () => undefined };
}
function fromResponse(res: Response, okStatus: number, verify: () => Promise<void>) {
  if (res.status === okStatus) return { outcome: A, verify };
  if (res.status === 401 || res.status === 403 || res.status === 404)
    return { outcome: res.status as Outcome, verify: async () => undefined };
  throw new Error(`unexpected status ${res.status}`);
}
const invitationRow = (id: string) =>
  t.db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

const USERS_ACTIONS: Record<string, Call> = {
  inviteUser: async (s) => {
    const email = uniqueEmail("invitee");
    return fromAction(
      await inviteUser(s.ws.workspaceId, { email, role: "agent", restrictions: ["see_self"] }),
      async () => {
        const row = await t.db
          .selectFrom("invitations")
          .selectAll()
          .where("email", "=", email)
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({
          workspace_id: s.ws.workspaceId,
          role: "agent",
          restrictions: ["see_self"],
          invited_by: s.actorId,
        });
        expect(await t.db.selectFrom("mail_queue").select("id").where("to_address", "=", email).execute()).toHaveLength(
          1,
        );
      },
    );
  },
  resendInvitationAction: async (s) => {
    const before = await invitationRow(s.invitation.id);
    return fromAction(await resendInvitationAction(s.ws.workspaceId, { invitationId: s.invitation.id }), async () => {
      expect((await invitationRow(s.invitation.id)).token_hash).not.toBe(before.token_hash);
    });
  },
  cancelInvitationAction: async (s) =>
    fromAction(await cancelInvitationAction(s.ws.workspaceId, { invitationId: s.invitation.id }), async () => {
      expect((await invitationRow(s.invitation.id)).cancelled_at).not.toBeNull();
    }),
  updateInvitationAction: async (s) =>
    fromAction(
      await updateInvitationAction(s.ws.workspaceId, {
        invitationId: s.invitation.id,
        role: "agent",
        restrictions: ["see_team"],
      }),
      async () => {
        expect((await invitationRow(s.invitation.id)).restrictions).toEqual(["see_team"]);
      },
    ),
  updateMemberAccessAction: async (s) =>
    fromAction(
      await updateMemberAccessAction(s.ws.workspaceId, {
        userId: s.targetId,
        role: "agent",
        restrictions: ["no_snippets"],
      }),
      async () => {
        expect(await membership(t.db, s.ws.workspaceId, s.targetId)).toMatchObject({
          role: "agent",
          restrictions: ["no_snippets"],
          version: 2,
        });
      },
    ),
  revokeMemberAction: async (s) =>
    fromAction(await revokeMemberAction(s.ws.workspaceId, { userId: s.targetId }), async () => {
      expect(await membership(t.db, s.ws.workspaceId, s.targetId)).toBeUndefined();
    }),
  getRevokeInfo: async (s) =>
    fromAction(await getRevokeInfo(s.ws.workspaceId, { userId: s.targetId }), async (data) => {
      expect(data.contacts).toBe(1);
      expect(data.candidates.map((c) => c.userId)).not.toContain(s.targetId);
      expect(data.candidates.map((c) => c.userId)).toContain(s.ws.ownerId);
    }),
};

const EXPORT: Record<string, Call> = {
  "GET …/settings/users/export": async (s) => {
    const res = await exportGET(new Request(`http://localhost/w/${s.ws.workspaceId}/settings/users/export`), {
      params: Promise.resolve({ workspaceId: s.ws.workspaceId }),
    });
    if (res.status !== 200) await res.body?.cancel();
    return fromResponse(res, 200, async () => {
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      const text = await res.text();
      const targetEmail = (
        await t.db.selectFrom("users").select("email").where("id", "=", s.targetId).executeTakeFirstOrThrow()
      ).email;
      expect(text).toContain(targetEmail);
    });
  },
};

const PRESENCE: Record<string, Call> = {
  "POST /api/presence/heartbeat": async (s) => {
    const res = await heartbeatPOST(
      new Request("http://localhost/api/presence/heartbeat", {
        method: "POST",
        body: JSON.stringify({ workspaceId: s.ws.workspaceId }),
      }),
    );
    await res.body?.cancel();
    return fromResponse(res, 204, async () => {
      const row = await t.db
        .selectFrom("presence")
        .select(["online"])
        .where("user_id", "=", s.actorId!)
        .executeTakeFirst();
      expect(row?.online).toBe(true);
    });
  },
  "GET /api/presence/stream": async (s) => {
    const res = await streamGET(new Request(`http://localhost/api/presence/stream?workspaceId=${s.ws.workspaceId}`));
    if (res.status !== 200) {
      await res.body?.cancel();
      return fromResponse(res, 200, async () => undefined);
    }
    // Read the first snapshot before cancelling, so the stream's start() has finished.
    const text = await readUntil(res, "event: snapshot");
    return fromResponse(res, 200, async () => {
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(text).toContain("event: snapshot");
      expect(text).toContain(s.actorId!);
    });
  },
};

const COLUMNS: [Record<string, Call>, 0 | 1 | 2][] = [
  [USERS_ACTIONS, 0],
  [EXPORT, 1],
  [PRESENCE, 2],
];
const CALLS = COLUMNS.flatMap(([calls, column]) =>
  Object.entries(calls).map(([name, call]) => ({ name, call, column })),
);

describe("Settings → Users: actor × action matrix", () => {
  it("covers ten actions and routes", () => {
    expect(CALLS).toHaveLength(10);
  });

  // One test per actor; each cell runs in its own fresh workspace (no database reset in
  // between — a TRUNCATE per cell would make this file slow on PostgreSQL), and every cell
  // is checked with expect.soft so one red cell does not hide the others.
  it.each(ACTORS)("%s", async (actor) => {
    for (const { name, call, column } of CALLS) {
      const expected = EXPECTED[actor][column];
      const cell = `${actor} → ${name}`;
      const scene = await buildScene(t.db, actor);
      await asUser(scene.actorId);
      const before = await snapshot(t.db);
      const { outcome, verify } = await call(scene);
      expect.soft(outcome, cell).toBe(expected);
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
