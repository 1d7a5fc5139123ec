// The organization's IP allow-list (docs/SECURITY.md, IP allow-list): the org admins' action (allowed,
// denied, invalid, lock-out) and its enforcement on pages, actions and route handlers, IPv4 and IPv6.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveIpAllowlistAction } from "@/app/org/[orgId]/settings/network/actions";
import OrgNetworkPage from "@/app/org/[orgId]/settings/network/page";
import { setAvailabilityAction } from "@/app/w/[workspaceId]/actions";
import { GET as usersExport } from "@/app/w/[workspaceId]/settings/users/export/route";
import { POST as heartbeatPOST } from "@/app/api/presence/heartbeat/route";
import { requireMember, requireOrgAdmin } from "@/lib/access/guard";
import { ipAllowed, normalizeCidr } from "@/lib/net/allowlist";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace, navigation, requestHeaders } from "@/tests/helpers/request";

const t = setupTestDb();

beforeAll(() => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
});
afterAll(() => {
  delete process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS;
});

const OFFICE_V4 = "198.51.100.0/24";
const OFFICE_V6 = "2001:db8::/32";
const from = (ip: string) => requestHeaders().set("x-switchboard-peer", ip);

const listOf = async (orgId: string) =>
  (await t.db.selectFrom("organizations").select("ip_allowlist").where("id", "=", orgId).executeTakeFirstOrThrow())
    .ip_allowlist;
const auditRows = (orgId: string) =>
  t.db
    .selectFrom("audit_log")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("action", "=", "org.ip_allowlist_changed")
    .execute();
const setList = (orgId: string, ranges: string[]) =>
  t.db.updateTable("organizations").set({ ip_allowlist: ranges }).where("id", "=", orgId).execute();

describe("normalizeCidr / ipAllowed", () => {
  it("normalises ranges and bare addresses, refuses garbage", () => {
    expect(normalizeCidr("10.1.2.3/16")).toBe("10.1.0.0/16");
    expect(normalizeCidr(" 203.0.113.9 ")).toBe("203.0.113.9/32");
    expect(normalizeCidr("2001:DB8:0:0::1/32")).toBe("2001:db8::/32");
    expect(normalizeCidr("::1")).toBe("::1/128");
    for (const bad of ["10.0.0.0/33", "300.1.1.1", "example.com", "2001:db8::/129", "10.0.0.0/"])
      expect(normalizeCidr(bad)).toBeNull();
  });
  it("empty list allows all; otherwise inside only; IPv4-mapped IPv6 counts as IPv4; unknown refused", () => {
    expect(ipAllowed([], "unknown")).toBe(true);
    expect(ipAllowed([OFFICE_V4], "198.51.100.77")).toBe(true);
    expect(ipAllowed([OFFICE_V4], "::ffff:198.51.100.77")).toBe(true);
    expect(ipAllowed([OFFICE_V4], "198.51.101.1")).toBe(false);
    expect(ipAllowed([OFFICE_V6], "2001:db8:5::1")).toBe(true);
    expect(ipAllowed([OFFICE_V6], "2001:db9::1")).toBe(false);
    expect(ipAllowed([OFFICE_V4], "unknown")).toBe(false);
  });
});

describe("saveIpAllowlistAction", () => {
  it("an org admin saves a normalised list, audited with before and after", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId, { headers: { "x-switchboard-peer": "198.51.100.9" } });
    const result = await saveIpAllowlistAction(ws.orgId, {
      ranges: `198.51.100.9/24\n\n${OFFICE_V6}, 198.51.100.0/24`,
    });
    expect(result).toEqual({ ok: true, data: { ranges: [OFFICE_V4, OFFICE_V6] } });
    expect(await listOf(ws.orgId)).toEqual([OFFICE_V4, OFFICE_V6]);
    const rows = await auditRows(ws.orgId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: ws.ownerId,
      workspace_id: null,
      ip: "198.51.100.9",
      before: { ranges: [] },
      after: { ranges: [OFFICE_V4, OFFICE_V6] },
    });
    // Emptying it lifts the restriction (allowed from anywhere, since the admin is inside now).
    expect((await saveIpAllowlistAction(ws.orgId, { ranges: "" })).ok).toBe(true);
    expect(await listOf(ws.orgId)).toEqual([]);
  });

  it("a member who is not an org admin, and another org's admin, are refused; nothing changes", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const manager = await createUser();
    await addMember(ws, manager, "manager");
    for (const [user, code] of [
      [manager.id, "forbidden"],
      [other.ownerId, "notFound"],
    ] as const) {
      await asUser(user);
      expect(await saveIpAllowlistAction(ws.orgId, { ranges: "0.0.0.0/0" })).toMatchObject({ ok: false, code });
    }
    await asUser(null);
    expect(await saveIpAllowlistAction(ws.orgId, { ranges: "0.0.0.0/0" })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    expect(await listOf(ws.orgId)).toEqual([]);
    expect(await auditRows(ws.orgId)).toHaveLength(0);
  });

  it("an invalid range or too many ranges is a field error; nothing changes", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    const bad = await saveIpAllowlistAction(ws.orgId, { ranges: "203.0.113.0/24\n10.0.0.0/40" });
    expect(bad).toMatchObject({
      ok: false,
      code: "invalidInput",
      fieldErrors: { ranges: expect.stringContaining("IPv4") },
    });
    const many = Array.from({ length: 201 }, (_, i) => `10.0.${i}.0/24`).join("\n");
    expect(await saveIpAllowlistAction(ws.orgId, { ranges: many })).toMatchObject({
      ok: false,
      fieldErrors: { ranges: "Use at most 200 ranges." },
    });
    expect(await listOf(ws.orgId)).toEqual([]);
  });

  it("a list that would lock out the admin making the change is refused with a field error", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId, { headers: { "x-switchboard-peer": "203.0.113.7" } });
    const result = await saveIpAllowlistAction(ws.orgId, { ranges: `${OFFICE_V4}\n${OFFICE_V6}` });
    expect(result).toMatchObject({
      ok: false,
      code: "invalidInput",
      fieldErrors: { ranges: expect.stringContaining("lock you out") },
    });
    expect(await listOf(ws.orgId)).toEqual([]);
    expect(await auditRows(ws.orgId)).toHaveLength(0);
  });
});

describe("enforcement", () => {
  async function scene(ranges: string[]) {
    const ws = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    await setList(ws.orgId, ranges);
    return { ws, agent };
  }

  for (const [kind, inside, outside] of [
    ["IPv4", "198.51.100.20", "192.0.2.1"],
    ["IPv6", "2001:db8:1::20", "2001:db9::1"],
  ] as const) {
    it(`${kind}: a member's page guard, action and route handler pass from inside, are refused from outside`, async () => {
      const { ws, agent } = await scene([OFFICE_V4, OFFICE_V6]);
      await asUser(agent.id, { headers: { "x-switchboard-peer": inside } });
      expect(await navigation(requireMember(ws.workspaceId))).toMatchObject({ value: { userId: agent.id } });
      expect((await setAvailabilityAction(ws.workspaceId, { availability: "away" })).ok).toBe(true);

      from(outside);
      expect(await navigation(requireMember(ws.workspaceId))).toEqual({ status: 403 });
      expect(await setAvailabilityAction(ws.workspaceId, { availability: "available" })).toMatchObject({
        ok: false,
        code: "forbidden",
        message: "Your organization only allows access from approved networks.",
      });
      const away = await t.db
        .selectFrom("workspace_members")
        .select("availability")
        .where("workspace_id", "=", ws.workspaceId)
        .where("user_id", "=", agent.id)
        .executeTakeFirstOrThrow();
      expect(away.availability).toBe("away");

      const beat = await heartbeatPOST(
        new Request("http://localhost/api/presence/heartbeat", {
          method: "POST",
          body: JSON.stringify({ workspaceId: ws.workspaceId }),
        }),
      );
      expect(beat.status).toBe(403);
      expect(await beat.json()).toMatchObject({ error: "network_not_allowed" });
    });
  }

  it("the owner's export route: 403 JSON from outside, the CSV from inside", async () => {
    const { ws } = await scene([OFFICE_V6]);
    await asUser(ws.ownerId, { headers: { "x-switchboard-peer": "2001:db8::1" } });
    const call = () =>
      usersExport(new Request(`http://localhost/w/${ws.workspaceId}/settings/users/export`), {
        params: Promise.resolve({ workspaceId: ws.workspaceId }),
      });
    expect((await call()).status).toBe(200);
    from("198.51.100.20");
    const refused = await call();
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("application/json");
  });

  it("org admin pages and actions of the org itself are also refused from outside", async () => {
    const { ws } = await scene([OFFICE_V4]);
    await asUser(ws.ownerId, { headers: { "x-switchboard-peer": "192.0.2.1" } });
    expect(await navigation(requireOrgAdmin(ws.orgId))).toEqual({ status: 403 });
    expect(await saveIpAllowlistAction(ws.orgId, { ranges: "" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await listOf(ws.orgId)).toEqual([OFFICE_V4]);
    from("198.51.100.1");
    const page = await navigation(OrgNetworkPage({ params: Promise.resolve({ orgId: ws.orgId }) }));
    expect(JSON.stringify(page)).toContain("198.51.100.1");
  });

  it("an empty list restricts nothing; another org's list does not apply", async () => {
    const { ws, agent } = await scene([]);
    const other = await createWorkspace();
    await setList(other.orgId, [OFFICE_V4]);
    await asUser(agent.id, { headers: { "x-switchboard-peer": "192.0.2.1" } });
    expect(await navigation(requireMember(ws.workspaceId))).toMatchObject({ value: { userId: agent.id } });
  });
});
