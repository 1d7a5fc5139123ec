// Deactivate and reactivate (docs/PRODUCT.md, Users page, Deactivate): what deactivation keeps and hands over,
// that the very next request of a deactivated member is refused everywhere, what reactivation restores, the
// give-back, the seats, and every list that must not show a deactivated member.
import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import {
  deactivateMemberAction,
  getRevokeInfo,
  inviteUser,
  reactivateMemberAction,
  revokeMemberAction,
} from "@/app/w/[workspaceId]/settings/users/actions";
import { GET as exportGET } from "@/app/w/[workspaceId]/settings/users/export/route";
import { POST as heartbeatPOST } from "@/app/api/presence/heartbeat/route";
import { GET as streamGET } from "@/app/api/presence/stream/route";
import { requireMember } from "@/lib/access/guard";
import { loadClaims } from "@/lib/auth/load-claims";
import { forgetHeartbeat, heartbeat, onlineMemberIds } from "@/lib/presence/service";
import { countReturnable } from "@/lib/services/deactivation";
import { countMembers, listPeople, listReassignTargets } from "@/lib/services/members";
import { billingSummary } from "@/lib/services/org";
import { listUserWorkspaces } from "@/lib/services/user-workspaces";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace, navigation, uniqueEmail } from "@/tests/helpers/request";
import { en, insertContacts, insertTeam, membership, snapshot, handedOver } from "./support";

const t = setupTestDb();
afterEach(() => forgetHeartbeat());

/** Owner + Manager + two Agents; the first Agent holds 4 contacts and is in two teams. */
async function scene() {
  const ws = await createWorkspace();
  const manager = await createUser({ name: "Manager" });
  const agent = await createUser({ name: "Agent" });
  const agent2 = await createUser({ name: "Agent Two" });
  await addMember(ws, manager, "manager");
  await addMember(ws, agent, "agent", ["see_team", "contacts"]);
  await addMember(ws, agent2, "agent");
  const contacts = await insertContacts(t.db, ws.workspaceId, agent.id, 4);
  const sales = await insertTeam(t.db, ws.workspaceId, "Sales", [agent.id, agent2.id]);
  const billing = await insertTeam(t.db, ws.workspaceId, "Billing", [agent.id]);
  return {
    ws,
    w: ws.workspaceId,
    owner: ws.ownerId,
    manager: manager.id,
    agent: agent.id,
    agent2: agent2.id,
    contacts,
    sales,
    billing,
  };
}
type Scene = Awaited<ReturnType<typeof scene>>;

const deactivate = async (s: Scene, userId: string, reassignTo: string | null = null, as = s.owner) => {
  await asUser(as);
  const result = await deactivateMemberAction(s.w, { userId, reassignTo });
  expect(result, "deactivated").toMatchObject({ ok: true });
  return result;
};
const assigneeOf = async (ids: string[]) =>
  Object.fromEntries(
    (await t.db.selectFrom("contacts").select(["id", "assignee_id"]).where("id", "in", ids).execute()).map((r) => [
      r.id,
      r.assignee_id,
    ]),
  );
const teamsOf = async (w: string, userId: string) =>
  (
    await t.db
      .selectFrom("team_members")
      .select("team_id")
      .where("workspace_id", "=", w)
      .where("user_id", "=", userId)
      .orderBy("team_id")
      .execute()
  ).map((r) => r.team_id);

describe("deactivating", () => {
  it("keeps level, restrictions and teams aside, hands the contacts to the chosen member, audits and queues the event", async () => {
    const s = await scene();
    await t.db
      .insertInto("webhooks")
      .values({
        workspace_id: s.w,
        url: "https://hooks.example.com/in",
        secret: "whsec_fixture",
        created_by: s.owner,
        events: ["member.deactivated", "member.reactivated"],
      })
      .execute();
    const before = await membership(t.db, s.w, s.agent);
    const result = await deactivate(s, s.agent, s.agent2);
    expect(result).toMatchObject({ ok: true, data: { contactsMoved: 4, reassignedTo: s.agent2, teams: 2 } });
    expect(await membership(t.db, s.w, s.agent)).toBeUndefined();
    const kept = await t.db
      .selectFrom("deactivated_members")
      .selectAll()
      .where("workspace_id", "=", s.w)
      .where("user_id", "=", s.agent)
      .executeTakeFirstOrThrow();
    expect(kept).toMatchObject({
      role: "agent",
      restrictions: ["see_team", "contacts"],
      team_ids: [s.sales, s.billing].sort(),
      deactivated_by: s.owner,
      version: before!.version + 1,
    });
    expect(Object.values(await assigneeOf(s.contacts))).toEqual([s.agent2, s.agent2, s.agent2, s.agent2]);
    const handed = await handedOver(t.db, s.w, s.agent);
    expect(handed.map((h) => h.contact_id).sort()).toEqual([...s.contacts].sort());
    expect(new Set(handed.map((h) => h.received_by))).toEqual(new Set([s.agent2]));
    const entry = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "member.deactivated")
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      workspace_id: s.w,
      actor_id: s.owner,
      target: s.agent,
      before: { role: "agent", restrictions: ["see_team", "contacts"] },
      after: { contactsMoved: 4, reassignedTo: s.agent2, teams: 2 },
    });
    const events = await t.db
      .selectFrom("webhook_deliveries")
      .select(["event", "payload"])
      .where("workspace_id", "=", s.w)
      .execute();
    expect(events.map((e) => e.event)).toEqual(["member.deactivated"]);
    expect(events[0].payload).toMatchObject({ data: { userId: s.agent, contactsMoved: 4, role: "agent" } });
  });

  it("follows revoke's rules: not oneself, Managers only Agents, never the last active Owner, heir active — nothing changes", async () => {
    const s = await scene();
    const refused = async (as: string, input: { userId: string; reassignTo?: string | null }, code: string) => {
      await asUser(as);
      const before = await snapshot(t.db, { ignoreActivity: true });
      expect(await deactivateMemberAction(s.w, input)).toMatchObject({ ok: false, code });
      expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
    };
    await refused(s.owner, { userId: s.owner }, "forbidden");
    await refused(s.manager, { userId: s.owner }, "forbidden");
    const manager2 = await createUser();
    await addMember(s.ws, manager2, "manager");
    await refused(s.manager, { userId: manager2.id }, "forbidden");
    // A second Owner may deactivate the first; then the last active Owner cannot be deactivated by anyone.
    const owner2 = await createUser();
    await addMember(s.ws, owner2, "owner");
    await deactivate(s, s.owner, null, owner2.id);
    // The deactivated Owner cannot receive contacts either.
    await refused(owner2.id, { userId: s.agent, reassignTo: s.owner }, "invalidInput");
    const owner3 = await createUser();
    await addMember(s.ws, owner3, "owner");
    await deactivate(s, owner3.id, null, owner2.id);
    await refused(s.manager, { userId: owner2.id }, "forbidden");
    await asUser(owner2.id);
    expect(await deactivateMemberAction(s.w, { userId: owner2.id, reassignTo: null })).toMatchObject({
      ok: false,
      message: en("users.errors.self"),
    });
    const active = await t.db
      .selectFrom("workspace_members")
      .select("user_id")
      .where("workspace_id", "=", s.w)
      .where("role", "=", "owner")
      .execute();
    expect(active.map((r) => r.user_id)).toEqual([owner2.id]);
  });
});

describe("a deactivated member's very next request", () => {
  it("is refused everywhere a revoked member's is: pages, actions, export, heartbeat, stream; the claims and the switcher drop the workspace", async () => {
    const s = await scene();
    await asUser(s.manager);
    expect((await listUserWorkspaces(t.db, s.manager)).map((w) => w.id)).toContain(s.w);
    expect((await loadClaims(t.db, s.manager))?.ws).toHaveProperty(s.w);
    await deactivate(s, s.manager);
    await asUser(s.manager);
    expect(await navigation(requireMember(s.w, []))).toEqual({ status: 404 });
    expect(await inviteUser(s.w, { email: uniqueEmail(), role: "agent", restrictions: [] })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    expect(await deactivateMemberAction(s.w, { userId: s.agent })).toMatchObject({ ok: false, code: "notFound" });
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
    expect((await listUserWorkspaces(t.db, s.manager)).map((w) => w.id)).not.toContain(s.w);
    expect((await loadClaims(t.db, s.manager))?.ws).not.toHaveProperty(s.w);
  });

  it("an open presence stream gets the revoked event and ends at once", async () => {
    const s = await scene();
    await asUser(s.agent2);
    const res = await streamGET(new Request(`http://localhost/api/presence/stream?workspaceId=${s.w}`));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let ended = false;
    const readTo = async (needle: string, deadline = Date.now() + 5000) => {
      while (!text.includes(needle) && !ended && Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        const next = await Promise.race([
          reader.read(),
          new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), Math.max(1, deadline - Date.now())))),
        ]);
        clearTimeout(timer);
        if (next === "timeout") break;
        if (next.done) ended = true;
        else text += decoder.decode(next.value, { stream: true });
      }
    };
    try {
      await readTo("event: snapshot");
      expect(text).toContain("event: snapshot");
      await deactivate(s, s.agent2);
      await readTo("event: revoked");
      expect(text).toContain("event: revoked");
      await readTo("never", Date.now() + 2000);
      expect(ended, "the stream ends after the deactivation").toBe(true);
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  });
});

describe("lists, counts, pickers and seats", () => {
  it("a deactivated member is not listed, counted, offered as assignee, online, or a seat; the Deactivated filter has them", async () => {
    const s = await scene();
    const seatsBefore = (await billingSummary(t.db, s.ws.orgId)).seatsUsed;
    await heartbeat(t.db, s.agent);
    expect(await onlineMemberIds(t.db, s.w)).toContain(s.agent);
    await deactivate(s, s.agent);
    expect(await onlineMemberIds(t.db, s.w)).not.toContain(s.agent);
    expect((await billingSummary(t.db, s.ws.orgId)).seatsUsed).toBe(seatsBefore - 1);
    expect(await countMembers(t.db, s.w)).toBe(3);
    const people = await listPeople(t.db, s.w, { q: "", limit: 50 });
    expect(people.rows.map((r) => r.id)).not.toContain(s.agent);
    expect((await listReassignTargets(t.db, s.w, s.agent2)).map((r) => r.user_id)).not.toContain(s.agent);
    // The revoke/deactivate dialog's info is for active members only.
    await asUser(s.owner);
    expect(await getRevokeInfo(s.w, { userId: s.agent })).toMatchObject({ ok: false, code: "notFound" });
    // Team visibility: the team-mate relation went with the team rows.
    expect(await teamsOf(s.w, s.agent)).toEqual([]);
    const { listDeactivated } = await import("@/lib/services/deactivated-list");
    const page = await listDeactivated(t.db, s.w, { q: "", limit: 50 });
    expect(page.rows).toEqual([
      expect.objectContaining({ id: s.agent, role: "agent", deactivatedBy: expect.any(String) }),
    ]);
    expect((await listDeactivated(t.db, s.w, { q: "nobody-matches", limit: 50 })).rows).toEqual([]);
  });

  it("the users CSV lists the deactivated member with status deactivated and their kept teams", async () => {
    const s = await scene();
    await deactivate(s, s.agent);
    const res = await exportGET(new Request("http://localhost/"), { params: Promise.resolve({ workspaceId: s.w }) });
    const rows = parse(await res.text(), { bom: true, columns: true }) as Record<string, string>[];
    const agentEmail = (
      await t.db.selectFrom("users").select("email").where("id", "=", s.agent).executeTakeFirstOrThrow()
    ).email;
    const row = rows.find((r) => r.email === agentEmail);
    expect(row).toMatchObject({
      status: "deactivated",
      "access level": "agent",
      teams: "Billing; Sales",
      availability: "offline",
    });
    expect(rows.filter((r) => r.status === "active")).toHaveLength(3);
  });

  it("inviting a deactivated person's address is refused on the email field; revoke removes a deactivated member", async () => {
    const s = await scene();
    await deactivate(s, s.agent);
    const email = (await t.db.selectFrom("users").select("email").where("id", "=", s.agent).executeTakeFirstOrThrow())
      .email;
    await asUser(s.owner);
    expect(await inviteUser(s.w, { email, role: "agent", restrictions: [] })).toMatchObject({
      ok: false,
      code: "conflict",
      fieldErrors: { email: en("errors.users.invite.deactivated") },
    });
    expect(await revokeMemberAction(s.w, { userId: s.agent })).toMatchObject({ ok: true });
    expect(
      await t.db.selectFrom("deactivated_members").select("user_id").where("workspace_id", "=", s.w).execute(),
    ).toEqual([]);
    expect(await reactivateMemberAction(s.w, { userId: s.agent })).toMatchObject({ ok: false, code: "notFound" });
  });
});

describe("reactivating", () => {
  it("restores the level, restrictions and teams (a team deleted meanwhile is skipped); the version moves on", async () => {
    const s = await scene();
    const before = await membership(t.db, s.w, s.agent);
    await deactivate(s, s.agent);
    await t.db.deleteFrom("teams").where("id", "=", s.billing).execute();
    await asUser(s.manager);
    const result = await reactivateMemberAction(s.w, { userId: s.agent });
    expect(result).toMatchObject({ ok: true, data: { role: "agent", teams: 1, contactsReturned: 0 } });
    expect(await membership(t.db, s.w, s.agent)).toMatchObject({
      role: "agent",
      restrictions: ["see_team", "contacts"],
      invited_by: before!.invited_by,
      version: before!.version + 2,
    });
    expect(await teamsOf(s.w, s.agent)).toEqual([s.sales]);
    expect(
      await t.db.selectFrom("deactivated_members").select("user_id").where("workspace_id", "=", s.w).execute(),
    ).toEqual([]);
    expect(
      await t.db
        .selectFrom("audit_log")
        .select(["actor_id", "target"])
        .where("action", "=", "member.reactivated")
        .execute(),
    ).toEqual([{ actor_id: s.manager, target: s.agent }]);
  });

  it("gives back exactly the contacts still where the hand-over put them", async () => {
    const s = await scene();
    await deactivate(s, s.agent, s.agent2);
    const [kept1, kept2, movedOn, deleted] = s.contacts;
    await t.db.updateTable("contacts").set({ assignee_id: s.owner }).where("id", "=", movedOn).execute();
    await t.db.deleteFrom("contacts").where("id", "=", deleted).execute();
    const other = (await insertContacts(t.db, s.w, s.agent2, 1))[0]; // agent2's own: never "given back"
    expect(await countReturnable(t.db, s.w, s.agent)).toBe(2);
    await asUser(s.owner);
    expect(await reactivateMemberAction(s.w, { userId: s.agent, giveBack: true })).toMatchObject({
      ok: true,
      data: { contactsReturned: 2 },
    });
    expect(await assigneeOf([kept1, kept2, movedOn, other])).toEqual({
      [kept1]: s.agent,
      [kept2]: s.agent,
      [movedOn]: s.owner,
      [other]: s.agent2,
    });
  });

  it("gives back unassigned hand-overs that are still unassigned; without give-back nothing moves", async () => {
    const s = await scene();
    await deactivate(s, s.agent, null);
    await t.db.updateTable("contacts").set({ assignee_id: s.agent2 }).where("id", "=", s.contacts[0]).execute();
    await asUser(s.owner);
    expect(await reactivateMemberAction(s.w, { userId: s.agent, giveBack: true })).toMatchObject({
      ok: true,
      data: { contactsReturned: 3 },
    });
    expect(Object.values(await assigneeOf(s.contacts)).sort()).toEqual([s.agent, s.agent, s.agent, s.agent2].sort());

    await deactivate(s, s.agent2, s.owner);
    await asUser(s.owner);
    expect(await reactivateMemberAction(s.w, { userId: s.agent2, giveBack: false })).toMatchObject({
      ok: true,
      data: { contactsReturned: 0 },
    });
    expect((await assigneeOf([s.contacts[0]]))[s.contacts[0]]).toBe(s.owner);
  });

  it("is refused when the organization has no seat left — unless the person holds a seat in another of its workspaces", async () => {
    const s = await scene();
    await deactivate(s, s.agent);
    const seats = (await billingSummary(t.db, s.ws.orgId)).seatsUsed;
    await t.db.updateTable("organizations").set({ seat_limit: seats }).where("id", "=", s.ws.orgId).execute();
    await asUser(s.owner);
    const before = await snapshot(t.db, { ignoreActivity: true });
    const refused = await reactivateMemberAction(s.w, { userId: s.agent, giveBack: true });
    expect(refused).toMatchObject({ ok: false, code: "conflict", message: en("users.errors.noSeats") });
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
    // Active in a second workspace of the same organization: already a seat.
    const second = await t.db
      .insertInto("workspaces")
      .values({ org_id: s.ws.orgId, name: "Second" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("workspace_members")
      .values({ workspace_id: second.id, user_id: s.agent, role: "agent", restrictions: [], invited_by: null })
      .execute();
    await t.db
      .updateTable("organizations")
      .set({ seat_limit: seats + 1 })
      .where("id", "=", s.ws.orgId)
      .execute();
    expect(await reactivateMemberAction(s.w, { userId: s.agent })).toMatchObject({ ok: true });
  });

  it("a Manager cannot reactivate a deactivated Manager or Owner", async () => {
    const s = await scene();
    const manager2 = await createUser();
    await addMember(s.ws, manager2, "manager");
    await deactivate(s, manager2.id);
    await asUser(s.manager);
    const before = await snapshot(t.db, { ignoreActivity: true });
    expect(await reactivateMemberAction(s.w, { userId: manager2.id })).toMatchObject({
      ok: false,
      code: "forbidden",
      message: en("users.errors.managerAgentsOnly"),
    });
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });
});
