// Bulk invite and copy invitation link (docs/PRODUCT.md, Users page "Bulk invite", "Pending invitation
// actions"): every actor × the three actions (a denial writes nothing), each row status, one transaction
// for the send with its audit rows, webhook events and queued emails, the budget counted per invitation,
// and the fresh link that kills the old one.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/connect";
import {
  copyInvitationLinkAction,
  inviteUser,
  previewBulkInviteAction,
  sendBulkInviteAction,
} from "@/app/w/[workspaceId]/settings/users/actions";
import { acceptInvitationAction } from "@/app/invite/[token]/actions";
import { getInvitationLanding } from "@/lib/services/accept-invitation";
import { deactivateMember } from "@/lib/services/deactivation";
import { INVITE_LIMITS } from "@/lib/services/invitations";
import { setupTestDb } from "@/tests/helpers/db";
import {
  addMember,
  asUser,
  createUser,
  createWorkspace,
  uniqueEmail,
  type TestWorkspace,
} from "@/tests/helpers/request";
import {
  ACTORS,
  MANAGE_AGENTS,
  fromAction,
  matrixActorId,
  matrixRow,
  type ActorKey,
  type Call as MatrixCall,
} from "./matrix";
import { actorFor, en, insertInvitation, inviteToken, snapshot } from "./support";

const t = setupTestDb();

// All three need users.manage; the rows are Agents and the invitation is the actor's own, so Managers may act.
const NOT_HERE: ActorKey[] = ["anonymous", "member of another workspace", "deactivated member", "revoked member"];

interface Scene {
  ws: TestWorkspace;
  actorId: string | null;
  /** A pending Agent invitation sent by the actor when they are a member here (else by the Owner). */
  invitation: { id: string; token: string; email: string };
}

async function buildScene(db: Db, actor: ActorKey): Promise<Scene> {
  const ws = await createWorkspace({ name: "Bulk" });
  const actorId = await matrixActorId(db, ws, actor);
  const activeHere = !NOT_HERE.includes(actor);
  const email = uniqueEmail("pending");
  const inv = await insertInvitation(db, {
    workspaceId: ws.workspaceId,
    email,
    invitedBy: activeHere ? actorId : ws.ownerId,
  });
  return { ws, actorId, invitation: { ...inv, email } };
}

type Call = MatrixCall<Scene>;
const invitationsTo = (emails: string[]) =>
  t.db.selectFrom("invitations").selectAll().where("email", "in", emails).execute();
const mailsTo = (emails: string[]) =>
  t.db.selectFrom("mail_queue").selectAll().where("to_address", "in", emails).execute();

const CALLS: Record<string, Call> = {
  previewBulkInviteAction: async (s) => {
    const rows = [
      { email: uniqueEmail("new"), role: "agent", restrictions: [] },
      { email: s.invitation.email, role: "agent", restrictions: [] },
    ];
    const before = await snapshot(t.db, { ignoreActivity: true });
    return fromAction(await previewBulkInviteAction(s.ws.workspaceId, { rows }), async (data) => {
      expect(data.rows.map((r) => r.status)).toEqual(["ready", "invited"]);
      expect(await snapshot(t.db, { ignoreActivity: true }), "the preview writes nothing").toEqual(before);
    });
  },
  sendBulkInviteAction: async (s) => {
    const emails = [uniqueEmail("bulk"), uniqueEmail("bulk")];
    const rows = emails.map((email) => ({ email, role: "agent", restrictions: ["see_self"] }));
    return fromAction(await sendBulkInviteAction(s.ws.workspaceId, { rows }), async (data) => {
      expect(data.rows.map((r) => r.status)).toEqual(["sent", "sent"]);
      const created = await invitationsTo(emails);
      expect(created).toHaveLength(2);
      for (const inv of created)
        expect(inv).toMatchObject({
          workspace_id: s.ws.workspaceId,
          invited_by: s.actorId,
          restrictions: ["see_self"],
        });
      expect(await mailsTo(emails)).toHaveLength(2);
    });
  },
  copyInvitationLinkAction: async (s) => {
    const before = await t.db
      .selectFrom("invitations")
      .select("token_hash")
      .where("id", "=", s.invitation.id)
      .executeTakeFirstOrThrow();
    return fromAction(
      await copyInvitationLinkAction(s.ws.workspaceId, { invitationId: s.invitation.id }),
      async (data) => {
        expect(data.url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
        const after = await t.db
          .selectFrom("invitations")
          .select("token_hash")
          .where("id", "=", s.invitation.id)
          .executeTakeFirstOrThrow();
        expect(after.token_hash).not.toBe(before.token_hash);
        expect((await getInvitationLanding(t.db, s.invitation.token)).status).toBe("invalid");
      },
    );
  },
};

describe("bulk invite / copy link: actor × action matrix", () => {
  it.each(ACTORS)("%s", (actor) => matrixRow(t.db, actor, MANAGE_AGENTS, buildScene, CALLS));
});

/** A workspace with an Owner, a Manager, an active Agent and a deactivated Agent. */
async function team() {
  const ws = await createWorkspace({ name: "Acme" });
  const manager = await createUser({ name: "Mona Manager" });
  const agent = await createUser({ email: uniqueEmail("agent"), name: "Adam Agent" });
  const former = await createUser({ email: uniqueEmail("former"), name: "Fay Former" });
  await addMember(ws, manager, "manager");
  await addMember(ws, agent, "agent");
  await addMember(ws, former, "agent");
  await deactivateMember(t.db, await actorFor(t.db, ws.workspaceId, ws.ownerId), {
    userId: former.id,
    reassignTo: null,
  });
  const email = async (id: string) =>
    (await t.db.selectFrom("users").select("email").where("id", "=", id).executeTakeFirstOrThrow()).email;
  return {
    w: ws.workspaceId,
    owner: ws.ownerId,
    manager: manager.id,
    agentEmail: await email(agent.id),
    formerEmail: await email(former.id),
  };
}

describe("bulk invite: the status of each row", () => {
  it("ready, invalid address, already a member, deactivated, already invited, duplicate, level not allowed", async () => {
    const s = await team();
    const pending = uniqueEmail("pending");
    await insertInvitation(t.db, { workspaceId: s.w, email: pending, invitedBy: s.owner });
    const fresh = uniqueEmail("fresh");
    const rows = [
      { email: `  ${fresh.toUpperCase()} `, role: "agent", restrictions: ["see_self", "no_export"] },
      { email: "not an address", role: "agent", restrictions: [] },
      { email: "a@b@example.com", role: "agent", restrictions: [] },
      { email: s.agentEmail, role: "agent", restrictions: [] },
      { email: s.formerEmail, role: "agent", restrictions: [] },
      { email: pending, role: "agent", restrictions: [] },
      { email: fresh, role: "agent", restrictions: [] },
      { email: uniqueEmail("boss"), role: "owner", restrictions: [] },
      { email: uniqueEmail("mgr"), role: "manager", restrictions: ["no_export"] },
      { email: uniqueEmail("odd"), role: "superuser", restrictions: [] },
    ];
    await asUser(s.manager);
    const before = await snapshot(t.db, { ignoreActivity: true });
    const result = await previewBulkInviteAction(s.w, { rows });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.rows.map((r) => r.status)).toEqual([
      "ready",
      "invalidEmail",
      "invalidEmail",
      "member",
      "deactivated",
      "invited",
      "duplicate",
      "levelNotAllowed",
      "levelNotAllowed",
      "levelNotAllowed",
    ]);
    // Normalised as stored; restrictions not valid for the level dropped (as Add user does).
    expect(result.data.rows[0]).toEqual({
      email: fresh,
      role: "agent",
      roleId: null,
      restrictions: ["see_self"],
      status: "ready",
    });
    expect(result.data.counts).toEqual({
      ready: 1,
      invalidEmail: 2,
      member: 1,
      deactivated: 1,
      invited: 1,
      duplicate: 1,
      levelNotAllowed: 3,
    });
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);

    // An Owner may grant every level: the same Owner and Manager rows are ready for them.
    await asUser(s.owner);
    const asOwner = await previewBulkInviteAction(s.w, { rows: rows.slice(7, 9) });
    expect(asOwner.ok && asOwner.data.rows.map((r) => r.status)).toEqual(["ready", "ready"]);
  });

  it("send creates only the ready rows, in one go: invitations, audit rows, webhook events, queued emails", async () => {
    const s = await team();
    await t.db
      .insertInto("webhooks")
      .values({ workspace_id: s.w, url: "http://127.0.0.1:1/hook", secret: "whsec_test", events: ["member.invited"] })
      .execute();
    const ready = [uniqueEmail("r1"), uniqueEmail("r2"), uniqueEmail("r3")];
    const rows = [
      { email: ready[0], role: "agent", restrictions: ["contacts"] },
      { email: s.agentEmail, role: "agent", restrictions: [] },
      { email: ready[1], role: "manager", restrictions: ["no_export"] },
      { email: ready[0], role: "agent", restrictions: [] },
      { email: ready[2], role: "owner", restrictions: [] },
    ];
    await asUser(s.owner, { headers: { "x-switchboard-peer": "192.0.2.7" } });
    const result = await sendBulkInviteAction(s.w, { rows });
    expect(result.ok && result.data.rows.map((r) => r.status)).toEqual(["sent", "member", "sent", "duplicate", "sent"]);
    const created = await invitationsTo(ready);
    expect(created.map((i) => [i.email, i.role, i.restrictions, i.invited_by]).sort()).toEqual(
      [
        [ready[0], "agent", ["contacts"], s.owner],
        [ready[1], "manager", ["no_export"], s.owner],
        [ready[2], "owner", [], s.owner],
      ].sort(),
    );
    const mails = await mailsTo(ready);
    expect(mails.map((m) => m.status)).toEqual(["queued", "queued", "queued"]);
    for (const m of mails) {
      expect(m.invitation_id).toBe(created.find((i) => i.email === m.to_address)!.id);
      expect(m.subject).toContain("Acme");
    }
    // The emailed link is the invitation's: the token in the mail hashes to the stored one.
    const token = await inviteToken(t.db, ready[0]);
    expect(await getInvitationLanding(t.db, token)).toMatchObject({ status: "pending", email: ready[0] });
    const audits = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("workspace_id", "=", s.w)
      .where("action", "=", "invitation.created")
      .execute();
    expect(audits.map((a) => a.target).sort()).toEqual([...ready].sort());
    expect(audits.every((a) => a.actor_id === s.owner && a.ip === "192.0.2.7")).toBe(true);
    const hooks = await t.db
      .selectFrom("webhook_deliveries")
      .select(["event", "payload"])
      .where("workspace_id", "=", s.w)
      .execute();
    expect(hooks.map((h) => (h.payload as { data: { email: string } }).data.email).sort()).toEqual([...ready].sort());
    expect(hooks.every((h) => h.event === "member.invited")).toBe(true);

    // Sending the same list again: nothing is ready any more, nothing is written.
    // (The deliveries queued above are being attempted in the background: compared by count.)
    const settled = async () => {
      const { webhook_deliveries: deliveries, ...rest } = await snapshot(t.db, { ignoreActivity: true });
      return { ...rest, deliveries: deliveries.length };
    };
    const before = await settled();
    const again = await sendBulkInviteAction(s.w, { rows });
    expect(again.ok && again.data.rows.map((r) => r.status)).toEqual([
      "invited",
      "member",
      "invited",
      "duplicate",
      "invited",
    ]);
    expect(await settled()).toEqual(before);
  });

  it("a Manager's send: rows above Agent are refused per row, the Agents are invited", async () => {
    const s = await team();
    const [a, o] = [uniqueEmail("a"), uniqueEmail("o")];
    await asUser(s.manager);
    const result = await sendBulkInviteAction(s.w, {
      rows: [
        { email: a, role: "agent", restrictions: [] },
        { email: o, role: "owner", restrictions: [] },
      ],
    });
    expect(result.ok && result.data.rows.map((r) => r.status)).toEqual(["sent", "levelNotAllowed"]);
    expect((await invitationsTo([a, o])).map((i) => i.email)).toEqual([a]);
  });

  it("refuses malformed input at the boundary: no rows, more than 500, a non-string address", async () => {
    const s = await team();
    await asUser(s.owner);
    const before = await snapshot(t.db, { ignoreActivity: true });
    for (const input of [
      { rows: [] },
      {
        rows: Array.from({ length: 501 }, (_, i) => ({ email: `u${i}@example.com`, role: "agent", restrictions: [] })),
      },
      { rows: [{ email: 42, role: "agent", restrictions: [] }] },
      "nonsense",
    ])
      expect(await sendBulkInviteAction(s.w, input)).toMatchObject({ ok: false, code: "invalidInput" });
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });
});

describe("bulk invite: the rate limit counts per invitation", () => {
  const saved = structuredClone(INVITE_LIMITS);
  beforeEach(() => {
    const hour = 3_600_000;
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / hour) * hour + hour / 2 });
  });
  afterEach(() => {
    vi.useRealTimers();
    Object.assign(INVITE_LIMITS.perActor, saved.perActor);
    Object.assign(INVITE_LIMITS.perWorkspace, saved.perWorkspace);
  });

  it("a batch beyond the budget is refused whole, saying how many may still be sent and from when", async () => {
    INVITE_LIMITS.perActor.limit = 5;
    const s = await team();
    await asUser(s.owner);
    expect(await inviteUser(s.w, { email: uniqueEmail(), role: "agent", restrictions: [] })).toMatchObject({
      ok: true,
    });
    const rows = (n: number) =>
      Array.from({ length: n }, () => ({ email: uniqueEmail("rl"), role: "agent", restrictions: [] }));

    const before = await snapshot(t.db, { ignoreActivity: true });
    const big = rows(5);
    const refused = await sendBulkInviteAction(s.w, {
      rows: [...big, { email: s.agentEmail, role: "agent", restrictions: [] }],
    });
    const resetAt = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);
    expect(refused).toMatchObject({
      ok: false,
      code: "rateLimited",
      details: { remaining: "4", resetAt: resetAt.toISOString() },
    });
    expect(refused.ok ? "" : refused.message).toMatch(
      /this batch has 5 invitations\. You may send 4 more now, and more from /,
    );
    expect(
      await snapshot(t.db, { ignoreActivity: true }),
      "a refused batch writes nothing, its count included",
    ).toEqual(before);

    // Within the budget (the member row is not counted): all four go.
    const four = await sendBulkInviteAction(s.w, { rows: rows(4) });
    expect(four.ok && four.data.counts).toEqual({ sent: 4 });
    const none = await sendBulkInviteAction(s.w, { rows: rows(1) });
    expect(none).toMatchObject({ ok: false, code: "rateLimited", details: { remaining: "0" } });
    expect(none.ok ? "" : none.message).toMatch(/You can't send more right now/);
    // A single invite is refused too: one budget for both ways of inviting.
    expect(await inviteUser(s.w, { email: uniqueEmail(), role: "agent", restrictions: [] })).toMatchObject({
      ok: false,
      code: "rateLimited",
    });
  });

  it("the workspace's budget is shared by its inviters; the message is in Arabic for an Arabic actor", async () => {
    INVITE_LIMITS.perWorkspace.limit = 3;
    const s = await team();
    await asUser(s.owner);
    expect(
      (await sendBulkInviteAction(s.w, { rows: [{ email: uniqueEmail(), role: "agent", restrictions: [] }] })).ok,
    ).toBe(true);
    await asUser(s.manager, { headers: { "accept-language": "ar" } });
    const refused = await sendBulkInviteAction(s.w, {
      rows: Array.from({ length: 3 }, () => ({ email: uniqueEmail(), role: "agent", restrictions: [] })),
    });
    expect(refused).toMatchObject({ ok: false, code: "rateLimited", details: { remaining: "2" } });
    expect(refused.ok ? "" : refused.message).toContain("يمكنك إرسال دعوتين أخريين الآن");
  });
});

describe("copy invitation link", () => {
  it("the inviter or an Owner gets a fresh link once; the old link dies; the new one is single-use and bound to the address", async () => {
    const s = await team();
    const email = uniqueEmail("chat");
    await asUser(s.manager);
    const sent = await inviteUser(s.w, { email, role: "agent", restrictions: [] });
    if (!sent.ok) throw new Error(sent.message);
    const emailed = await inviteToken(t.db, email);

    const copied = await copyInvitationLinkAction(s.w, { invitationId: sent.data.invitationId });
    if (!copied.ok) throw new Error(copied.message);
    const token = copied.data.url.split("/invite/")[1];
    expect(copied.data.url).toBe(
      `${process.env.NEXTAUTH_URL || process.env.APP_URL || "http://localhost:3000"}/invite/${token}`,
    );
    expect((await getInvitationLanding(t.db, emailed)).status).toBe("invalid");
    expect(await getInvitationLanding(t.db, token)).toMatchObject({ status: "pending", email });
    // Only the hash is stored; no new email is queued (the link goes by chat).
    const dump = JSON.stringify(await snapshot(t.db));
    expect(dump).not.toContain(token);
    expect(await mailsTo([email])).toHaveLength(1);
    expect(
      await t.db
        .selectFrom("audit_log")
        .select(["actor_id", "target"])
        .where("action", "=", "invitation.link_copied")
        .execute(),
    ).toEqual([{ actor_id: s.manager, target: email }]);

    // An Owner may too, and each copy kills the previous link.
    await asUser(s.owner);
    const again = await copyInvitationLinkAction(s.w, { invitationId: sent.data.invitationId });
    if (!again.ok) throw new Error(again.message);
    const token2 = again.data.url.split("/invite/")[1];
    expect((await getInvitationLanding(t.db, token)).status).toBe("invalid");

    // Bound to the address: someone else signed in is refused; the invitee accepts once.
    const stranger = await createUser({ email: uniqueEmail("stranger") });
    await asUser(stranger);
    expect(await acceptInvitationAction({ token: token2, name: "Stranger" })).toMatchObject({
      ok: false,
      code: "forbidden",
      message: en("invite.errors.wrongAccount"),
    });
    await asUser(null);
    expect(await acceptInvitationAction({ token: token2, name: "Chat Invitee" })).toMatchObject({ ok: true });
    await asUser(null);
    expect(await acceptInvitationAction({ token: token2, name: "Chat Invitee" })).toMatchObject({
      ok: false,
      message: en("invite.errors.used"),
    });
    // Used: no more links.
    await asUser(s.owner);
    expect(await copyInvitationLinkAction(s.w, { invitationId: sent.data.invitationId })).toMatchObject({
      ok: false,
      code: "notFound",
    });
  });

  it("a Manager who did not send it, or any Manager for an invitation above Agent, is refused and nothing changes", async () => {
    const s = await team();
    const other = await createUser();
    await addMember(s.w, other, "manager");
    const byOwner = await insertInvitation(t.db, { workspaceId: s.w, email: uniqueEmail(), invitedBy: s.owner });
    const managerInvite = await insertInvitation(t.db, {
      workspaceId: s.w,
      email: uniqueEmail(),
      role: "manager",
      invitedBy: s.manager,
    });
    await asUser(s.manager);
    const before = await snapshot(t.db, { ignoreActivity: true });
    expect(await copyInvitationLinkAction(s.w, { invitationId: byOwner.id })).toMatchObject({
      ok: false,
      code: "forbidden",
      message: en("users.errors.inviterOrOwner"),
    });
    expect(await copyInvitationLinkAction(s.w, { invitationId: managerInvite.id })).toMatchObject({
      ok: false,
      code: "forbidden",
      message: en("users.errors.managerAgentsOnly"),
    });
    expect(await copyInvitationLinkAction(s.w, { invitationId: "not-a-uuid" })).toMatchObject({
      ok: false,
      code: "invalidInput",
    });
    expect(await copyInvitationLinkAction(s.w, { invitationId: "00000000-0000-4000-8000-000000000000" })).toMatchObject(
      { ok: false, code: "notFound" },
    );
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });
});
