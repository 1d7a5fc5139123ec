// Assigning custom roles (docs/PERMISSIONS.md, Custom roles): every dialog that gives access takes a role choice
// {role, roleId}; the service loads the role in its transaction, tenant-scoped, and checks the actor may grant it.
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  bulkUsersAction,
  deactivateMemberAction,
  inviteUser,
  previewBulkInviteAction,
  reactivateMemberAction,
  revokeMemberAction,
  sendBulkInviteAction,
  updateInvitationAction,
  updateMemberAccessAction,
} from "@/app/w/[workspaceId]/settings/users/actions";
import { acceptInvitation } from "@/lib/services/accept-invitation";
import { setupTestDb } from "@/tests/helpers/db";
import {
  addMember,
  asUser,
  createUser,
  createWorkspace,
  uniqueEmail,
  type TestWorkspace,
} from "@/tests/helpers/request";
import { en, insertInvitation, inviteToken, snapshot } from "./support";
import { addRoleMember, insertRole } from "../settings/roles-scene";

vi.mock("@/lib/services/webhooks", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  kickWebhooks: vi.fn(),
}));
vi.mock("@/lib/mail/queue", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  kickMail: vi.fn(),
}));

const t = setupTestDb();

let ws: TestWorkspace;
let managerId: string;
/** Agent-based: inbox, reports (a Manager holds both). */
let deskId: string;
/** Agent-based with the activity log (a Manager lacks it). */
let auditorId: string;
/** Manager-based and Owner-based. */
let leadId: string;
let chiefId: string;
beforeEach(async () => {
  ws = await createWorkspace();
  const manager = await createUser({ name: "Manager" });
  await addMember(ws, manager, "manager");
  managerId = manager.id;
  deskId = await insertRole(t.db, ws.workspaceId, {
    name: "Desk",
    base: "agent",
    permissions: ["inbox.view", "reports.view"],
  });
  auditorId = await insertRole(t.db, ws.workspaceId, {
    name: "Auditor",
    base: "agent",
    permissions: ["inbox.view", "settings.view", "audit.view"],
  });
  leadId = await insertRole(t.db, ws.workspaceId, { name: "Lead", base: "manager", permissions: ["inbox.view"] });
  chiefId = await insertRole(t.db, ws.workspaceId, {
    name: "Chief",
    base: "owner",
    permissions: ["inbox.view", "settings.view", "users.manage"],
  });
});

const memberRow = (userId: string) =>
  t.db
    .selectFrom("workspace_members")
    .select(["role", "role_id", "restrictions"])
    .where("workspace_id", "=", ws.workspaceId)
    .where("user_id", "=", userId)
    .executeTakeFirst();

describe("invite with a custom role, then accept", () => {
  it("the member holds the role and its base; the email names the role; contacts option dropped", async () => {
    await asUser(ws.ownerId);
    const email = uniqueEmail("desk");
    const r = await inviteUser(ws.workspaceId, {
      email,
      role: "agent",
      roleId: deskId,
      restrictions: ["see_team", "contacts"],
    });
    expect(r.ok).toBe(true);
    const inv = await t.db
      .selectFrom("invitations")
      .select(["role", "role_id", "restrictions"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(inv).toEqual({ role: "agent", role_id: deskId, restrictions: ["see_team"] });
    const mail = await t.db
      .selectFrom("mail_queue")
      .select(["subject", "text_body"])
      .where("to_address", "=", email)
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain("Desk");
    const token = await inviteToken(t.db, email);
    const accepted = await acceptInvitation(t.db, {
      token,
      name: "Desk Person",
      sessionEmail: null,
      ip: "198.51.100.1",
    });
    expect(await memberRow(accepted.userId)).toEqual({ role: "agent", role_id: deskId, restrictions: ["see_team"] });
    // Desk has no dashboard: the first module it opens is the inbox.
    expect(accepted.path).toBe(`/w/${ws.workspaceId}/inbox`);
  });

  it("a role id whose base is not `role`, or of another workspace, is refused on the role field; nothing written", async () => {
    await asUser(ws.ownerId);
    const other = await createWorkspace();
    const foreign = await insertRole(t.db, other.workspaceId, { name: "Theirs", base: "agent", permissions: [] });
    const before = await snapshot(t.db, { ignoreActivity: true });
    for (const choice of [
      { role: "manager", roleId: deskId },
      { role: "agent", roleId: foreign },
    ] as const) {
      const r = await inviteUser(ws.workspaceId, { email: uniqueEmail(), ...choice, restrictions: [] });
      expect(r).toMatchObject({ ok: false, fieldErrors: { role: en("errors.roles.unknown") } });
    }
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });
});

describe("what a Manager may grant", () => {
  beforeEach(async () => {
    await asUser(managerId);
  });

  it("not an Owner- or Manager-based role, nor an Agent-based one with a permission the Manager lacks", async () => {
    const before = await snapshot(t.db, { ignoreActivity: true });
    for (const choice of [
      { role: "owner", roleId: chiefId },
      { role: "manager", roleId: leadId },
      { role: "agent", roleId: auditorId },
    ] as const) {
      const r = await inviteUser(ws.workspaceId, { email: uniqueEmail(), ...choice, restrictions: [] });
      expect(r.ok, choice.roleId).toBe(false);
      expect(r).toMatchObject({ code: "forbidden" });
    }
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });

  it("an Agent-based role within the Manager's own set, to an invitee and to an Agent", async () => {
    const r = await inviteUser(ws.workspaceId, {
      email: uniqueEmail(),
      role: "agent",
      roleId: deskId,
      restrictions: [],
    });
    expect(r.ok).toBe(true);
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    const e = await updateMemberAccessAction(ws.workspaceId, {
      userId: agent.id,
      role: "agent",
      roleId: deskId,
      restrictions: [],
    });
    expect(e.ok).toBe(true);
    expect(await memberRow(agent.id)).toEqual({ role: "agent", role_id: deskId, restrictions: [] });
  });

  it("edits an Agent-based custom-role member (by base level) but cannot raise them to the Auditor role", async () => {
    const holder = await addRoleMember(t.db, ws, deskId);
    const before = await snapshot(t.db, { ignoreActivity: true });
    const up = await updateMemberAccessAction(ws.workspaceId, {
      userId: holder,
      role: "agent",
      roleId: auditorId,
      restrictions: [],
    });
    expect(up).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
    const down = await updateMemberAccessAction(ws.workspaceId, {
      userId: holder,
      role: "agent",
      roleId: null,
      restrictions: ["contacts"],
    });
    expect(down.ok).toBe(true);
    expect(await memberRow(holder)).toEqual({ role: "agent", role_id: null, restrictions: ["contacts"] });
  });

  it("cannot edit a Manager-based custom-role member", async () => {
    const lead = await addRoleMember(t.db, ws, leadId);
    const r = await updateMemberAccessAction(ws.workspaceId, {
      userId: lead,
      role: "agent",
      roleId: null,
      restrictions: [],
    });
    expect(r).toMatchObject({ ok: false, code: "forbidden", message: en("users.errors.managerAgentsOnly") });
  });
});

describe("edit access to and from custom roles (Owner)", () => {
  beforeEach(async () => {
    await asUser(ws.ownerId);
  });

  it("a built-in Manager becomes Lead and back; restrictions cleaned for each; audited with the role", async () => {
    const m = await createUser();
    await addMember(ws, m, "manager", ["no_export"]);
    const to = await updateMemberAccessAction(ws.workspaceId, {
      userId: m.id,
      role: "manager",
      roleId: leadId,
      restrictions: ["no_export", "see_self"],
    });
    expect(to.ok).toBe(true);
    expect(await memberRow(m.id)).toEqual({ role: "manager", role_id: leadId, restrictions: ["no_export"] });
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "member.updated")
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ role: "manager", roleId: leadId, roleName: "Lead" });
    const back = await updateMemberAccessAction(ws.workspaceId, {
      userId: m.id,
      role: "agent",
      roleId: null,
      restrictions: [],
    });
    expect(back.ok).toBe(true);
    expect(await memberRow(m.id)).toEqual({ role: "agent", role_id: null, restrictions: [] });
  });

  it("changes a pending invitation to a custom role", async () => {
    const inv = await insertInvitation(t.db, {
      workspaceId: ws.workspaceId,
      email: uniqueEmail(),
      invitedBy: ws.ownerId,
    });
    const r = await updateInvitationAction(ws.workspaceId, {
      invitationId: inv.id,
      role: "owner",
      roleId: chiefId,
      restrictions: [],
    });
    expect(r.ok).toBe(true);
    expect(
      await t.db.selectFrom("invitations").select(["role", "role_id"]).where("id", "=", inv.id).executeTakeFirst(),
    ).toEqual({
      role: "owner",
      role_id: chiefId,
    });
  });

  it("bulk change: members and invitations get the role; a Manager's bulk run refuses the rows above Agent", async () => {
    const a = await createUser({ name: "Bulk A" });
    await addMember(ws, a, "agent");
    const inv = await insertInvitation(t.db, {
      workspaceId: ws.workspaceId,
      email: uniqueEmail(),
      invitedBy: ws.ownerId,
    });
    const r = await bulkUsersAction(ws.workspaceId, {
      selection: { members: [a.id], invitations: [inv.id] },
      op: { kind: "access", role: "agent", roleId: deskId, restrictions: ["contacts"] },
    });
    expect(r).toMatchObject({ ok: true, data: { done: 2, refused: 0 } });
    expect(await memberRow(a.id)).toEqual({ role: "agent", role_id: deskId, restrictions: [] });
    expect(
      (await t.db.selectFrom("invitations").select("role_id").where("id", "=", inv.id).executeTakeFirstOrThrow())
        .role_id,
    ).toBe(deskId);

    await asUser(managerId);
    const lead = await addRoleMember(t.db, ws, leadId);
    const m = await bulkUsersAction(ws.workspaceId, {
      selection: { members: [a.id, lead], invitations: [] },
      op: { kind: "access", role: "agent", roleId: null, restrictions: [] },
    });
    expect(m).toMatchObject({ ok: true, data: { done: 1, refused: 1 } });
    expect(await memberRow(lead)).toEqual({ role: "manager", role_id: leadId, restrictions: [] });
  });

  it("bulk invite: a level cell naming a custom role (any case) invites with it; one the actor may not grant is refused", async () => {
    const rows = [
      { email: uniqueEmail(), role: "desk", restrictions: ["contacts", "no_snippets"] },
      { email: uniqueEmail(), role: "Chief", restrictions: [] },
      { email: uniqueEmail(), role: "nobody", restrictions: [] },
    ];
    const preview = await previewBulkInviteAction(ws.workspaceId, { rows });
    expect(preview.ok && preview.data.rows.map((r) => [r.role, r.roleId, r.restrictions, r.status])).toEqual([
      ["Desk", deskId, ["no_snippets"], "ready"],
      ["Chief", chiefId, [], "ready"],
      ["nobody", null, [], "levelNotAllowed"],
    ]);
    const sent = await sendBulkInviteAction(ws.workspaceId, { rows });
    expect(sent.ok && sent.data.counts).toEqual({ sent: 2, levelNotAllowed: 1 });
    const stored = await t.db
      .selectFrom("invitations")
      .select(["email", "role", "role_id"])
      .where("email", "in", [rows[0].email, rows[1].email])
      .orderBy("role")
      .execute();
    expect(stored.map((s) => [s.role, s.role_id])).toEqual([
      ["agent", deskId],
      ["owner", chiefId],
    ]);
    await asUser(managerId);
    const m = await previewBulkInviteAction(ws.workspaceId, {
      rows: [
        { email: uniqueEmail(), role: "desk", restrictions: [] },
        { email: uniqueEmail(), role: "auditor", restrictions: [] },
      ],
    });
    expect(m.ok && m.data.rows.map((r) => r.status)).toEqual(["ready", "levelNotAllowed"]);
  });
});

describe("deactivate and reactivate keep the role", () => {
  it("role_id goes to the set-aside row and comes back", async () => {
    await asUser(ws.ownerId);
    const holder = await addRoleMember(t.db, ws, deskId, { restrictions: ["see_self"] });
    expect((await deactivateMemberAction(ws.workspaceId, { userId: holder })).ok).toBe(true);
    expect(
      await t.db
        .selectFrom("deactivated_members")
        .select(["role", "role_id", "restrictions"])
        .where("user_id", "=", holder)
        .executeTakeFirst(),
    ).toEqual({ role: "agent", role_id: deskId, restrictions: ["see_self"] });
    expect((await reactivateMemberAction(ws.workspaceId, { userId: holder })).ok).toBe(true);
    expect(await memberRow(holder)).toEqual({ role: "agent", role_id: deskId, restrictions: ["see_self"] });
  });

  it("a Manager reactivates only a member whose role they may grant; the Auditor stays set aside", async () => {
    await asUser(ws.ownerId);
    const desk = await addRoleMember(t.db, ws, deskId);
    const auditor = await addRoleMember(t.db, ws, auditorId);
    for (const userId of [desk, auditor])
      expect((await deactivateMemberAction(ws.workspaceId, { userId })).ok).toBe(true);
    await asUser(managerId);
    const before = await snapshot(t.db, { ignoreActivity: true });
    const refused = await reactivateMemberAction(ws.workspaceId, { userId: auditor });
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
    expect((await reactivateMemberAction(ws.workspaceId, { userId: desk })).ok).toBe(true);
    expect(await memberRow(desk)).toMatchObject({ role_id: deskId });
  });
});

describe("the last built-in Owner", () => {
  it("an Owner-like custom member can be deactivated and revoked while one built-in Owner remains", async () => {
    // One built-in Owner (the actor) and two Owner-like custom members.
    await asUser(ws.ownerId);
    const chief = await addRoleMember(t.db, ws, chiefId);
    const chief2 = await addRoleMember(t.db, ws, chiefId);
    expect((await deactivateMemberAction(ws.workspaceId, { userId: chief })).ok).toBe(true);
    expect((await revokeMemberAction(ws.workspaceId, { userId: chief2 })).ok).toBe(true);
  });

  it("demoting the last built-in Owner (to a custom role too) is refused even with Owner-like custom members", async () => {
    const chief = await addRoleMember(t.db, ws, chiefId);
    // The Chief manages users (Owner base): they act on the one built-in Owner.
    await asUser(chief);
    const before = await snapshot(t.db, { ignoreActivity: true });
    for (const choice of [
      { role: "owner", roleId: chiefId },
      { role: "manager", roleId: null },
    ] as const) {
      const r = await updateMemberAccessAction(ws.workspaceId, { userId: ws.ownerId, ...choice, restrictions: [] });
      expect(r).toMatchObject({ ok: false, code: "conflict", message: en("users.errors.lastOwner") });
    }
    expect((await deactivateMemberAction(ws.workspaceId, { userId: ws.ownerId })).ok).toBe(false);
    expect((await revokeMemberAction(ws.workspaceId, { userId: ws.ownerId })).ok).toBe(false);
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });
});
