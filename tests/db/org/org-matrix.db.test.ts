// Organization settings (docs/PERMISSIONS.md last row, §3): org admins only. Every actor × every org
// action, page and layout; a workspace Owner who is not an org admin is refused (403).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import OrgLayout from "@/app/org/[orgId]/settings/layout";
import OrgUsersPage from "@/app/org/[orgId]/settings/users/page";
import OrgWorkspacesPage from "@/app/org/[orgId]/settings/workspaces/page";
import OrgBillingPage from "@/app/org/[orgId]/settings/billing/page";
import { createWorkspaceAction } from "@/app/org/[orgId]/settings/workspaces/actions";
// Aliased: the rules-of-hooks lint reads any use* call as a React hook.
import { setupTestDb as openTestDb } from "@/tests/helpers/db";
import { asUser } from "@/tests/helpers/request";
import { snapshot } from "../users/support";
import {
  A,
  ACTORS,
  buildScene,
  fromAction,
  fromPage,
  treeText,
  type ActorKey,
  type Call,
  type Outcome,
} from "../settings/scene";

// The scene's revoked member queues a member.revoked event; no delivery rounds here.
vi.mock("@/lib/services/webhooks", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  kickWebhooks: vi.fn(),
}));

const t = openTestDb();

beforeAll(() => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
});
afterAll(() => {
  delete process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS;
});

const EXPECTED: Record<ActorKey, Outcome> = {
  owner: A, // the fixture's Owner is also the org admin
  "owner (not org admin)": 403,
  manager: 403,
  "manager:no_settings": 403,
  "manager:no_integrations": 403,
  "manager:no_export": 403,
  "manager:no_contact_delete": 403,
  agent: 403,
  "org admin (not a member)": A,
  "member of another workspace": 404,
  "revoked member": 403, // still in the organization, not an admin
  anonymous: 401,
};

const org = (s: { ws: { orgId: string } }) => ({
  params: Promise.resolve({ orgId: s.ws.orgId }),
  searchParams: Promise.resolve({}),
});

const CALLS: Record<string, Call> = {
  "layout /org/[orgId]/settings": async (s) =>
    fromPage(
      () => OrgLayout({ children: "body", params: Promise.resolve({ orgId: s.ws.orgId }) }),
      (tree) => expect(treeText(tree)).toContain("Matrix Org"),
    ),
  "page users": async (s) =>
    fromPage(
      () => OrgUsersPage(org(s)),
      (tree) => expect(treeText(tree)).toContain("Target Agent"),
    ),
  "page workspaces": async (s) =>
    fromPage(
      () => OrgWorkspacesPage({ params: Promise.resolve({ orgId: s.ws.orgId }) }),
      (tree) => expect(treeText(tree)).toContain("Settings Matrix"),
    ),
  "page billing": async (s) =>
    fromPage(
      () => OrgBillingPage({ params: Promise.resolve({ orgId: s.ws.orgId }) }),
      () => undefined,
    ),
  createWorkspaceAction: async (s) =>
    fromAction(await createWorkspaceAction(s.ws.orgId, { name: "Marketing" }), async (data) => {
      expect(
        await t.db.selectFrom("workspaces").select(["org_id", "name"]).where("id", "=", data.id).executeTakeFirst(),
      ).toEqual({ org_id: s.ws.orgId, name: "Marketing" });
      const members = await t.db
        .selectFrom("workspace_members")
        .select(["user_id", "role"])
        .where("workspace_id", "=", data.id)
        .execute();
      expect(members).toEqual([{ user_id: s.actorId, role: "owner" }]);
      const audit = await t.db
        .selectFrom("audit_log")
        .selectAll()
        .where("workspace_id", "=", data.id)
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ action: "workspace.created", org_id: s.ws.orgId, actor_id: s.actorId });
    }),
};

describe("Organization settings: actor × action matrix", () => {
  it.each(ACTORS)("%s", async (actor) => {
    for (const [name, call] of Object.entries(CALLS)) {
      const cell = `${actor} → ${name}`;
      const scene = await buildScene(t.db, actor);
      await asUser(scene.actorId);
      const before = await snapshot(t.db);
      const { outcome, verify } = await call(scene);
      expect.soft(outcome, cell).toBe(EXPECTED[actor]);
      if (outcome === "allow") {
        const failure = await verify().then(
          () => undefined,
          (e: Error) => e.message,
        );
        expect.soft(failure, `${cell}: the allowed call did its job`).toBeUndefined();
      } else expect.soft(await snapshot(t.db), `${cell}: a refused call must not write anything`).toEqual(before);
    }
  });

  it("refuses an unknown or malformed organization id as not found", async () => {
    const scene = await buildScene(t.db, "owner");
    await asUser(scene.actorId);
    expect(await createWorkspaceAction("not-a-uuid", { name: "X" })).toMatchObject({ ok: false, code: "notFound" });
    expect(await createWorkspaceAction("00000000-0000-4000-8000-000000000000", { name: "X" })).toMatchObject({
      ok: false,
      code: "notFound",
    });
  });

  it("validates the workspace name (1–120) as a field error and writes nothing", async () => {
    const scene = await buildScene(t.db, "owner");
    await asUser(scene.actorId);
    const before = await snapshot(t.db);
    expect(await createWorkspaceAction(scene.ws.orgId, { name: "   " })).toMatchObject({
      ok: false,
      code: "invalidInput",
      fieldErrors: { name: "Enter a name." },
    });
    expect(await createWorkspaceAction(scene.ws.orgId, { name: "x".repeat(121) })).toMatchObject({
      ok: false,
      fieldErrors: { name: "Use at most 120 characters." },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });
});
