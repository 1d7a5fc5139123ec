import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, createUser, createWorkspace } from "@/tests/helpers/fixtures";
import { isUuid } from "@/lib/validation/id";
import { loadMember, touchMember } from "./member";

const t = setupTestDb();

afterEach(() => {
  vi.restoreAllMocks();
});

const lastActive = async (workspaceId: string, userId: string) =>
  (
    await t.db
      .selectFrom("workspace_members")
      .select("last_active_at")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow()
  ).last_active_at;

const setLastActive = (workspaceId: string, userId: string, secondsAgo: number) =>
  t.db
    .updateTable("workspace_members")
    .set({ last_active_at: sql<Date>`now() - make_interval(secs => ${secondsAgo})` })
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .execute();

describe("loadMember", () => {
  it("returns the membership with its workspace and org-admin flag", async () => {
    const ws = await createWorkspace({ name: "Support" });
    const agent = await createUser();
    await addMember(ws, agent, "agent", ["see_self"]);

    expect(await loadMember(t.db, ws.workspaceId, ws.ownerId)).toEqual({
      userId: ws.ownerId,
      workspaceId: ws.workspaceId,
      orgId: ws.orgId,
      workspaceName: "Support",
      role: "owner",
      restrictions: [],
      custom: null,
      version: 1,
      isOrgAdmin: true,
      ipAllowlist: [],
      needsFactor: false,
    });
    expect(await loadMember(t.db, ws.workspaceId, agent.id)).toMatchObject({
      role: "agent",
      restrictions: ["see_self"],
      isOrgAdmin: false,
      ipAllowlist: [],
      needsFactor: false,
    });
  });

  it("returns null for a non-member, a member of another workspace, and a revoked member", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const stranger = await createUser();
    expect(await loadMember(t.db, ws.workspaceId, stranger.id)).toBeNull();
    expect(await loadMember(t.db, ws.workspaceId, other.ownerId)).toBeNull();

    const agent = await createUser();
    await addMember(ws, agent, "agent");
    await t.db.deleteFrom("workspace_members").where("user_id", "=", agent.id).execute();
    expect(await loadMember(t.db, ws.workspaceId, agent.id)).toBeNull();
  });

  it("refuses malformed ids without asking the database", async () => {
    const ws = await createWorkspace();
    const spy = vi.spyOn(t.db, "selectFrom");
    for (const bad of ["", "1", "not-a-uuid", `${ws.workspaceId}' OR '1'='1`, `${ws.workspaceId} `]) {
      expect(await loadMember(t.db, bad, ws.ownerId)).toBeNull();
      expect(await loadMember(t.db, ws.workspaceId, bad)).toBeNull();
    }
    expect(spy).not.toHaveBeenCalled();
    expect(isUuid(ws.workspaceId.toUpperCase())).toBe(true);
    expect(isUuid(42)).toBe(false);
  });
});

describe("touchMember (docs/PRODUCT.md, Presence: last_active_at written at most once a minute)", () => {
  it("records the first activity of a member never seen", async () => {
    const ws = await createWorkspace();
    await t.db.updateTable("workspace_members").set({ last_active_at: null }).execute();
    await touchMember(t.db, ws.workspaceId, ws.ownerId);
    const at = await lastActive(ws.workspaceId, ws.ownerId);
    expect(at).toBeInstanceOf(Date);
    expect(Math.abs(at!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("skips the database entirely within a minute of its last write in this process", async () => {
    const ws = await createWorkspace();
    await touchMember(t.db, ws.workspaceId, ws.ownerId);
    await setLastActive(ws.workspaceId, ws.ownerId, 600);
    const before = await lastActive(ws.workspaceId, ws.ownerId);
    const spy = vi.spyOn(t.db, "updateTable");
    await touchMember(t.db, ws.workspaceId, ws.ownerId);
    expect(spy).not.toHaveBeenCalled();
    expect((await lastActive(ws.workspaceId, ws.ownerId))!.getTime()).toBe(before!.getTime());
  });

  it("does not rewrite a value less than a minute old (another app server wrote it)", async () => {
    const ws = await createWorkspace();
    await setLastActive(ws.workspaceId, ws.ownerId, 30);
    const before = await lastActive(ws.workspaceId, ws.ownerId);
    await touchMember(t.db, ws.workspaceId, ws.ownerId);
    expect((await lastActive(ws.workspaceId, ws.ownerId))!.getTime()).toBe(before!.getTime());
  });

  it("writes again once a minute has passed", async () => {
    const ws = await createWorkspace();
    await touchMember(t.db, ws.workspaceId, ws.ownerId);
    await setLastActive(ws.workspaceId, ws.ownerId, 120);
    const old = await lastActive(ws.workspaceId, ws.ownerId);
    const realNow = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(realNow + 61_000);
    await touchMember(t.db, ws.workspaceId, ws.ownerId);
    expect((await lastActive(ws.workspaceId, ws.ownerId))!.getTime()).toBeGreaterThan(old!.getTime() + 60_000);
  });

  it("touches only the member asked for", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace({ owner: ws.ownerId });
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    await t.db.updateTable("workspace_members").set({ last_active_at: null }).execute();
    await touchMember(t.db, ws.workspaceId, agent.id);
    expect(await lastActive(ws.workspaceId, ws.ownerId)).toBeNull();
    expect(await lastActive(other.workspaceId, ws.ownerId)).toBeNull();
    expect(await lastActive(ws.workspaceId, agent.id)).not.toBeNull();
  });
});
