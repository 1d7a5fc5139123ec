// The finer rules of Settings → Users (docs/PRODUCT.md, Users page): self-edits, what a Manager may touch,
// the last Owner, restrictions per level, the Add-user field errors, rate limits, and what
// revoking does (and refuses to do).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  cancelInvitationAction,
  inviteUser,
  resendInvitationAction,
  revokeMemberAction,
  updateInvitationAction,
  updateMemberAccessAction,
} from "@/app/w/[workspaceId]/settings/users/actions";
import { GET as exportGET } from "@/app/w/[workspaceId]/settings/users/export/route";
import { POST as heartbeatPOST } from "@/app/api/presence/heartbeat/route";
import { GET as streamGET } from "@/app/api/presence/stream/route";
import { INVITE_LIMITS } from "@/lib/services/invitations";
import { updateMemberAccess } from "@/lib/services/member-changes";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace, uniqueEmail } from "@/tests/helpers/request";
import {
  actorFor,
  en,
  insertContacts,
  insertInvitation,
  insertTeam,
  membership,
  ownerCount,
  snapshot,
} from "./support";

const t = setupTestDb();

/** Owner + Manager + two Agents in one workspace. */
async function team() {
  const ws = await createWorkspace();
  const manager = await createUser({ name: "Manager" });
  const manager2 = await createUser({ name: "Manager Two" });
  const agent = await createUser({ name: "Agent" });
  const agent2 = await createUser({ name: "Agent Two" });
  await addMember(ws, manager, "manager");
  await addMember(ws, manager2, "manager");
  await addMember(ws, agent, "agent");
  await addMember(ws, agent2, "agent");
  return {
    ws,
    w: ws.workspaceId,
    owner: ws.ownerId,
    manager: manager.id,
    manager2: manager2.id,
    agent: agent.id,
    agent2: agent2.id,
  };
}

/** Run `call` and assert it was refused with `code` (and message key) and wrote nothing. */
async function expectRefused(
  call: () => Promise<{ ok: boolean; code?: string; message?: string }>,
  code: string,
  messageKey?: string,
) {
  const before = await snapshot(t.db, { ignoreActivity: true });
  const result = await call();
  expect(result).toMatchObject({ ok: false, code });
  if (messageKey) expect(result.message).toBe(en(messageKey));
  expect(await snapshot(t.db, { ignoreActivity: true }), "a refused call must not write anything").toEqual(before);
  return result;
}

describe("editing access", () => {
  it("nobody edits or revokes their own access (not even an Owner among several)", async () => {
    const s = await team();
    const owner2 = await createUser();
    await addMember(s.ws, owner2, "owner");
    await asUser(s.owner);
    await expectRefused(
      () => updateMemberAccessAction(s.w, { userId: s.owner, role: "manager", restrictions: [] }),
      "forbidden",
      "users.errors.self",
    );
    await expectRefused(() => revokeMemberAction(s.w, { userId: s.owner }), "forbidden", "users.errors.self");
    await asUser(s.manager);
    await expectRefused(
      () => updateMemberAccessAction(s.w, { userId: s.manager, role: "agent", restrictions: [] }),
      "forbidden",
      "users.errors.self",
    );
    await expectRefused(() => revokeMemberAction(s.w, { userId: s.manager }), "forbidden", "users.errors.self");
  });

  it("a Manager edits and revokes Agents only, and grants only Agent", async () => {
    const s = await team();
    await asUser(s.manager);
    const onlyAgents = "users.errors.managerAgentsOnly";
    await expectRefused(
      () => updateMemberAccessAction(s.w, { userId: s.manager2, role: "agent", restrictions: [] }),
      "forbidden",
      onlyAgents,
    );
    await expectRefused(
      () => updateMemberAccessAction(s.w, { userId: s.owner, role: "agent", restrictions: [] }),
      "forbidden",
      onlyAgents,
    );
    await expectRefused(
      () => updateMemberAccessAction(s.w, { userId: s.agent, role: "manager", restrictions: [] }),
      "forbidden",
      onlyAgents,
    );
    await expectRefused(
      () => updateMemberAccessAction(s.w, { userId: s.agent, role: "owner", restrictions: [] }),
      "forbidden",
      onlyAgents,
    );
    await expectRefused(() => revokeMemberAction(s.w, { userId: s.manager2 }), "forbidden", onlyAgents);
    await expectRefused(() => revokeMemberAction(s.w, { userId: s.owner }), "forbidden", onlyAgents);
    // Inviting above Agent: refused on the role field.
    const invite = await expectRefused(
      () => inviteUser(s.w, { email: uniqueEmail(), role: "manager", restrictions: [] }),
      "forbidden",
    );
    expect(invite).toMatchObject({ fieldErrors: { role: en("errors.users.role.notAllowed") } });
    await expectRefused(() => inviteUser(s.w, { email: uniqueEmail(), role: "owner", restrictions: [] }), "forbidden");

    // …while Agent → Agent with options is fine.
    expect(
      await updateMemberAccessAction(s.w, { userId: s.agent, role: "agent", restrictions: ["contacts", "see_team"] }),
    ).toMatchObject({ ok: true });
    expect(await membership(t.db, s.w, s.agent)).toMatchObject({
      role: "agent",
      restrictions: ["see_team", "contacts"],
    });
  });

  it("a Manager cannot touch invitations above Agent (resend, cancel, change, or raise one)", async () => {
    const s = await team();
    const managerInvite = await insertInvitation(t.db, {
      workspaceId: s.w,
      email: uniqueEmail(),
      role: "manager",
      invitedBy: s.owner,
    });
    const agentInvite = await insertInvitation(t.db, {
      workspaceId: s.w,
      email: uniqueEmail(),
      role: "agent",
      invitedBy: s.owner,
    });
    await asUser(s.manager);
    const onlyAgents = "users.errors.managerAgentsOnly";
    await expectRefused(() => resendInvitationAction(s.w, { invitationId: managerInvite.id }), "forbidden", onlyAgents);
    await expectRefused(() => cancelInvitationAction(s.w, { invitationId: managerInvite.id }), "forbidden", onlyAgents);
    await expectRefused(
      () => updateInvitationAction(s.w, { invitationId: managerInvite.id, role: "agent", restrictions: [] }),
      "forbidden",
      onlyAgents,
    );
    await expectRefused(
      () => updateInvitationAction(s.w, { invitationId: agentInvite.id, role: "manager", restrictions: [] }),
      "forbidden",
    );
  });

  it("an Owner promotes and demotes; the change is audited and bumps the version", async () => {
    const s = await team();
    await asUser(s.owner, { headers: { "x-switchboard-peer": "192.0.2.44" } });
    expect(
      await updateMemberAccessAction(s.w, { userId: s.agent, role: "manager", restrictions: ["no_export"] }),
    ).toMatchObject({ ok: true });
    expect(await membership(t.db, s.w, s.agent)).toMatchObject({
      role: "manager",
      restrictions: ["no_export"],
      version: 2,
    });
    const entry = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "member.updated")
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      workspace_id: s.w,
      actor_id: s.owner,
      target: s.agent,
      before: { role: "agent", restrictions: [] },
      after: { role: "manager", restrictions: ["no_export"] },
      ip: "192.0.2.44",
    });
  });
});

describe("the last Owner", () => {
  it("can be neither demoted nor revoked: by themselves, by a Manager, or by a former Owner", async () => {
    const s = await team();
    const owner2 = await createUser();
    await addMember(s.ws, owner2, "owner");
    // Two Owners: one may demote the other…
    await asUser(s.owner);
    expect(await updateMemberAccessAction(s.w, { userId: owner2.id, role: "manager", restrictions: [] })).toMatchObject(
      { ok: true },
    );
    expect(await ownerCount(t.db, s.w)).toBe(1);
    // …and then nobody can take the last one away.
    await expectRefused(
      () => updateMemberAccessAction(s.w, { userId: s.owner, role: "manager", restrictions: [] }),
      "forbidden",
    );
    await expectRefused(() => revokeMemberAction(s.w, { userId: s.owner }), "forbidden");
    for (const who of [owner2.id, s.manager]) {
      await asUser(who);
      await expectRefused(
        () => updateMemberAccessAction(s.w, { userId: s.owner, role: "agent", restrictions: [] }),
        "forbidden",
      );
      await expectRefused(() => revokeMemberAction(s.w, { userId: s.owner }), "forbidden");
    }
    expect(await ownerCount(t.db, s.w)).toBe(1);
  });

  it("an Owner demoted a moment ago cannot act on the authority they had (stale context, serially)", async () => {
    // What a race looks like from the second transaction: its actor was read before the
    // first committed. The service must re-read the actor under the lock.
    const s = await team();
    const owner2 = await createUser();
    await addMember(s.ws, owner2, "owner");
    const a = await actorFor(t.db, s.w, s.owner);
    const b = await actorFor(t.db, s.w, owner2.id);
    await updateMemberAccess(t.db, a, { userId: owner2.id, role: "agent", restrictions: [] });
    await expect(
      updateMemberAccess(t.db, b, { userId: s.owner, role: "agent", restrictions: [] }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await ownerCount(t.db, s.w)).toBe(1);
    expect(await membership(t.db, s.w, s.owner)).toMatchObject({ role: "owner" });
  });
});

describe("restrictions belong to a level", () => {
  it("restrictions of another level are dropped before they are stored (invite, invitation change, edit)", async () => {
    const s = await team();
    await asUser(s.owner);
    const managerEmail = uniqueEmail("mgr");
    const ownerEmail = uniqueEmail("own");
    expect(
      await inviteUser(s.w, {
        email: managerEmail,
        role: "manager",
        restrictions: ["see_self", "no_export", "contacts"],
      }),
    ).toMatchObject({ ok: true });
    expect(
      await inviteUser(s.w, { email: ownerEmail, role: "owner", restrictions: ["no_export", "see_team"] }),
    ).toMatchObject({ ok: true });
    const stored = async (email: string) =>
      await t.db
        .selectFrom("invitations")
        .select(["role", "restrictions"])
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
    expect(await stored(managerEmail)).toEqual({ role: "manager", restrictions: ["no_export"] });
    expect(await stored(ownerEmail)).toEqual({ role: "owner", restrictions: [] });

    const inv = await t.db
      .selectFrom("invitations")
      .select("id")
      .where("email", "=", managerEmail)
      .executeTakeFirstOrThrow();
    expect(
      await updateInvitationAction(s.w, {
        invitationId: inv.id,
        role: "agent",
        restrictions: ["no_export", "no_snippets"],
      }),
    ).toMatchObject({ ok: true });
    expect(await stored(managerEmail)).toEqual({ role: "agent", restrictions: ["no_snippets"] });

    expect(
      await updateMemberAccessAction(s.w, {
        userId: s.manager,
        role: "agent",
        restrictions: ["no_settings", "see_team", "see_self"],
      }),
    ).toMatchObject({ ok: true });
    // see_self is the narrower of the two visibility limits; see_team is dropped with it.
    expect(await membership(t.db, s.w, s.manager)).toMatchObject({ role: "agent", restrictions: ["see_self"] });
    expect(
      await updateMemberAccessAction(s.w, { userId: s.agent, role: "owner", restrictions: ["contacts"] }),
    ).toMatchObject({ ok: true });
    expect(await membership(t.db, s.w, s.agent)).toMatchObject({ role: "owner", restrictions: [] });
  });

  it("an unknown restriction or level is refused as invalid input", async () => {
    const s = await team();
    await asUser(s.owner);
    await expectRefused(
      () => updateMemberAccessAction(s.w, { userId: s.agent, role: "agent", restrictions: ["superuser"] }),
      "invalidInput",
    );
    await expectRefused(
      () => updateMemberAccessAction(s.w, { userId: s.agent, role: "admin", restrictions: [] }),
      "invalidInput",
    );
    await expectRefused(
      () => inviteUser(s.w, { email: uniqueEmail(), role: "agent", restrictions: ["constructor"] }),
      "invalidInput",
    );
  });
});

describe("Add user: field errors", () => {
  it("an invalid address is an error on the email field", async () => {
    const s = await team();
    await asUser(s.owner);
    for (const email of ["", "not-an-email", "a@b@example.com", "two@example.com, three@example.com"]) {
      const result = await expectRefused(
        () => inviteUser(s.w, { email, role: "agent", restrictions: [] }),
        "invalidInput",
      );
      expect(result).toMatchObject({ fieldErrors: { email: expect.any(String) } });
    }
  });

  it("already a member — also written with other case, spaces and compatibility characters", async () => {
    const s = await team();
    const member = await createUser({ email: "amina.member@example.com" });
    await addMember(s.ws, member, "agent");
    await asUser(s.owner);
    for (const email of ["amina.member@example.com", "  AMINA.Member@EXAMPLE.com ", "ａmina.member@example.com"]) {
      const result = await expectRefused(() => inviteUser(s.w, { email, role: "agent", restrictions: [] }), "conflict");
      expect(result).toMatchObject({ fieldErrors: { email: en("errors.users.invite.alreadyMember") } });
    }
  });

  it("already invited: the error carries the pending invitation's id (to offer a resend)", async () => {
    const s = await team();
    await asUser(s.owner);
    const first = await inviteUser(s.w, { email: "ravi@example.com", role: "agent", restrictions: [] });
    expect(first.ok).toBe(true);
    const invitationId = first.ok ? first.data.invitationId : "";
    const result = await expectRefused(
      () => inviteUser(s.w, { email: "Ravi@Example.com", role: "manager", restrictions: [] }),
      "conflict",
    );
    expect(result).toMatchObject({
      fieldErrors: { email: en("errors.users.invite.alreadyInvited") },
      details: { invitationId },
    });
    // A cancelled invitation no longer blocks a new one.
    expect(await cancelInvitationAction(s.w, { invitationId })).toMatchObject({ ok: true });
    expect(await inviteUser(s.w, { email: "ravi@example.com", role: "agent", restrictions: [] })).toMatchObject({
      ok: true,
    });
  });
});

describe("Add user: rate limits", () => {
  const saved = structuredClone(INVITE_LIMITS);
  beforeEach(() => {
    // The limits count per fixed hour window: pin the clock mid-window so a run that
    // straddles the hour cannot start a fresh window half-way through a test.
    const hour = 3_600_000;
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / hour) * hour + hour / 2 });
  });
  afterEach(() => {
    vi.useRealTimers();
    Object.assign(INVITE_LIMITS.perActor, saved.perActor);
    Object.assign(INVITE_LIMITS.perWorkspace, saved.perWorkspace);
  });

  it("has sane production limits", () => {
    expect(INVITE_LIMITS.perActor.limit).toBeGreaterThan(0);
    expect(INVITE_LIMITS.perWorkspace.limit).toBeGreaterThanOrEqual(INVITE_LIMITS.perActor.limit);
  });

  it("per actor: past the limit → rateLimited with a clear message on the email field; others still invite", async () => {
    INVITE_LIMITS.perActor.limit = 3;
    const s = await team();
    await asUser(s.manager);
    for (let i = 0; i < 3; i++)
      expect(await inviteUser(s.w, { email: uniqueEmail(), role: "agent", restrictions: [] })).toMatchObject({
        ok: true,
      });
    const refused = await inviteUser(s.w, { email: "one-too-many@example.com", role: "agent", restrictions: [] });
    expect(refused).toMatchObject({
      ok: false,
      code: "rateLimited",
      message: en("errors.rateLimited"),
      fieldErrors: { email: en("errors.rateLimited") },
    });
    expect(refused.ok ? "" : refused.message).toMatch(/too many/i);
    expect(
      await t.db.selectFrom("invitations").select("id").where("email", "=", "one-too-many@example.com").execute(),
    ).toEqual([]);
    expect(
      await t.db.selectFrom("mail_queue").select("id").where("to_address", "=", "one-too-many@example.com").execute(),
    ).toEqual([]);
    // Resending counts too (each sends an email).
    const pending = await insertInvitation(t.db, { workspaceId: s.w, email: uniqueEmail(), invitedBy: s.owner });
    expect(await resendInvitationAction(s.w, { invitationId: pending.id })).toMatchObject({
      ok: false,
      code: "rateLimited",
    });

    await asUser(s.owner);
    expect(await inviteUser(s.w, { email: uniqueEmail(), role: "agent", restrictions: [] })).toMatchObject({
      ok: true,
    });
  });

  it("per workspace: several actors together hit the workspace limit; another workspace is unaffected", async () => {
    INVITE_LIMITS.perWorkspace.limit = 4;
    const s = await team();
    const other = await createWorkspace();
    for (const who of [s.owner, s.manager]) {
      await asUser(who);
      for (let i = 0; i < 2; i++)
        expect(await inviteUser(s.w, { email: uniqueEmail(), role: "agent", restrictions: [] })).toMatchObject({
          ok: true,
        });
    }
    await asUser(s.manager2);
    expect(await inviteUser(s.w, { email: uniqueEmail(), role: "agent", restrictions: [] })).toMatchObject({
      ok: false,
      code: "rateLimited",
      message: en("errors.rateLimited"),
    });
    await asUser(other.ownerId);
    expect(
      await inviteUser(other.workspaceId, { email: uniqueEmail(), role: "agent", restrictions: [] }),
    ).toMatchObject({ ok: true });
  });
});

describe("revoking access", () => {
  async function scene() {
    const s = await team();
    const other = await createWorkspace();
    await addMember(other, s.agent, "agent"); // the revoked user also works elsewhere
    const contacts = await insertContacts(t.db, s.w, s.agent, 3);
    const othersContact = (await insertContacts(t.db, s.w, s.agent2, 1))[0];
    const elsewhereContact = (await insertContacts(t.db, other.workspaceId, s.agent, 1))[0];
    const teamA = await insertTeam(t.db, s.w, "Sales", [s.agent, s.agent2]);
    const teamB = await insertTeam(t.db, s.w, "Billing", [s.agent]);
    const teamElsewhere = await insertTeam(t.db, other.workspaceId, "Elsewhere", [s.agent]);
    // Invitations the revoked user sent: pending here, pending elsewhere, already accepted here.
    const pendingHere = await insertInvitation(t.db, { workspaceId: s.w, email: uniqueEmail(), invitedBy: s.agent });
    const pendingElsewhere = await insertInvitation(t.db, {
      workspaceId: other.workspaceId,
      email: uniqueEmail(),
      invitedBy: s.agent,
    });
    const acceptedHere = await insertInvitation(t.db, { workspaceId: s.w, email: uniqueEmail(), invitedBy: s.agent });
    await t.db.updateTable("invitations").set({ accepted_at: new Date() }).where("id", "=", acceptedHere.id).execute();
    const byOwner = await insertInvitation(t.db, { workspaceId: s.w, email: uniqueEmail(), invitedBy: s.owner });
    return {
      ...s,
      other,
      contacts,
      othersContact,
      elsewhereContact,
      teamA,
      teamB,
      teamElsewhere,
      pendingHere,
      pendingElsewhere,
      acceptedHere,
      byOwner,
    };
  }
  const assignee = async (id: string) =>
    (await t.db.selectFrom("contacts").select("assignee_id").where("id", "=", id).executeTakeFirstOrThrow())
      .assignee_id;
  const cancelled = async (id: string) =>
    (await t.db.selectFrom("invitations").select("cancelled_at").where("id", "=", id).executeTakeFirstOrThrow())
      .cancelled_at !== null;
  const teamsOf = async (userId: string) =>
    (await t.db.selectFrom("team_members").select("team_id").where("user_id", "=", userId).execute())
      .map((r) => r.team_id)
      .sort();

  it("by default unassigns their contacts, removes their teams here and cancels their pending invitations here, audited", async () => {
    const s = await scene();
    await asUser(s.manager, { headers: { "x-switchboard-peer": "192.0.2.99" } });
    const result = await revokeMemberAction(s.w, { userId: s.agent });
    expect(result).toMatchObject({
      ok: true,
      data: { contactsMoved: 3, reassignedTo: null, teamsLeft: 2, invitationsCancelled: 1 },
    });

    expect(await membership(t.db, s.w, s.agent)).toBeUndefined();
    expect(await membership(t.db, s.other.workspaceId, s.agent)).toBeDefined();
    for (const c of s.contacts) expect(await assignee(c)).toBeNull();
    expect(await assignee(s.othersContact)).toBe(s.agent2);
    expect(await assignee(s.elsewhereContact)).toBe(s.agent);
    expect(await teamsOf(s.agent)).toEqual([s.teamElsewhere]);
    expect(await teamsOf(s.agent2)).toEqual([s.teamA]);
    expect(await cancelled(s.pendingHere.id)).toBe(true);
    expect(await cancelled(s.pendingElsewhere.id)).toBe(false);
    expect(await cancelled(s.acceptedHere.id)).toBe(false);
    expect(await cancelled(s.byOwner.id)).toBe(false);

    const entry = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "member.revoked")
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      workspace_id: s.w,
      actor_id: s.manager,
      target: s.agent,
      before: { role: "agent", restrictions: [] },
      after: { contactsMoved: 3, reassignedTo: null, teamsLeft: 2, invitationsCancelled: 1 },
      ip: "192.0.2.99",
    });
  });

  it("reassigns every one of their contacts to the picked member", async () => {
    const s = await scene();
    await asUser(s.owner);
    expect(await revokeMemberAction(s.w, { userId: s.agent, reassignTo: s.manager })).toMatchObject({
      ok: true,
      data: { contactsMoved: 3, reassignedTo: s.manager },
    });
    for (const c of s.contacts) expect(await assignee(c)).toBe(s.manager);
    expect(await assignee(s.othersContact)).toBe(s.agent2);
    expect(await membership(t.db, s.w, s.agent)).toBeUndefined();
  });

  it("refuses to reassign to a non-member, to the revoked user, or to nobody real — and changes nothing", async () => {
    const s = await scene();
    const stranger = await createUser();
    await asUser(s.owner);
    for (const reassignTo of [s.other.ownerId, stranger.id, s.agent, "00000000-0000-4000-8000-000000000000"]) {
      const result = await expectRefused(
        () => revokeMemberAction(s.w, { userId: s.agent, reassignTo }),
        "invalidInput",
      );
      expect(result).toMatchObject({ fieldErrors: { reassignTo: en("errors.users.revoke.badTarget") } });
    }
  });

  it("the revoked user's very next action or route call is refused", async () => {
    const s = await scene();
    await asUser(s.owner);
    expect((await revokeMemberAction(s.w, { userId: s.manager })).ok).toBe(true);
    await asUser(s.manager);
    expect(await inviteUser(s.w, { email: uniqueEmail(), role: "agent", restrictions: [] })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    expect(await revokeMemberAction(s.w, { userId: s.agent })).toMatchObject({ ok: false, code: "notFound" });
    const exportRes = await exportGET(new Request("http://localhost/"), {
      params: Promise.resolve({ workspaceId: s.w }),
    });
    expect(exportRes.status).toBe(404);
    await exportRes.body?.cancel();
    const hb = await heartbeatPOST(
      new Request("http://localhost/", { method: "POST", body: JSON.stringify({ workspaceId: s.w }) }),
    );
    expect(hb.status).toBe(404);
    const stream = await streamGET(new Request(`http://localhost/api/presence/stream?workspaceId=${s.w}`));
    expect(stream.status).toBe(404);
    await stream.body?.cancel();
    expect(await membership(t.db, s.w, s.agent)).toBeDefined();
  });
});
