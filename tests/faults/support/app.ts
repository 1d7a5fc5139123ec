import { createServer } from "node:net";
import { join } from "node:path";
import { openDb, type DbHandle } from "@/db/connect";
import { loadClaims } from "@/lib/auth/load-claims";
import { adminQuery } from "@/tests/helpers/db-template";
import { sessionCookie } from "@/tests/http/support/fixtures";
import { ensureBuild, startServer, type StartedServer } from "@/tests/http/support/server";
import { postgresBin, startCluster, type Cluster } from "./cluster";

// One fault-tier scene: a private PostgreSQL server, the built app on it (demo data seeded),
// the test's own connection to the same database, and signed-in cookies for the demo people.

export const SECRET = "faults-tier-secret-not-for-production-7d2e";
export const STATEMENT_TIMEOUT_MS = 2_000;
export const CONNECT_TIMEOUT_MS = 2_000;
const root = process.cwd();

/** The port the environment names, or one the system says is free now (a run left behind cannot block the next). */
export async function portFrom(variable: string): Promise<number> {
  const fixed = Number(process.env[variable]);
  if (fixed) return fixed;
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface Scene {
  cluster: Cluster;
  handle: DbHandle;
  base: string;
  server: StartedServer;
  /** Start the app again (after a test killed it). */
  restartApp(): Promise<void>;
  cookie(email: string): Promise<string>;
  workspaceOf(email: string): Promise<string>;
  close(): Promise<void>;
}

/** Why the tier cannot run here, or null. In CI it must run: there the reason is an error. */
export function unavailable(): string | null {
  if (postgresBin()) return null;
  const why = "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb)";
  if (process.env.CI === "true" || process.env.CI === "1")
    throw new Error(`[faults] ${why}: the fault tier needs them in CI`);
  console.warn(`[faults] SKIPPING the fault tier: ${why}`);
  return why;
}

export async function startScene(name: string, extraEnv: Record<string, string> = {}): Promise<Scene> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  ensureBuild(root, distDir);
  const cluster = startCluster(await portFrom("FAULTS_PG_PORT"));
  const APP_PORT = await portFrom("FAULTS_PORT");
  await adminQuery(cluster.url(), "CREATE DATABASE app");
  const base = `http://localhost:${APP_PORT}`;
  const env = {
    NEXT_DIST_DIR: distDir,
    DATABASE_URL: cluster.url("app"),
    DEMO_SEED: "1",
    MAIL_OUTBOX: "1",
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: base,
    DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    WEBHOOK_ALLOW_PRIVATE: "1",
    // The server must behave as in production: under vitest (which the child would inherit) the
    // background-job loop stays off.
    VITEST: "",
    VITEST_POOL_ID: "",
    VITEST_WORKER_ID: "",
    ...extraEnv,
  };
  const logFile = join(root, "test-results/faults", `${name}.log`);
  const scene: Scene = {
    cluster,
    base,
    handle: undefined as unknown as DbHandle,
    server: await startServer({ root, port: APP_PORT, env, logFile }),
    async restartApp() {
      await scene.server.stop();
      scene.server = await startServer({ root, port: APP_PORT, env, logFile: logFile.replace(/\.log$/, "-2.log") });
    },
    async cookie(email) {
      const user = await scene.handle.db
        .selectFrom("users")
        .select(["id", "email", "name"])
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
      const claims = (await loadClaims(scene.handle.db, user.id))!;
      return sessionCookie(
        scene.handle.db,
        SECRET,
        { userId: user.id, email: user.email, name: user.name ?? "" },
        claims,
      );
    },
    async workspaceOf(email) {
      const row = await scene.handle.db
        .selectFrom("workspace_members as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .innerJoin("workspaces as w", "w.id", "m.workspace_id")
        .select("m.workspace_id")
        .where("u.email", "=", email)
        .orderBy("w.name")
        .executeTakeFirstOrThrow();
      return row.workspace_id;
    },
    async close() {
      await scene.server?.stop();
      await scene.handle?.db.destroy();
      cluster.destroy();
    },
  };
  scene.handle = await openDb({ kind: "pg", connectionString: cluster.url("app") });
  return scene;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
