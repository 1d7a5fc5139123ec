import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { adminQuery, databaseUrl } from "../helpers/db-template";
import { ensureBuild, startServer, type StartedServer } from "../http/support/server";
import type { AppServer, MultiContext } from "./support/context";
import { NGINX, startNginx, type StartedNginx } from "./support/nginx";

/**
 * Two `next start` processes of one build (ports MULTI_PORT_A/B, default 3580/3581) on one
 * fresh PostgreSQL database, behind nginx (MULTI_PROXY_PORT, default 3582). Server A starts
 * first and migrates; B starts on the migrated database. Both run their background loops.
 */
const root = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const SECRET = "multi-server-secret-not-for-production-7d2e9b";
const ADMIN_URL = process.env.HTTP_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const GRACE_MS = 6000;
const CRON_SECRET = "multi-cron-secret-not-for-production-5a81";

async function missing(): Promise<string | null> {
  try {
    await adminQuery(ADMIN_URL, "select 1");
  } catch (error) {
    return `PostgreSQL at ${ADMIN_URL.replace(/\/\/[^@]*@/, "//…@")} is unreachable (${(error as Error).message})`;
  }
  return NGINX ? null : "nginx is not installed (apt-get install nginx)";
}

export default async function setup(project: TestProject) {
  const reason = await missing();
  if (reason) {
    if (process.env.CI === "true" || process.env.CI === "1")
      throw new Error(`[multi] ${reason}: CI must run this tier`);
    console.warn(`\n[multi] SKIPPING the several-servers tier: ${reason}.\n`);
    project.provide("multi", { skip: reason } as MultiContext);
    return;
  }
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  ensureBuild(root, distDir);

  const runId = `${process.pid.toString(36)}${randomBytes(3).toString("hex")}`;
  const dbName = `multi_${runId}`;
  const dbUrl = databaseUrl(ADMIN_URL, dbName);
  const ports = [Number(process.env.MULTI_PORT_A) || 3580, Number(process.env.MULTI_PORT_B) || 3581];
  const proxyPort = Number(process.env.MULTI_PROXY_PORT) || 3582;
  const base = `http://127.0.0.1:${proxyPort}`;
  const resultsDir = join(root, "test-results/multi");
  mkdirSync(resultsDir, { recursive: true });
  const nginxDir = mkdtempSync(join(tmpdir(), "switchboard-nginx-"));

  await adminQuery(ADMIN_URL, `CREATE DATABASE ${dbName}`);
  const started: StartedServer[] = [];
  let nginx: StartedNginx | undefined;
  const teardown = async () => {
    await nginx?.stop();
    await Promise.all(started.map((s) => s.stop()));
    await adminQuery(ADMIN_URL, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e) =>
      console.error("[multi] drop database", e),
    );
    for (const f of ["access.log", "error.log"])
      if (existsSync(join(nginxDir, f))) copyFileSync(join(nginxDir, f), join(resultsDir, `nginx-${f}`));
    rmSync(nginxDir, { recursive: true, force: true });
  };

  try {
    const t0 = Date.now();
    const servers: AppServer[] = [];
    for (const [i, port] of ports.entries()) {
      const name = i === 0 ? "A" : "B";
      const logFile = join(resultsDir, `server-${name}.log`);
      const exitFile = join(resultsDir, `server-${name}.exit.json`);
      rmSync(exitFile, { force: true });
      console.log(`[multi] server ${name}: next start -p ${port} (dist ${distDir}) on database ${dbName}`);
      const server = await startServer({
        root,
        port,
        logFile,
        env: {
          NEXT_DIST_DIR: distDir,
          DATABASE_URL: dbUrl,
          MAIL_OUTBOX: "1",
          NEXTAUTH_SECRET: SECRET,
          // Links in emails point at the proxy, the one public address.
          NEXTAUTH_URL: base,
          TRUSTED_PROXY_HOPS: "1",
          WEBHOOK_ALLOW_PRIVATE: "1",
          WEBHOOK_RETRY_BASE_MS: "1000",
          // The tests also run background jobs through each server's cron route, at the same time.
          CRON_SECRET,
          SHUTDOWN_GRACE_MS: String(GRACE_MS),
          // Inherited from this vitest process, it would tell the servers not to run their loops.
          VITEST: "",
        },
      });
      server.child.once("exit", (code, signal) =>
        writeFileSync(exitFile, JSON.stringify({ code, signal, at: Date.now() })),
      );
      started.push(server);
      servers.push({ name, url: `http://127.0.0.1:${port}`, port, pid: server.child.pid!, logFile, exitFile });
    }
    nginx = await startNginx(nginxDir, proxyPort, ports);
    console.log(`[multi] two servers and nginx on ${base} ready in ${Date.now() - t0} ms`);
    project.provide("multi", {
      base,
      servers,
      dbUrl,
      secret: SECRET,
      distDir,
      nginxDir,
      shutdownGraceMs: GRACE_MS,
      cronSecret: CRON_SECRET,
    } satisfies MultiContext);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
