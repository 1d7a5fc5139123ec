// The finer rules of Settings → Roles (docs/PERMISSIONS.md, Custom roles): names, the fixed base, what an
// update does to holders, and delete — refused while held, or moving everyone first in one transaction.
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  createRoleAction,
  deleteRoleAction,
  duplicateRoleAction,
  updateRoleAction,
} from "@/app/w/[workspaceId]/settings/roles/actions";
import { authorize } from "@/lib/access/guard";
import { deactivateMember } from "@/lib/services/deactivation";
import { setupTestDb } from "@/tests/helpers/db";
import { asUser, createWorkspace, uniqueEmail, type TestWorkspace } from "@/tests/helpers/request";
import { actorFor, en, insertInvitation, snapshot } from "../users/support";
import { addRoleMember, insertRole } from "./roles-scene";

vi.mock("@/lib/services/webhooks", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  kickWebhooks: vi.fn(),
}));

const t = setupTestDb();
let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createWorkspace();
  await asUser(ws.ownerId);
});

const create = (name: string, extra: Record<string, unknown> = {}) =>
  createRoleAction(ws.workspaceId, { name, base: "agent", permissions: ["inbox.view"], ...extra });

describe("role names", () => {
  it("are trimmed, any script, 1–60 characters", async () => {
    const ok = await create("  Équipe de nuit  ");
    expect(ok.ok).toBe(true);
    expect((await create("فريق المساء")).ok).toBe(true);
    expect((await create("x".repeat(60))).ok).toBe(true);
    const long = await create("x".repeat(61));
    expect(long).toMatchObject({
      ok: false,
      code: "invalidInput",
      fieldErrors: { name: en("errors.roles.nameTooLong") },
    });
    const blank = await create("   ");
    expect(blank).toMatchObject({ ok: false, fieldErrors: { name: en("errors.roles.nameRequired") } });
    const names = await t.db
      .selectFrom("workspace_roles")
      .select("name")
      .where("workspace_id", "=", ws.workspaceId)
      .execute();
    expect(names.map((r) => r.name).sort()).toEqual(["x".repeat(60), "Équipe de nuit", "فريق المساء"].sort());
  });

  it("are unique per workspace, case-insensitively (another workspace may reuse one)", async () => {
    expect((await create("Supervisor")).ok).toBe(true);
    const again = await create("  SUPERVISOR ");
    expect(again).toMatchObject({ ok: false, code: "conflict", fieldErrors: { name: en("errors.roles.nameTaken") } });
    const other = await createWorkspace();
    await asUser(other.ownerId);
    expect((await createRoleAction(other.workspaceId, { name: "supervisor", base: "manager" })).ok).toBe(true);
  });

  it("two creates of one name racing: one wins, the other gets the same field error", async () => {
    const results = await Promise.all([create("Twin"), create("twin")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ fieldErrors: { name: en("errors.roles.nameTaken") } });
  });

  it("refuses the built-in level names in English and Arabic", async () => {
    for (const name of ["Owner", "manager", " AGENT ", "مالك", "مدير", "موظف"]) {
      const before = await snapshot(t.db, { ignoreActivity: true });
      const r = await create(name);
      expect(r, name).toMatchObject({ ok: false, fieldErrors: { name: en("errors.roles.nameReserved") } });
      expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
    }
  });

  it("a rename onto another role's name is refused; duplicate numbers its copies", async () => {
    const a = await create("Alpha");
    await create("Beta");
    if (!a.ok) throw new Error("create failed");
    const r = await updateRoleAction(ws.workspaceId, {
      roleId: a.data.id,
      name: "beta",
      permissions: [],
      visibility: "all",
    });
    expect(r).toMatchObject({ ok: false, fieldErrors: { name: en("errors.roles.nameTaken") } });
    const c1 = await duplicateRoleAction(ws.workspaceId, { roleId: a.data.id });
    const c2 = await duplicateRoleAction(ws.workspaceId, { roleId: a.data.id });
    expect([c1.ok && c1.data.name, c2.ok && c2.data.name]).toEqual(["Copy of Alpha", "Copy of Alpha (2)"]);
  });
});

describe("permissions and base", () => {
  it("the base is fixed: an update keeps it and cleans the set for it", async () => {
    const id = await insertRole(t.db, ws.workspaceId, { name: "Desk", base: "agent", permissions: ["inbox.view"] });
    const r = await updateRoleAction(ws.workspaceId, {
      roleId: id,
      name: "Desk",
      permissions: ["inbox.view", "users.manage", "settings.view", "audit.view"],
      visibility: "self",
      // Not part of the schema: ignored.
      base: "owner",
    } as never);
    expect(r.ok).toBe(true);
    const row = await t.db.selectFrom("workspace_roles").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      base: "agent",
      permissions: ["inbox.view", "settings.view", "audit.view", "account.edit"],
      visibility: "self",
    });
  });

  it("an update bumps every holder's version, and their next authorize() sees the new set", async () => {
    const id = await insertRole(t.db, ws.workspaceId, {
      name: "Supervisor",
      base: "manager",
      permissions: ["reports.view", "inbox.view"],
    });
    const holder = await addRoleMember(t.db, ws, id);
    const other = await addRoleMember(
      t.db,
      ws,
      await insertRole(t.db, ws.workspaceId, { name: "Other", base: "agent", permissions: [] }),
    );
    const versions = async () =>
      Object.fromEntries(
        (
          await t.db
            .selectFrom("workspace_members")
            .select(["user_id", "version"])
            .where("workspace_id", "=", ws.workspaceId)
            .execute()
        ).map((r) => [r.user_id, r.version]),
      );
    const before = await versions();
    await asUser(holder);
    expect((await authorize(ws.workspaceId, ["reports.view"])).ok).toBe(true);
    await asUser(ws.ownerId);
    const r = await updateRoleAction(ws.workspaceId, {
      roleId: id,
      name: "Supervisor",
      permissions: ["inbox.view"],
      visibility: "all",
    });
    expect(r).toMatchObject({ ok: true, data: { members: 1 } });
    const after = await versions();
    expect(after[holder]).toBe(before[holder] + 1);
    expect(after[other]).toBe(before[other]);
    expect(after[ws.ownerId]).toBe(before[ws.ownerId]);
    await asUser(holder);
    expect(await authorize(ws.workspaceId, ["reports.view"])).toMatchObject({ ok: false, status: 403 });
    expect((await authorize(ws.workspaceId, ["inbox.view"])).ok).toBe(true);
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "role.updated")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_id: ws.ownerId,
      target: id,
      before: { name: "Supervisor", base: "manager", permissions: ["reports.view", "inbox.view", "account.edit"] },
      after: { name: "Supervisor", base: "manager", permissions: ["inbox.view", "account.edit"] },
    });
  });

  it("a role of another workspace is not found (update, duplicate, delete) and nothing changes", async () => {
    const other = await createWorkspace();
    const foreign = await insertRole(t.db, other.workspaceId, { name: "Theirs", base: "agent", permissions: [] });
    const before = await snapshot(t.db, { ignoreActivity: true });
    const calls = [
      await updateRoleAction(ws.workspaceId, { roleId: foreign, name: "Mine", permissions: [], visibility: "all" }),
      await duplicateRoleAction(ws.workspaceId, { roleId: foreign }),
      await deleteRoleAction(ws.workspaceId, { roleId: foreign }),
      await deleteRoleAction(ws.workspaceId, { roleId: "not-a-uuid" }),
    ];
    expect(calls.map((c) => !c.ok && c.code)).toEqual(["notFound", "notFound", "notFound", "invalidInput"]);
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });
});

describe("delete", () => {
  async function heldScene() {
    const id = await insertRole(t.db, ws.workspaceId, {
      name: "Night",
      base: "agent",
      permissions: ["inbox.view", "contacts.view"],
      visibility: "team",
    });
    const active = await addRoleMember(t.db, ws, id, { restrictions: ["see_self", "no_snippets"] });
    const setAside = await addRoleMember(t.db, ws, id, { restrictions: ["no_snippets"] });
    const owner = await actorFor(t.db, ws.workspaceId, ws.ownerId);
    await deactivateMember(t.db, owner, { userId: setAside, reassignTo: null });
    const pending = await insertInvitation(t.db, {
      workspaceId: ws.workspaceId,
      email: uniqueEmail(),
      restrictions: ["see_team"],
      invitedBy: ws.ownerId,
    });
    const accepted = await insertInvitation(t.db, {
      workspaceId: ws.workspaceId,
      email: uniqueEmail(),
      invitedBy: ws.ownerId,
    });
    await t.db.updateTable("invitations").set({ role_id: id }).where("id", "in", [pending.id, accepted.id]).execute();
    await t.db.updateTable("invitations").set({ accepted_at: new Date() }).where("id", "=", accepted.id).execute();
    return { id, active, setAside, pending: pending.id, accepted: accepted.id };
  }

  it("is refused while members, deactivated members or pending invitations hold the role, with the counts", async () => {
    const s = await heldScene();
    const before = await snapshot(t.db, { ignoreActivity: true });
    const r = await deleteRoleAction(ws.workspaceId, { roleId: s.id });
    expect(r).toMatchObject({
      ok: false,
      code: "conflict",
      details: { members: "1", deactivated: "1", invitations: "1" },
    });
    expect(!r.ok && r.message).toBe(
      "This role is still held by 1 member, 1 deactivated member and 1 pending invitation. Move them to another role first.",
    );
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });

  it("with a move to a Manager-based role: everyone moves (restrictions cleaned, versions bumped), then it goes", async () => {
    const s = await heldScene();
    const lead = await insertRole(t.db, ws.workspaceId, { name: "Lead", base: "manager", permissions: ["inbox.view"] });
    const v = await t.db
      .selectFrom("workspace_members")
      .select("version")
      .where("user_id", "=", s.active)
      .executeTakeFirstOrThrow();
    const r = await deleteRoleAction(ws.workspaceId, { roleId: s.id, moveTo: { role: "manager", roleId: lead } });
    expect(r).toMatchObject({ ok: true, data: { moved: { members: 1, deactivated: 1, invitations: 1 } } });
    expect(
      await t.db.selectFrom("workspace_roles").select("id").where("id", "=", s.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await t.db
        .selectFrom("workspace_members")
        .select(["role", "role_id", "restrictions", "version"])
        .where("user_id", "=", s.active)
        .executeTakeFirst(),
    ).toEqual({ role: "manager", role_id: lead, restrictions: [], version: v.version + 1 });
    expect(
      await t.db
        .selectFrom("deactivated_members")
        .select(["role", "role_id", "restrictions"])
        .where("user_id", "=", s.setAside)
        .executeTakeFirst(),
    ).toEqual({ role: "manager", role_id: lead, restrictions: [] });
    const invs = await t.db
      .selectFrom("invitations")
      .select(["id", "role", "role_id", "restrictions"])
      .orderBy("id")
      .execute();
    expect(invs.find((i) => i.id === s.pending)).toMatchObject({ role: "manager", role_id: lead, restrictions: [] });
    // The accepted one keeps its level and loses the reference.
    expect(invs.find((i) => i.id === s.accepted)).toMatchObject({ role: "agent", role_id: null });
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "role.deleted")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ target: s.id, before: { name: "Night", base: "agent" } });
  });

  it("with a move to the built-in Agent level: Agent options that apply are kept", async () => {
    const s = await heldScene();
    const r = await deleteRoleAction(ws.workspaceId, { roleId: s.id, moveTo: { role: "agent", roleId: null } });
    expect(r.ok).toBe(true);
    expect(
      await t.db
        .selectFrom("workspace_members")
        .select(["role", "role_id", "restrictions"])
        .where("user_id", "=", s.active)
        .executeTakeFirst(),
    ).toEqual({ role: "agent", role_id: null, restrictions: ["see_self", "no_snippets"] });
  });

  it("an Owner may move everyone to the built-in Owner level (more built-in Owners)", async () => {
    const s = await heldScene();
    const r = await deleteRoleAction(ws.workspaceId, { roleId: s.id, moveTo: { role: "owner", roleId: null } });
    expect(r.ok).toBe(true);
    expect(
      await t.db
        .selectFrom("workspace_members")
        .select(["role", "role_id", "restrictions"])
        .where("user_id", "=", s.active)
        .executeTakeFirst(),
    ).toEqual({ role: "owner", role_id: null, restrictions: [] });
  });

  it("a move to itself, to a role of another workspace or with a base that is not the role's is refused; nothing changes", async () => {
    const s = await heldScene();
    const other = await createWorkspace();
    const foreign = await insertRole(t.db, other.workspaceId, { name: "Theirs", base: "agent", permissions: [] });
    const lead = await insertRole(t.db, ws.workspaceId, { name: "Lead", base: "manager", permissions: [] });
    const before = await snapshot(t.db, { ignoreActivity: true });
    const results = [
      await deleteRoleAction(ws.workspaceId, { roleId: s.id, moveTo: { role: "agent", roleId: s.id } }),
      await deleteRoleAction(ws.workspaceId, { roleId: s.id, moveTo: { role: "agent", roleId: foreign } }),
      await deleteRoleAction(ws.workspaceId, { roleId: s.id, moveTo: { role: "agent", roleId: lead } }),
    ];
    expect(results.map((r) => !r.ok && r.fieldErrors?.moveTo)).toEqual([
      en("errors.roles.moveToSame"),
      en("errors.roles.unknown"),
      en("errors.roles.unknown"),
    ]);
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });
});

it("a deleted role's former holder works at the level they were moved to on their next request", async () => {
  const id = await insertRole(t.db, ws.workspaceId, { name: "Temp", base: "agent", permissions: ["reports.view"] });
  const holder = await addRoleMember(t.db, ws, id);
  await deleteRoleAction(ws.workspaceId, { roleId: id, moveTo: { role: "agent", roleId: null } });
  await asUser(holder);
  expect(await authorize(ws.workspaceId, ["reports.view"])).toMatchObject({ ok: false, status: 403 });
  expect((await authorize(ws.workspaceId, ["inbox.view"])).ok).toBe(true);
});
