import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { enqueueWebhookEvent } from "@/lib/services/webhooks";
import type { AppServer } from "./support/context";
import { freshWorkspace, type Workspace } from "./support/fixtures";
import { raw } from "./support/http";
import { pidOfLocalPort } from "./support/sockets";
import { until } from "./support/wait";

// Background work is not duplicated: both servers deliver from the same queue at the same time
// (their job loops, and their cron routes called concurrently by the test, four rounds at once),
// and a receiver started by the test gets each event exactly once (rows are claimed with FOR
// UPDATE SKIP LOCKED). The receiver tells which server sent each one.

const ctx = inject("multi");
const N = 60;

describe.skipIf(!!ctx.skip)("webhook deliveries with two servers running their loops", () => {
  let handle: DbHandle;
  let ws: Workspace;
  let receiver: Server;
  const received: { id: string; body: string; server: string }[] = [];
  const [A, B] = ctx.servers ?? [];

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    ws = await freshWorkspace(handle.db);
    receiver = createServer((req, res) => {
      // Which server sent it: the process holding the other end of this connection.
      const pid = pidOfLocalPort(
        req.socket.remotePort ?? 0,
        ctx.servers.map((s) => s.pid),
      );
      const server = ctx.servers.find((s) => s.pid === pid)?.name ?? "?";
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ id: String(req.headers["webhook-id"]), body: Buffer.concat(chunks).toString("utf8"), server });
        // A slow receiver: a round is still in flight when the other server's loop comes by.
        setTimeout(() => res.writeHead(204).end(), 150);
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => {
    await new Promise((r) => receiver?.close(r));
    await handle?.close();
  });

  it(`${N} events enqueued at once are each delivered exactly once`, async () => {
    const port = (receiver.address() as AddressInfo).port;
    await handle.db
      .insertInto("webhooks")
      .values({
        workspace_id: ws.workspaceId,
        url: `http://127.0.0.1:${port}/hook`,
        secret: `whsec_${randomBytes(24).toString("base64")}`,
        active: true,
        events: ["member.joined"],
      })
      .execute();
    const t0 = Date.now();
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < N; i++) await enqueueWebhookEvent(trx, ws.workspaceId, "member.joined", { n: i });
    });
    // Four rounds at once, two on each server (a round claims 20): every server takes part.
    const cron = (s: AppServer) =>
      raw(s.url, "/api/cron/webhooks", { headers: { authorization: `Bearer ${ctx.cronSecret}` } });
    const rounds = await Promise.all([A, B, A, B].map(cron));
    expect(rounds.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await until(
      async () =>
        Number(
          (
            await handle.db
              .selectFrom("webhook_deliveries")
              .select((eb) => eb.fn.countAll<string>().as("n"))
              .where("workspace_id", "=", ws.workspaceId)
              .where("delivered_at", "is not", null)
              .executeTakeFirstOrThrow()
          ).n,
        ) === N,
      30_000,
      `all ${N} deliveries marked delivered`,
    ).catch(async (error) => {
      const rows = await handle.db
        .selectFrom("webhook_deliveries")
        .select(["attempt", "status_code", "error", "delivered_at", "next_attempt_at"])
        .where("workspace_id", "=", ws.workspaceId)
        .limit(5)
        .execute();
      throw new Error(`${(error as Error).message}; received ${received.length}; rows: ${JSON.stringify(rows)}`);
    });
    const elapsed = Date.now() - t0;
    // More rounds on both servers: nothing is sent again.
    expect((await Promise.all([A, B].map(cron))).map((r) => JSON.parse(r.body).processed)).toEqual([0, 0]);
    const ids = received.map((r) => r.id);
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);
    const ns = received.map((r) => (JSON.parse(r.body) as { data: { n: number } }).data.n).sort((a, b) => a - b);
    expect(ns).toEqual(Array.from({ length: N }, (_, i) => i));
    const rows = await handle.db
      .selectFrom("webhook_deliveries")
      .select(["attempt"])
      .where("workspace_id", "=", ws.workspaceId)
      .execute();
    expect(rows.every((r) => r.attempt === 1)).toBe(true);
    // Both loops took part (the test would prove nothing with one).
    const by = (name: string) => received.filter((r) => r.server === name).length;
    expect(by("A"), "delivered by A").toBeGreaterThan(0);
    expect(by("B"), "delivered by B").toBeGreaterThan(0);
    expect(by("A") + by("B")).toBe(N);
    console.log(`[multi] ${N} webhook deliveries, each once (A ${by("A")}, B ${by("B")}), in ${elapsed} ms`);
  });
});
