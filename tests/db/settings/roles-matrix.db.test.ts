// Who may call what in Settings → Roles (docs/PERMISSIONS.md, Custom roles): every actor × every action and
// the page. Allowed: base level Owner with users management (canManageRoles). A refusal leaves the database
// exactly as it was; an allowed call really did its job.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createRoleAction,
  deleteRoleAction,
  duplicateRoleAction,
  updateRoleAction,
} from "@/app/w/[workspaceId]/settings/roles/actions";
import RolesPage from "@/app/w/[workspaceId]/settings/roles/page";
import RolesLayout from "@/app/w/[workspaceId]/settings/roles/layout";
import { RoleCard } from "@/app/w/[workspaceId]/settings/roles/role-card";
// Aliased: the rules-of-hooks lint reads any use* call as a React hook.
import { setupTestDb as openTestDb } from "@/tests/helpers/db";
import { asUser } from "@/tests/helpers/request";
import { snapshot } from "../users/support";
import { A, findElements, fromAction, fromPage, type Outcome } from "./scene";
import { buildRoleScene, ROLE_ACTORS, type RoleActor, type RoleScene } from "./roles-scene";

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

const EXPECTED: Record<RoleActor, Outcome> = {
  owner: A,
  "owner (not org admin)": A,
  "owner-like role with users management": A,
  "owner-like role without users management": 403,
  manager: 403,
  "manager:no_settings": 403,
  "manager:no_integrations": 403,
  "manager:no_export": 403,
  "manager:no_contact_delete": 403,
  "manager-like role with everything": 403,
  agent: 403,
  "member of another workspace": 404,
  "deactivated member": 404,
  "revoked member": 404,
  anonymous: 401,
};

const ws = (s: RoleScene) => s.ws.workspaceId;
const roleRow = (id: string) =>
  t.db
    .selectFrom("workspace_roles")
    .select(["name", "base", "permissions", "visibility"])
    .where("id", "=", id)
    .executeTakeFirst();
const auditOf = (s: RoleScene, action: string) =>
  t.db
    .selectFrom("audit_log")
    .select(["actor_id", "target", "before", "after"])
    .where("workspace_id", "=", ws(s))
    .where("action", "=", action as never)
    .executeTakeFirst();
const member = (s: RoleScene, userId: string) =>
  t.db
    .selectFrom("workspace_members")
    .select(["role", "role_id", "restrictions", "version"])
    .where("workspace_id", "=", ws(s))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();

type Call = (s: RoleScene) => Promise<{ outcome: Outcome; verify: () => Promise<void> }>;

const CALLS: Record<string, Call> = {
  // The layout decides before loading.tsx streams a 200 (docs/ARCHITECTURE.md, known trap 10).
  "layout /settings/roles": async (s) =>
    fromPage(
      () => RolesLayout({ children: "roles", params: Promise.resolve({ workspaceId: ws(s) }) }),
      (tree) => expect(tree).toBe("roles"),
    ),
  "page /settings/roles": async (s) =>
    fromPage(
      () => RolesPage({ params: Promise.resolve({ workspaceId: ws(s) }) }),
      (tree) => {
        const cards = findElements(tree, RoleCard).map((e) => e.props.role as { name: string; members: number });
        expect(cards.map((c) => [c.name, c.members])).toEqual(
          expect.arrayContaining([
            ["Fixture", 0],
            ["Held", 1],
          ]),
        );
      },
    ),
  createRoleAction: async (s) =>
    fromAction(
      await createRoleAction(ws(s), {
        name: "  مشرف الليل  ",
        base: "agent",
        permissions: ["inbox.view", "contacts.edit", "users.manage"],
        visibility: "self",
      }),
      async (data) => {
        // Trimmed; users.manage dropped (Agent-based); contacts.edit dropped (needs contacts.view); own account added.
        expect(await roleRow(data.id)).toEqual({
          name: "مشرف الليل",
          base: "agent",
          permissions: ["inbox.view", "account.edit"],
          visibility: "self",
        });
        expect(await auditOf(s, "role.created")).toMatchObject({ actor_id: s.actorId, target: data.id });
      },
    ),
  duplicateRoleAction: async (s) =>
    fromAction(await duplicateRoleAction(ws(s), { roleId: s.heldRoleId }), async (data) => {
      expect(data.name).toBe("Copy of Held");
      expect(await roleRow(data.id)).toEqual({ ...(await roleRow(s.heldRoleId)), name: "Copy of Held" });
    }),
  updateRoleAction: async (s) => {
    const before = await member(s, s.holderId);
    return fromAction(
      await updateRoleAction(ws(s), {
        roleId: s.heldRoleId,
        name: "Held desk",
        permissions: ["inbox.view"],
        visibility: "all",
      }),
      async () => {
        expect(await roleRow(s.heldRoleId)).toMatchObject({
          name: "Held desk",
          permissions: ["inbox.view", "account.edit"],
        });
        expect((await member(s, s.holderId)).version).toBe(before.version + 1);
        expect(await auditOf(s, "role.updated")).toMatchObject({
          before: { name: "Held", permissions: ["reports.view", "inbox.view", "account.edit"] },
          after: { name: "Held desk", permissions: ["inbox.view", "account.edit"] },
        });
      },
    );
  },
  "deleteRoleAction (free)": async (s) =>
    fromAction(await deleteRoleAction(ws(s), { roleId: s.freeRoleId }), async () => {
      expect(await roleRow(s.freeRoleId)).toBeUndefined();
      expect(await auditOf(s, "role.deleted")).toMatchObject({ target: s.freeRoleId, before: { name: "Fixture" } });
    }),
  "deleteRoleAction (held, moved to Agent)": async (s) => {
    const before = await member(s, s.holderId);
    return fromAction(
      await deleteRoleAction(ws(s), { roleId: s.heldRoleId, moveTo: { role: "agent", roleId: null } }),
      async () => {
        expect(await roleRow(s.heldRoleId)).toBeUndefined();
        expect(await member(s, s.holderId)).toEqual({
          role: "agent",
          role_id: null,
          restrictions: [],
          version: before.version + 1,
        });
      },
    );
  },
};

describe("Settings → Roles: actor × action matrix", () => {
  it("covers the layout, the page and 5 action calls", () => expect(Object.keys(CALLS)).toHaveLength(7));

  it.each(ROLE_ACTORS)("%s", async (actor) => {
    for (const [name, call] of Object.entries(CALLS)) {
      const expected = EXPECTED[actor];
      const cell = `${actor} → ${name}`;
      const scene = await buildRoleScene(t.db, actor);
      await asUser(scene.actorId);
      const before = await snapshot(t.db);
      const { outcome, verify } = await call(scene);
      expect.soft(outcome, cell).toBe(expected);
      if (outcome === "allow") {
        const failure = await verify().then(
          () => undefined,
          (e: Error) => e.message,
        );
        expect.soft(failure, `${cell}: the allowed call did its job`).toBeUndefined();
      } else expect.soft(await snapshot(t.db), `${cell}: a refused call must not write anything`).toEqual(before);
    }
  });
});
