import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { connectPresence } from "@/lib/presence/stream-client";
import { cookieOf, freshMember, freshWorkspace, type Person, type Workspace } from "./support/fixtures";
import { raw } from "./support/http";
import { eventSourceWithCookie, openRawStream } from "./support/sse";
import { until } from "./support/wait";

// Presence crosses servers through PostgreSQL LISTEN/NOTIFY: a heartbeat handled by one server
// reaches a stream held open by the other.

const ctx = inject("multi");

describe.skipIf(!!ctx.skip)("presence across two servers", () => {
  let handle: DbHandle;
  let ws: Workspace;
  let ownerCookie: string;
  const [A, B] = ctx.servers ?? [];

  const beat = (base: string, cookie: string) =>
    raw(base, "/api/presence/heartbeat", {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ workspaceId: ws.workspaceId }),
    });

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    ws = await freshWorkspace(handle.db);
    ownerCookie = await cookieOf(handle.db, ctx.secret, ws.owner);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("a heartbeat handled by server A reaches a stream held on server B", async () => {
    const agent: Person = await freshMember(handle.db, ws);
    const stream = await openRawStream(B.url, ws.workspaceId, ownerCookie);
    try {
      expect(stream.status).toBe(200);
      const first = await stream.waitFor("event: snapshot");
      expect(first).not.toContain(agent.userId);
      const t0 = Date.now();
      expect((await beat(A.url, await cookieOf(handle.db, ctx.secret, agent))).status).toBe(204);
      await stream.waitFor(`event: presence\ndata: {"userId":"${agent.userId}","online":true`, 5000);
      console.log(`[multi] heartbeat on A → event on B's stream in ${Date.now() - t0} ms`);
    } finally {
      stream.close();
    }
  });

  it("the browser's stream client through the proxy sees a member come online on either server", async () => {
    const agents = [await freshMember(handle.db, ws), await freshMember(handle.db, ws)];
    const online = new Map<string, boolean>();
    let snapshots = 0;
    const es = eventSourceWithCookie(ownerCookie);
    const stop = connectPresence(
      `${ctx.base}/api/presence/stream?workspaceId=${ws.workspaceId}`,
      {
        snapshot: (ids) => {
          snapshots++;
          for (const id of ids) online.set(id, true);
        },
        presence: (id, o) => online.set(id, o),
        revoked: () => online.set("revoked", true),
      },
      { open: es.open },
    );
    try {
      await until(() => snapshots === 1);
      // Two heartbeats through the proxy: round-robin sends them to different servers.
      for (const a of agents) expect((await beat(ctx.base, await cookieOf(handle.db, ctx.secret, a))).status).toBe(204);
      await until(() => agents.every((a) => online.get(a.userId) === true));
    } finally {
      stop();
      await es.close();
    }
  });
});
