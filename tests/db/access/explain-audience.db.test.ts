import { describe, expect, it } from "vitest";
import { contactAudienceAction, contactAudienceWhyAction } from "@/app/w/[workspaceId]/contacts/actions";
import { explainAccessAction } from "@/app/w/[workspaceId]/settings/users/actions";
import { loadMember, type Actor as ServiceActor } from "@/lib/access/member";
import { listContacts } from "@/lib/services/contacts";
import { deactivateMember } from "@/lib/services/deactivation";
import type { PermissionExplanation } from "@/lib/access/explain";
import { setupTestDb } from "@/tests/helpers/db";
import { addCustomRole, addMember, createUser, createWorkspace } from "@/tests/helpers/fixtures";
import { asUser } from "@/tests/helpers/request";
import { CONTACT_KEYS, buildScene, type Scene } from "../contacts/scene";

// Explain access (Settings → Users) and who can see this contact (a contact's page), for every actor of the
// brief, allowed and denied; both are reads, and a refusal leaves the database as it was.

const t = setupTestDb();

const ACTORS = [
  "owner",
  "manager",
  "managerNoDelete",
  "managerNoExport",
  "managerNoSettings",
  "managerNoIntegrations",
  "agent",
  "agentContacts",
  "supervisor",
  "outsider",
  "deactivated",
  "revoked",
  "anonymous",
] as const;
type ActorKey = (typeof ACTORS)[number];
type Outcome = "ok" | "forbidden" | "notFound" | "unauthenticated";

const EXPLAIN: Record<ActorKey, Outcome> = {
  owner: "ok",
  manager: "ok",
  managerNoDelete: "ok",
  managerNoExport: "ok",
  managerNoSettings: "forbidden",
  managerNoIntegrations: "ok",
  agent: "forbidden",
  agentContacts: "forbidden",
  // A manager-like custom role with reports and the inbox only: no settings.
  supervisor: "forbidden",
  outsider: "notFound",
  deactivated: "notFound",
  revoked: "notFound",
  anonymous: "unauthenticated",
};
const AUDIENCE: Record<ActorKey, Outcome> = {
  owner: "ok",
  manager: "ok",
  managerNoDelete: "ok",
  managerNoExport: "ok",
  managerNoSettings: "ok",
  managerNoIntegrations: "ok",
  // Agent-like members are refused even with the contacts module: their view is not the workspace's.
  agent: "forbidden",
  agentContacts: "forbidden",
  // Manager-like but without contacts.view.
  supervisor: "forbidden",
  outsider: "notFound",
  deactivated: "notFound",
  revoked: "notFound",
  anonymous: "unauthenticated",
};

interface World {
  ws: { workspaceId: string; ownerId: string };
  ids: Record<Exclude<ActorKey, "anonymous">, string>;
  /** A Manager restricted from exporting (the explained member), a deactivated Agent, another workspace's user. */
  target: string;
  reporter: string;
  contactId: string;
  foreignContactId: string;
}

async function world(): Promise<World> {
  const db = t.db;
  const ws = await createWorkspace({ name: "Explain" });
  const other = await createWorkspace({ name: "Other" });
  const ids = { owner: ws.ownerId, outsider: other.ownerId } as World["ids"];
  const plain: [ActorKey, "manager" | "agent", string[]][] = [
    ["manager", "manager", []],
    ["managerNoDelete", "manager", ["no_contact_delete"]],
    ["managerNoExport", "manager", ["no_export"]],
    ["managerNoSettings", "manager", ["no_settings"]],
    ["managerNoIntegrations", "manager", ["no_integrations"]],
    ["agent", "agent", []],
    ["agentContacts", "agent", ["contacts"]],
    ["deactivated", "manager", []],
    ["revoked", "manager", []],
  ];
  for (const [key, role, restrictions] of plain) {
    const user = await createUser({ name: `User ${key}` });
    await addMember(ws, user, role, restrictions);
    (ids as Record<string, string>)[key] = user.id;
  }
  const supervisorRole = await addCustomRole(ws, {
    name: "Supervisor",
    base: "manager",
    permissions: ["reports.view", "inbox.view"],
  });
  const supervisor = await createUser({ name: "User supervisor" });
  await addMember(ws, supervisor, "manager", [], undefined, { roleId: supervisorRole });
  ids.supervisor = supervisor.id;
  // Not an actor: a role with neither the inbox nor contacts reaches no contact at all.
  const reportsRole = await addCustomRole(ws, { name: "Reports only", base: "manager", permissions: ["reports.view"] });
  const reporter = await createUser({ name: "Reporter" });
  await addMember(ws, reporter, "manager", [], undefined, { roleId: reportsRole });
  const owner: ServiceActor = { member: (await loadMember(db, ws.workspaceId, ws.ownerId))!, ip: "127.0.0.1" };
  await deactivateMember(db, owner, { userId: ids.deactivated, reassignTo: null });
  await db
    .deleteFrom("workspace_members")
    .where("workspace_id", "=", ws.workspaceId)
    .where("user_id", "=", ids.revoked)
    .execute();
  const contact = await db
    .insertInto("contacts")
    .values({ workspace_id: ws.workspaceId, name: "Dana", assignee_id: ids.agent })
    .returning("id")
    .executeTakeFirstOrThrow();
  const foreign = await db
    .insertInto("contacts")
    .values({ workspace_id: other.workspaceId, name: "Foreign" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return {
    ws,
    ids,
    target: ids.managerNoExport,
    reporter: reporter.id,
    contactId: contact.id,
    foreignContactId: foreign.id,
  };
}

const outcome = (r: { ok: boolean; code?: string }): Outcome => (r.ok ? "ok" : (r.code as Outcome));
const signIn = (w: World, actor: ActorKey) => asUser(actor === "anonymous" ? null : w.ids[actor]);

/** Rows that would move if a refused read wrote anything. */
async function snapshot() {
  const count = async (table: "workspace_members" | "deactivated_members" | "audit_log" | "contacts") =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    members: await count("workspace_members"),
    deactivated: await count("deactivated_members"),
    audit: await count("audit_log"),
    contacts: await count("contacts"),
  };
}

describe("explainAccessAction, every actor", () => {
  it.each(ACTORS)("%s", async (actor) => {
    const w = await world();
    await signIn(w, actor);
    const before = await snapshot();
    const result = await explainAccessAction(w.ws.workspaceId, { userId: w.target });
    expect(outcome(result)).toBe(EXPLAIN[actor]);
    if (!result.ok) {
      expect(await snapshot()).toEqual(before);
      return;
    }
    const byPermission = new Map(result.data.permissions.map((p: PermissionExplanation) => [p.permission, p]));
    expect(byPermission.get("data.export")).toEqual({
      permission: "data.export",
      allowed: false,
      reason: { kind: "restriction", restriction: "no_export" },
    });
    expect(byPermission.get("reports.view")?.allowed).toBe(true);
    expect(result.data).toMatchObject({ role: "manager", deactivated: false, name: "User managerNoExport" });
    // Another workspace's user, a revoked one and malformed ids are not found; a deactivated one is explained.
    for (const userId of [w.ids.outsider, w.ids.revoked, "not-a-uuid", "", "00000000-0000-0000-0000-000000000000"])
      expect(outcome(await explainAccessAction(w.ws.workspaceId, { userId })), userId).toBe("notFound");
    const set = await explainAccessAction(w.ws.workspaceId, { userId: w.ids.deactivated });
    expect(set).toMatchObject({ ok: true, data: { deactivated: true, role: "manager" } });
  });

  it("a custom role's member: the role's name is the reason", async () => {
    const w = await world();
    await signIn(w, "owner");
    const result = await explainAccessAction(w.ws.workspaceId, { userId: w.ids.supervisor });
    if (!result.ok) throw new Error(result.message);
    const reasons = Object.fromEntries(result.data.permissions.map((p) => [p.permission, p]));
    expect(reasons["reports.view"]).toMatchObject({ allowed: true, reason: { kind: "role", name: "Supervisor" } });
    expect(reasons["dashboard.view"]).toMatchObject({ allowed: false, reason: { kind: "role", grants: false } });
    expect(result.data.roleName).toBe("Supervisor");
  });
});

describe("contactAudienceAction and contactAudienceWhyAction, every actor", () => {
  it.each(ACTORS)("%s", async (actor) => {
    const w = await world();
    await signIn(w, actor);
    const before = await snapshot();
    const list = await contactAudienceAction(w.ws.workspaceId, { contactId: w.contactId });
    const why = await contactAudienceWhyAction(w.ws.workspaceId, { contactId: w.contactId, userId: w.ids.agent });
    expect(outcome(list)).toBe(AUDIENCE[actor]);
    expect(outcome(why)).toBe(AUDIENCE[actor]);
    if (!list.ok) {
      expect(await snapshot()).toEqual(before);
      return;
    }
    // Every active member sees all (or, the Agent, holds the contact), but the reports-only role reaches none.
    expect(list.data.total).toBe(9);
    expect(list.data.people.map((p) => p.userId)).toContain(w.ids.supervisor);
    expect(list.data.people.map((p) => p.userId)).not.toContain(w.reporter);
    expect(why).toMatchObject({ ok: true, data: { visible: true, reason: { kind: "all" } } });
    const sup = await contactAudienceWhyAction(w.ws.workspaceId, { contactId: w.contactId, userId: w.reporter });
    expect(sup).toMatchObject({ ok: true, data: { visible: false, reason: { kind: "noAccess" } } });
    // Another workspace's contact, malformed ids, a non-member: not found.
    for (const contactId of [w.foreignContactId, "not-a-uuid", ""])
      expect(outcome(await contactAudienceAction(w.ws.workspaceId, { contactId })), contactId).toBe("notFound");
    for (const userId of [w.ids.outsider, w.ids.revoked, w.ids.deactivated, "nope"])
      expect(
        outcome(await contactAudienceWhyAction(w.ws.workspaceId, { contactId: w.contactId, userId })),
        userId,
      ).toBe("notFound");
  });
});

describe("who can see a contact is who has it in their contacts list", () => {
  it("for every contact of the shared scene, with the reason per member", async () => {
    const scene: Scene = await buildScene();
    await asUser(scene.users.owner.id);
    const members = await t.db
      .selectFrom("workspace_members")
      .select("user_id")
      .where("workspace_id", "=", scene.workspaceId)
      .execute();
    for (const key of CONTACT_KEYS) {
      const contactId = scene.contacts[key].id;
      const seers: string[] = [];
      for (const { user_id } of members) {
        const member = (await loadMember(t.db, scene.workspaceId, user_id))!;
        const listed = await listContacts(t.db, member, { limit: 50 });
        if (listed.rows.some((r) => r.id === contactId)) seers.push(user_id);
      }
      const result = await contactAudienceAction(scene.workspaceId, { contactId });
      if (!result.ok) throw new Error(result.message);
      expect(result.data.people.map((p) => p.userId).sort(), key).toEqual(seers.sort());
      expect(result.data.total).toBe(seers.length);
    }
    const why = async (key: (typeof CONTACT_KEYS)[number], user: { id: string }) => {
      const r = await contactAudienceWhyAction(scene.workspaceId, {
        contactId: scene.contacts[key].id,
        userId: user.id,
      });
      if (!r.ok) throw new Error(r.message);
      return [r.data.visible, r.data.reason.kind, r.data.visibility.reason.kind];
    };
    const u = scene.users;
    expect(await why("ofSelf", u.agentSelf)).toEqual([true, "assignee", "restriction"]);
    expect(await why("ofMate", u.agentSelf)).toEqual([false, "notAssignee", "restriction"]);
    expect(await why("ofMate", u.agentTeam)).toEqual([true, "team", "restriction"]);
    expect(await why("ofOwner", u.agentTeam)).toEqual([false, "notTeam", "restriction"]);
    expect(await why("unassigned", u.agentSelf)).toEqual([false, "unassigned", "restriction"]);
    expect(await why("unassigned", u.manager)).toEqual([true, "all", "level"]);
  });
});
