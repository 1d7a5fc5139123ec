// "Require two-step sign-in for members" (docs/SECURITY.md, Two-step sign-in): the org admins'
// action for every actor (allowed, denied, lock-out refused; a denial changes nothing), and its
// enforcement from the member's very next request on pages, actions and route handlers, with
// enrolment on /account still open. The org users list tells who has a factor.
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { saveTwoFactorPolicyAction } from "@/app/org/[orgId]/settings/two-step/actions";
import { beginTotpSetupAction, confirmTotpAction } from "@/app/account/two-step-actions";
import { setAvailabilityAction } from "@/app/w/[workspaceId]/actions";
import { POST as heartbeatPOST } from "@/app/api/presence/heartbeat/route";
import { GET as usersExportGET } from "@/app/w/[workspaceId]/settings/users/export/route";
import { ENROL_PATH, requireMember, requireOrgAdmin, requireUser } from "@/lib/access/guard";
import { listOrgUsers } from "@/lib/services/org";
import { startSession } from "@/lib/services/sessions";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace, navigation, type TestUser } from "@/tests/helpers/request";

const t = setupTestDb();

const policyOf = async (orgId: string) =>
  (
    await t.db
      .selectFrom("organizations")
      .select("require_two_factor")
      .where("id", "=", orgId)
      .executeTakeFirstOrThrow()
  ).require_two_factor;
const policyAudit = (orgId: string) =>
  t.db
    .selectFrom("audit_log")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("action", "=", "org.two_factor_policy_changed")
    .orderBy("id")
    .execute();

/** Give `userId` a confirmed app through the /account actions (as that user). */
async function enrol(userId: string): Promise<string> {
  await asUser(userId);
  const begun = await beginTotpSetupAction({});
  if (!begun.ok) throw new Error(JSON.stringify(begun));
  const done = await confirmTotpAction({ code: await generate({ secret: begun.data.secret }) });
  if (!done.ok) throw new Error(JSON.stringify(done));
  return begun.data.secret;
}

describe("saveTwoFactorPolicyAction", () => {
  it("an org admin with a factor switches it on and off, audited with before and after", async () => {
    const ws = await createWorkspace();
    await enrol(ws.ownerId);
    expect(await saveTwoFactorPolicyAction(ws.orgId, { required: true })).toEqual({
      ok: true,
      data: { required: true },
    });
    expect(await policyOf(ws.orgId)).toBe(true);
    // Saving the same value again writes nothing.
    expect((await saveTwoFactorPolicyAction(ws.orgId, { required: true })).ok).toBe(true);
    expect((await saveTwoFactorPolicyAction(ws.orgId, { required: false })).ok).toBe(true);
    expect(await policyOf(ws.orgId)).toBe(false);
    const rows = await policyAudit(ws.orgId);
    expect(rows.map((r) => [r.before, r.after, r.actor_id, r.workspace_id])).toEqual([
      [{ required: false }, { required: true }, ws.ownerId, null],
      [{ required: true }, { required: false }, ws.ownerId, null],
    ]);
  });

  it("an admin without a factor is refused switching it on (lock-out); switching off is fine", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    expect(await saveTwoFactorPolicyAction(ws.orgId, { required: true })).toMatchObject({
      ok: false,
      code: "invalidInput",
      fieldErrors: { required: expect.stringContaining("lock yourself out") },
    });
    expect(await policyOf(ws.orgId)).toBe(false);
    expect(await saveTwoFactorPolicyAction(ws.orgId, { required: false })).toMatchObject({ ok: true });
    expect(await policyAudit(ws.orgId)).toHaveLength(0);
  });

  it("a manager, another org's admin, anonymous, a pending session and bad input are refused; nothing changes", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const manager = await createUser();
    await addMember(ws, manager, "manager");
    await enrol(manager.id);
    await enrol(other.ownerId);
    for (const [user, code] of [
      [manager.id, "forbidden"],
      [other.ownerId, "notFound"],
    ] as const) {
      await asUser(user);
      expect(await saveTwoFactorPolicyAction(ws.orgId, { required: true })).toMatchObject({ ok: false, code });
    }
    await asUser(null);
    expect(await saveTwoFactorPolicyAction(ws.orgId, { required: true })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    // The owner, enrolled, signing in again: pending until the code, so refused.
    await enrol(ws.ownerId);
    const sid = await startSession(t.db, { userId: ws.ownerId, device: "x", ip: null, method: "email" });
    await asUser(ws.ownerId, { sid });
    expect(await saveTwoFactorPolicyAction(ws.orgId, { required: true })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    await asUser(ws.ownerId);
    for (const bad of [{}, { required: "yes" }, { required: true, extra: 1 }])
      expect(await saveTwoFactorPolicyAction(ws.orgId, bad)).toMatchObject({ ok: false, code: "invalidInput" });
    expect(await saveTwoFactorPolicyAction("not-a-uuid", { required: true })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    expect(await policyOf(ws.orgId)).toBe(false);
    expect(await policyAudit(ws.orgId)).toHaveLength(0);
  });
});

describe("enforcement", () => {
  async function scene() {
    const ws = await createWorkspace();
    await enrol(ws.ownerId);
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    return { ws, agent };
  }
  const exportAs = (workspaceId: string) =>
    usersExportGET(new Request(`http://localhost/w/${workspaceId}/settings/users/export`), {
      params: Promise.resolve({ workspaceId }),
    });
  const beat = (workspaceId: string) =>
    heartbeatPOST(
      new Request("http://localhost/api/presence/heartbeat", { method: "POST", body: JSON.stringify({ workspaceId }) }),
    );

  it("from the member's next request: pages go to enrolment, actions and routes refused, /account open", async () => {
    const { ws, agent } = await scene();
    // The agent's open session, before the policy: everything works.
    const session = await asUser(agent.id);
    expect(await navigation(requireMember(ws.workspaceId))).toMatchObject({ value: { userId: agent.id } });

    await asUser(ws.ownerId);
    expect((await saveTwoFactorPolicyAction(ws.orgId, { required: true })).ok).toBe(true);

    // The same session (no new sign-in), next request.
    await asUser(agent.id, { sid: session!.sid });
    expect(await navigation(requireMember(ws.workspaceId))).toEqual({ redirect: ENROL_PATH });
    expect(await setAvailabilityAction(ws.workspaceId, { availability: "away" })).toMatchObject({
      ok: false,
      code: "forbidden",
      message: expect.stringContaining("requires two-step sign-in"),
    });
    const member = await t.db
      .selectFrom("workspace_members")
      .select("availability")
      .where("user_id", "=", agent.id)
      .executeTakeFirstOrThrow();
    expect(member.availability).toBe("available");
    const hb = await beat(ws.workspaceId);
    expect(hb.status).toBe(403);
    expect(await hb.json()).toMatchObject({ error: "two_factor_required" });
    // The owner has a factor: the owner is not held back.
    await asUser(ws.ownerId);
    expect((await exportAs(ws.workspaceId)).status).toBe(200);

    // Enrolment stays open, and once the factor is confirmed the workspace is back.
    await asUser(agent.id, { sid: session!.sid });
    expect(await navigation(requireUser("/account"))).toMatchObject({ value: { id: agent.id } });
    const begun = await beginTotpSetupAction({});
    expect(begun.ok).toBe(true);
    if (!begun.ok) return;
    expect((await confirmTotpAction({ code: await generate({ secret: begun.data.secret }) })).ok).toBe(true);
    expect(await navigation(requireMember(ws.workspaceId))).toMatchObject({ value: { userId: agent.id } });
    expect((await setAvailabilityAction(ws.workspaceId, { availability: "away" })).ok).toBe(true);
  });

  it("a route handler answers 403 JSON; another organization's workspaces are not affected", async () => {
    const { ws } = await scene();
    const manager = await createUser();
    await addMember(ws, manager, "manager");
    const elsewhere = await createWorkspace({ owner: manager.id });
    await asUser(ws.ownerId);
    expect((await saveTwoFactorPolicyAction(ws.orgId, { required: true })).ok).toBe(true);
    await asUser(manager.id);
    const refused = await exportAs(ws.workspaceId);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("application/json");
    expect(await refused.json()).toMatchObject({ error: "two_factor_required" });
    expect((await exportAs(elsewhere.workspaceId)).status).toBe(200);
    expect(await navigation(requireMember(elsewhere.workspaceId))).toMatchObject({ value: { userId: manager.id } });
  });

  it("an org admin without a factor (another admin switched it on) is sent to enrolment from org settings", async () => {
    const { ws } = await scene();
    const second = await createUser();
    await t.db.insertInto("org_members").values({ org_id: ws.orgId, user_id: second.id, is_admin: true }).execute();
    await asUser(ws.ownerId);
    expect((await saveTwoFactorPolicyAction(ws.orgId, { required: true })).ok).toBe(true);
    await asUser(second.id);
    expect(await navigation(requireOrgAdmin(ws.orgId))).toEqual({ redirect: ENROL_PATH });
    expect(await saveTwoFactorPolicyAction(ws.orgId, { required: false })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await policyOf(ws.orgId)).toBe(true);
  });

  it("the org users list tells who has a confirmed factor", async () => {
    const { ws, agent } = await scene();
    const halfway: TestUser = await createUser();
    await addMember(ws, halfway, "agent");
    await t.db.insertInto("user_totp").values({ user_id: halfway.id, secret_sealed: "x" }).execute();
    const { rows } = await listOrgUsers(t.db, ws.orgId, { limit: 50 });
    const byId = new Map(rows.map((r) => [r.userId, r.hasFactor]));
    expect(byId.get(ws.ownerId)).toBe(true);
    expect(byId.get(agent.id)).toBe(false);
    expect(byId.get(halfway.id)).toBe(false);
  });
});
