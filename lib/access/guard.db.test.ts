import { createRequire } from "node:module";
import path from "node:path";
import type { KyselyPlugin } from "kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setDbHandle } from "@/db/connect";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace, navigation } from "@/tests/helpers/request";
import { authorize, requireMember } from "./guard";

// Next renders pages with React's server build, where cache() memoises per render request.
// Vitest resolves `react` to the client build (cache() there is a pass-through), so this file
// loads the server build, as a page render would.
vi.mock("react", () =>
  createRequire(import.meta.url)(path.join(process.cwd(), "node_modules/react/react.react-server.js")),
);

const t = setupTestDb();

// What React's server renderer installs for one render: a cache map per request. Outside a
// render (a server action, a route handler) there is none, and cache() calls straight through.
type Internals = { A: { getCacheForType<T>(create: () => T): T; cacheSignal(): null } | null };
const internals = () =>
  (
    createRequire(import.meta.url)(path.join(process.cwd(), "node_modules/react/react.react-server.js")) as {
      __SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE: Internals;
    }
  ).__SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;

async function inRender<T>(body: () => Promise<T>): Promise<T> {
  const cache = new Map<unknown, unknown>();
  const previous = internals().A;
  internals().A = {
    getCacheForType: <R>(create: () => R): R => {
      if (!cache.has(create)) cache.set(create, create());
      return cache.get(create) as R;
    },
    cacheSignal: () => null,
  };
  try {
    return await body();
  } finally {
    internals().A = previous;
  }
}

// Membership reads: SELECTs on workspace_members through the app's handle.
let memberReads = 0;
const countMemberReads: KyselyPlugin = {
  transformQuery(args) {
    if (args.node.kind === "SelectQueryNode" && JSON.stringify(args.node.from).includes('"workspace_members"'))
      memberReads++;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

beforeEach(() => {
  memberReads = 0;
  setDbHandle({ ...t.handle, db: t.db.withPlugin(countMemberReads) });
});
afterEach(() => setDbHandle(t.handle));

describe("the member is loaded once per render request", () => {
  it("layout and page in one render share one read; the next render reads again", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);

    await inRender(async () => {
      const layout = await requireMember(ws.workspaceId);
      const page = await requireMember(ws.workspaceId, ["settings.view"]);
      expect(page).toEqual(layout);
    });
    expect(memberReads).toBe(1);

    await inRender(() => requireMember(ws.workspaceId));
    expect(memberReads).toBe(2);
  });

  it("a change between two renders is seen by the second (nothing outlives its request)", async () => {
    const ws = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "manager", []);
    await asUser(agent.id);

    expect((await inRender(() => requireMember(ws.workspaceId))).role).toBe("manager");
    await t.db
      .updateTable("workspace_members")
      .set({ role: "agent" })
      .where("workspace_id", "=", ws.workspaceId)
      .where("user_id", "=", agent.id)
      .execute();
    expect((await inRender(() => requireMember(ws.workspaceId))).role).toBe("agent");
  });

  it("outside a render (how server actions run) every call reads the database", async () => {
    const ws = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent", []);
    await asUser(agent.id);

    expect(await authorize(ws.workspaceId, [])).toMatchObject({ ok: true });
    await t.db
      .deleteFrom("workspace_members")
      .where("workspace_id", "=", ws.workspaceId)
      .where("user_id", "=", agent.id)
      .execute();
    expect(await authorize(ws.workspaceId, [])).toEqual({ ok: false, status: 404 });
    expect(await navigation(requireMember(ws.workspaceId))).toEqual({ status: 404 });
    expect(memberReads).toBe(3);
  });
});

describe("when the check itself fails", () => {
  it("denies as 'unavailable' (503), never as a false 'no access', and page guards throw for the error page", async () => {
    const ws = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent", []);
    await asUser(agent.id);
    const failing: KyselyPlugin = {
      transformQuery: () => {
        throw new Error("connection terminated unexpectedly");
      },
      transformResult: async (args) => args.result,
    };
    setDbHandle({ ...t.handle, db: t.db.withPlugin(failing) });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await authorize(ws.workspaceId, [])).toEqual({ ok: false, status: 503 });
      await expect(requireMember(ws.workspaceId)).rejects.toThrow("authorization unavailable");
    } finally {
      errors.mockRestore();
    }
  });
});
