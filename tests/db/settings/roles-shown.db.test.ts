// Where a custom role shows (docs/PRODUCT.md, Roles): the Users list (name, filter), the report grouped by role,
// the organization's users page. Read paths only; each tenant-scoped.
import { beforeEach, describe, expect, it } from "vitest";
import { listPeople } from "@/lib/services/members";
import { listOrgUsers } from "@/lib/services/org";
import { usersReportByRole } from "@/lib/services/reports";
import { countHolding, roleFilterOf } from "@/lib/services/roles";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, createUser, createWorkspace, uniqueEmail, type TestWorkspace } from "@/tests/helpers/request";
import { insertContacts, insertInvitation } from "../users/support";
import { addRoleMember, insertRole } from "./roles-scene";

const t = setupTestDb();
let ws: TestWorkspace;
let supervisor: string;
let sup: string;
let agent: string;
let invitationEmail: string;
beforeEach(async () => {
  ws = await createWorkspace({ name: "Shown" });
  supervisor = await insertRole(t.db, ws.workspaceId, {
    name: "Supervisor",
    base: "manager",
    permissions: ["reports.view"],
  });
  sup = await addRoleMember(t.db, ws, supervisor, { name: "Sup One" });
  const a = await createUser({ name: "Plain Agent" });
  await addMember(ws, a, "agent");
  agent = a.id;
  await insertContacts(t.db, ws.workspaceId, sup, 3);
  invitationEmail = uniqueEmail("sup-invite");
  const inv = await insertInvitation(t.db, {
    workspaceId: ws.workspaceId,
    email: invitationEmail,
    role: "manager",
    invitedBy: ws.ownerId,
  });
  await t.db.updateTable("invitations").set({ role_id: supervisor }).where("id", "=", inv.id).execute();
  // Another workspace's role of the same name, with a member: never counted here.
  const other = await createWorkspace();
  await addRoleMember(
    t.db,
    other,
    await insertRole(t.db, other.workspaceId, { name: "Supervisor", base: "manager", permissions: [] }),
  );
});

describe("the Users list", () => {
  it("names the custom role beside its base, for members and invitations", async () => {
    const page = await listPeople(t.db, ws.workspaceId, { q: "", limit: 50 });
    const byId = new Map(page.rows.map((r) => [r.kind === "member" ? r.id : r.email, r]));
    expect(byId.get(sup)).toMatchObject({ role: "manager", roleId: supervisor, roleName: "Supervisor" });
    expect(byId.get(agent)).toMatchObject({ role: "agent", roleId: null, roleName: null });
    expect(byId.get(invitationEmail)).toMatchObject({ role: "manager", roleId: supervisor, roleName: "Supervisor" });
  });

  it("filters by a level (people without a custom role) or by a custom role; a foreign or bad value is no filter", async () => {
    const only = async (value: string) => {
      const role = await roleFilterOf(t.db, ws.workspaceId, value);
      const page = await listPeople(t.db, ws.workspaceId, { q: "", limit: 50, role });
      return page.rows.map((r) => (r.kind === "member" ? r.id : r.email)).sort();
    };
    expect(await only(supervisor)).toEqual([sup, invitationEmail].sort());
    expect(await only("manager")).toEqual([]);
    expect(await only("agent")).toEqual([agent]);
    expect(await only("owner")).toEqual([ws.ownerId]);
    expect(await roleFilterOf(t.db, ws.workspaceId, "boss")).toBeUndefined();
    expect(await roleFilterOf(t.db, ws.workspaceId, "00000000-0000-4000-8000-000000000000")).toBeUndefined();
    expect(await countHolding(t.db, ws.workspaceId, { role: "manager", roleId: supervisor })).toBe(2);
    expect(await countHolding(t.db, ws.workspaceId, { role: "manager", roleId: supervisor }, "sup one")).toBe(1);
  });
});

it("the report grouped by role: levels first, then custom roles, with their members' counts", async () => {
  const rows = await usersReportByRole(t.db, ws.workspaceId);
  expect(rows).toEqual([
    { role: "owner", roleId: null, roleName: null, members: 1, assignedContacts: 0, messagesSent7d: 0 },
    { role: "agent", roleId: null, roleName: null, members: 1, assignedContacts: 0, messagesSent7d: 0 },
    { role: "manager", roleId: supervisor, roleName: "Supervisor", members: 1, assignedContacts: 3, messagesSent7d: 0 },
  ]);
});

it("the organization's users page names the custom role per workspace", async () => {
  const { rows } = await listOrgUsers(t.db, ws.orgId, { q: "", limit: 50 });
  const row = rows.find((r) => r.userId === sup)!;
  expect(row.workspaces).toEqual([{ id: ws.workspaceId, name: "Shown", role: "manager", roleName: "Supervisor" }]);
  expect(rows.find((r) => r.userId === agent)!.workspaces).toEqual([
    { id: ws.workspaceId, name: "Shown", role: "agent", roleName: null },
  ]);
});
