import { existsSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { connectPresence } from "@/lib/presence/stream-client";
import { cookieOf, freshMember, freshWorkspace, type Workspace } from "./support/fixtures";
import { askSignIn, csrf, raw } from "./support/http";
import { eventSourceWithCookie, openRawStream } from "./support/sse";
import { until } from "./support/wait";

// Graceful shutdown of server B (SIGTERM) while it holds presence streams and a slow request
// (a sign-in blocked on a row lock the test holds): B stops accepting, ends its streams with a
// `retry:` hint, lets the slow request finish, closes its pools and exits 0. The browsers'
// stream clients come back through nginx to A, and a member who came online while they were
// disconnected is in the snapshot they get there. Runs last: B stays down.

const ctx = inject("multi");

interface Client {
  name: string;
  snapshots: number;
  errors: number;
  /** How the agent's "online" arrived: in a snapshot (a re-sync) or as a live event. */
  agentVia?: "snapshot" | "presence";
  stop: () => void;
}

describe.skipIf(!!ctx.skip)("graceful shutdown of one of two servers", () => {
  let handle: DbHandle;
  let ws: Workspace;
  const B = ctx.servers?.[1];
  const A = ctx.servers?.[0];

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    ws = await freshWorkspace(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("SIGTERM: streams end with a retry hint, the slow request completes, exit 0; clients re-sync on A", async () => {
    const agent = await freshMember(handle.db, ws);
    const ownerCookie = await cookieOf(handle.db, ctx.secret, ws.owner);
    const agentCookie = await cookieOf(handle.db, ctx.secret, agent);
    const es = eventSourceWithCookie(ownerCookie);
    let firstDrop: (() => void) | undefined;
    const dropped = new Promise<void>((r) => (firstDrop = r));

    // Two browser clients through the proxy: round-robin puts one on each server.
    const clients: Client[] = [];
    for (const name of ["c1", "c2"]) {
      const c: Client = { name, snapshots: 0, errors: 0, stop: () => {} };
      c.stop = connectPresence(
        `${ctx.base}/api/presence/stream?workspaceId=${ws.workspaceId}`,
        {
          snapshot: (ids) => {
            c.snapshots++;
            if (ids.includes(agent.userId)) c.agentVia ??= "snapshot";
          },
          presence: (id, online) => {
            if (id === agent.userId && online) c.agentVia ??= "presence";
          },
          revoked: () => undefined,
        },
        {
          open: (url) => {
            const source = es.open(url);
            source.addEventListener("error", () => {
              c.errors++;
              firstDrop?.();
            });
            return source;
          },
        },
      );
      clients.push(c);
      await until(() => c.snapshots === 1, 10_000, `${name} connected`);
    }

    // A stream straight to B, and a slow request on B: a sign-in whose rate-limit row we hold locked.
    const stream = await openRawStream(B.url, ws.workspaceId, ownerCookie);
    await stream.waitFor("event: snapshot");
    const email = `slow-${randomBytes(3).toString("hex")}@multi.test`;
    const lock = new pg.Client({ connectionString: ctx.dbUrl });
    await lock.connect();
    await lock.query("BEGIN");
    const window = 900_000;
    for (const start of [Math.floor(Date.now() / window) * window, (Math.floor(Date.now() / window) + 1) * window])
      await lock.query("INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 0)", [
        `signin:email:${email}`,
        new Date(start),
      ]);
    const c = await csrf(B.url);
    let slowDone = false;
    const slow = askSignIn(B.url, email, c).finally(() => (slowDone = true));
    // Polled on another connection: inside the lock's transaction pg_stat_activity would be a frozen snapshot.
    const waiting = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%rate_limits%'`.execute(
          handle.db,
        )
      ).rows[0].n === 1;
    await until(waiting, 10_000, "the sign-in request waiting on the lock");

    const t0 = Date.now();
    process.kill(B.pid, "SIGTERM");

    // The stream held on B ends at once, with a reconnect hint.
    const endedAt = await stream.ended;
    expect(endedAt - t0).toBeLessThan(1500);
    expect(stream.text()).toMatch(/retry: \d+\n\n$/);

    // A browser client on B came back through nginx (to A); the agent comes online while it is away.
    await dropped;
    const beat = await raw(A.url, "/api/presence/heartbeat", {
      method: "POST",
      headers: { cookie: agentCookie, "content-type": "application/json" },
      body: JSON.stringify({ workspaceId: ws.workspaceId }),
    });
    expect(beat.status).toBe(204);
    await until(() => clients.every((cl) => cl.agentVia), 10_000, "both clients see the agent online");
    const moved = clients.filter((cl) => cl.errors > 0);
    expect(moved.map((cl) => cl.name)).toHaveLength(1);
    expect(moved[0].snapshots).toBe(2);
    expect(moved[0].agentVia, "reflected by the re-sync after reconnect").toBe("snapshot");

    // B accepts no new connection, while its slow request is still in flight.
    await expect(fetch(`${B.url}/api/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    expect(slowDone).toBe(false);
    expect(existsSync(B.exitFile)).toBe(false);
    // Through the proxy everything is answered (by A).
    for (let i = 0; i < 4; i++) expect((await raw(ctx.base, "/api/health")).status).toBe(200);

    await new Promise((r) => setTimeout(r, 300));
    const released = Date.now();
    await lock.query("COMMIT");
    await lock.end();
    const res = await slow;
    expect(res.status, res.body.slice(0, 200)).toBe(200);
    await until(() => existsSync(B.exitFile), ctx.shutdownGraceMs + 5000, "server B exited");
    const exit = JSON.parse(readFileSync(B.exitFile, "utf8")) as {
      code: number | null;
      signal: string | null;
      at: number;
    };
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - released).toBeLessThan(3000);
    const log = readFileSync(B.logFile, "utf8");
    // JSON log lines (lib/log.ts), scope "shutdown".
    expect(log).toMatch(/"scope":"shutdown".*"msg":"SIGTERM: draining/);
    expect(log).toMatch(/"scope":"shutdown".*"msg":"2 presence stream\(s\) ended; requests all finished/);
    expect(log).toMatch(/"scope":"shutdown".*"msg":"closed job loops, presence bus, database pool; exiting 0/);
    expect(log, "nothing ran on a closed pool").not.toMatch(/destroyed/);
    const mail = await handle.db.selectFrom("mail_queue").select("id").where("to_address", "=", email).execute();
    expect(mail).toHaveLength(1); // the slow sign-in really ran to its end
    console.log(
      `[multi] shutdown of B: streams ended ${endedAt - t0} ms after SIGTERM; exit 0 ${exit.at - released} ms after the slow request was let go (${exit.at - t0} ms after SIGTERM)`,
    );
    for (const cl of clients) cl.stop();
    await es.close();
  });
});
