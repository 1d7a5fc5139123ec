import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { adminQuery, databaseUrl } from "@/tests/helpers/db-template";
import { raw } from "./support/http";
import { startServer, type StartedServer } from "./support/server";

// The cron route (app/api/cron/[job]) and the health split, over HTTP. The suite's server has no
// CRON_SECRET: its cron route answers 404 to everything. This file starts a second `next start` (port + 2) with
// CRON_SECRET and JOBS_IN_PROCESS=0 on a database of its own, so only the cron route runs jobs there:
// a mail that is due stays queued, and readiness says so, until the cron route is called.

const ctx = inject("http");
const root = process.cwd();
const port = Number(new URL(ctx.base ?? "http://localhost:3400").port) + 2;
const base = `http://localhost:${port}`;
const SECRET = `cron-${randomBytes(12).toString("hex")}`;
const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe.skipIf(!!ctx.skip)("the suite's server (no CRON_SECRET)", () => {
  it("refuses the cron route, whatever the header", async () => {
    for (const authorization of [undefined, "Bearer ", "Bearer anything"]) {
      const res = await raw(ctx.base, "/api/cron/mail", { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(404);
      expect(json(res.body)).toEqual({ error: "cron_disabled" });
    }
  });

  it("answers liveness without the database and readiness with it", async () => {
    const live = await raw(ctx.base, "/api/health/live");
    expect(live.status).toBe(200);
    expect(json(live.body)).toEqual({ status: "ok" });
    for (const path of ["/api/health/ready", "/api/health"]) {
      const ready = await raw(ctx.base, path);
      expect(ready.status, path).toBe(200);
      expect(json(ready.body)).toEqual({ status: "ok", database: "up", reasons: [] });
      expect(ready.headers["cache-control"]).toBe("no-store");
    }
  });
});

describe.skipIf(!!ctx.skip)("a server with CRON_SECRET and no in-process jobs (second next start)", () => {
  const adminUrl = databaseUrl(ctx.dbUrl ?? "postgres://x@127.0.0.1/x", "postgres");
  const dbName = `http_${process.pid.toString(36)}${randomBytes(3).toString("hex")}`;
  let handle: DbHandle | undefined;
  let server: StartedServer | undefined;

  beforeAll(async () => {
    await adminQuery(adminUrl, `CREATE DATABASE ${dbName}`);
    server = await startServer({
      root,
      port,
      logFile: join(ctx.resultsDir, "server-cron.log"),
      env: {
        NEXT_DIST_DIR: ctx.distDir,
        DATABASE_URL: databaseUrl(adminUrl, dbName),
        MAIL_OUTBOX: "1",
        NEXTAUTH_SECRET: ctx.secret,
        NEXTAUTH_URL: base,
        CRON_SECRET: SECRET,
        JOBS_IN_PROCESS: "0",
        QUEUE_STUCK_MINUTES: "5",
      },
    });
    handle = await openDb({ kind: "pg", connectionString: databaseUrl(adminUrl, dbName) });
  });
  afterAll(async () => {
    await server?.stop();
    await handle?.close();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });

  const cron = (job: string, authorization?: string) =>
    raw(base, `/api/cron/${job}`, { headers: authorization ? { authorization } : {} });

  it("401 without the secret or with a wrong one; 404 for an unknown job (only once authorized)", async () => {
    for (const authorization of [
      undefined,
      "Bearer",
      `Bearer ${SECRET}x`,
      `Bearer ${SECRET.slice(0, -1)}`,
      SECRET,
      `Basic ${SECRET}`,
    ]) {
      const res = await cron("mail", authorization);
      expect(res.status, String(authorization)).toBe(401);
      expect(json(res.body)).toEqual({ error: "unauthorized" });
    }
    expect((await cron("nothing-here")).status).toBe(401);
    const unknown = await cron("nothing-here", `Bearer ${SECRET}`);
    expect(unknown.status).toBe(404);
    expect(json(unknown.body)).toEqual({ error: "not_found" });
  });

  it("a mail due for longer than QUEUE_STUCK_MINUTES makes the server not ready; the cron route delivers it", async () => {
    const db = handle!.db;
    const row = await db
      .insertInto("mail_queue")
      .values({
        to_address: "stuck@http.test",
        subject: "Waiting",
        text_body: "t",
        html_body: "h",
        kind: "signin",
        next_attempt_at: new Date(Date.now() - 10 * 60_000),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const notReady = await raw(base, "/api/health/ready");
    expect(notReady.status).toBe(503);
    expect(json(notReady.body)).toEqual({ status: "not_ready", database: "up", reasons: ["mail_queue_stuck"] });
    expect((await raw(base, "/api/health")).status).toBe(503);
    // Liveness does not depend on the queues (nor on the database).
    expect((await raw(base, "/api/health/live")).status).toBe(200);

    const res = await cron("mail", `Bearer ${SECRET}`);
    expect(res.status).toBe(200);
    expect(json(res.body)).toEqual({ job: "mail", processed: 1 });
    const after = await db
      .selectFrom("mail_queue")
      .select(["status", "attempts"])
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: "sent", attempts: 1 });
    expect((await raw(base, "/api/health/ready")).status).toBe(200);
    // Nothing left: the next round has nothing to do.
    expect(json((await cron("mail", `Bearer ${SECRET}`)).body)).toEqual({ job: "mail", processed: 0 });
  });

  it("runs the other jobs too", async () => {
    for (const job of ["webhooks", "presence", "access"]) {
      const res = await cron(job, `Bearer ${SECRET}`);
      expect(res.status, job).toBe(200);
      expect(json(res.body)).toEqual({ job, processed: 0 });
    }
  });
});
