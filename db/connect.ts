import { Kysely, PostgresDialect, type Transaction } from "kysely";
import type { PGlite } from "@electric-sql/pglite";
import { databaseConfig } from "../lib/env";
import type { Database } from "./schema";
import { scoped } from "../lib/log";

// No `server-only` here: scripts and tests import this file directly.
export type Db = Kysely<Database>;
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

export type DbConfig =
  | { kind: "pglite"; dataDir?: string } // dataDir undefined → in memory
  // listenConnectionString: a direct (non-pooled) URL for LISTEN, when connectionString is a pooler's.
  | {
      kind: "pg";
      connectionString: string;
      poolMax?: number;
      statementTimeoutMs?: number;
      connectTimeoutMs?: number;
      listenConnectionString?: string;
    }
  | { kind: "vercel"; connectionString: string; listenConnectionString?: string };

export interface DbHandle {
  db: Db;
  config: DbConfig;
  /** The embedded engine, for in-process LISTEN/NOTIFY. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export async function openDb(config: DbConfig): Promise<DbHandle> {
  if (config.kind === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGliteDialect } = await import("kysely-pglite-dialect");
    if (config.dataDir) {
      const { mkdirSync } = await import("node:fs");
      mkdirSync(config.dataDir, { recursive: true });
    }
    const pglite = await PGlite.create(config.dataDir ? { dataDir: config.dataDir } : {});
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return { db, config, pglite, close: () => db.destroy() };
  }
  if (config.kind === "vercel") {
    const { createPool } = await import("@vercel/postgres");
    const pool = createPool({ connectionString: config.connectionString });
    pool.on("error", (error: Error) => scoped("db").error({ reason: error.message }, "idle connection lost"));
    // @vercel/postgres-kysely fails on transactions (docs/ARCHITECTURE.md, known traps); its pool under Kysely's
    // own PostgresDialect does not.
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as never }) });
    return { db, config, close: () => db.destroy() };
  }
  const pg = await import("pg");
  const Pool = pg.default?.Pool ?? pg.Pool;
  const pool = new Pool({
    connectionString: config.connectionString,
    max: config.poolMax ?? 10,
    // Server-side bound on each statement (lock waits included), a client-side one a little
    // later for a server that stopped answering, and one on getting a connection at all.
    ...(config.statementTimeoutMs
      ? { statement_timeout: config.statementTimeoutMs, query_timeout: config.statementTimeoutMs + 2_000 }
      : {}),
    ...(config.connectTimeoutMs ? { connectionTimeoutMillis: config.connectTimeoutMs } : {}),
  });
  // An idle connection the server closes (restart, failover, DROP DATABASE … FORCE) must
  // not crash the process: pg emits it on the pool, and the next query reconnects.
  pool.on("error", (error) => scoped("db").error({ reason: error.message }, "idle connection lost"));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, config, close: () => db.destroy() };
}

// One handle per process, opened on first use (never at import: `next build` imports
// route modules with no database reachable). Kept on globalThis so Next's dev-mode module
// reloads do not open the PGlite directory twice. Migrating and seeding are start-up's job
// (lib/startup/node.ts, scripts/): this module only opens a driver.
const globalForDb = globalThis as unknown as { __switchboardDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.__switchboardDb) {
    globalForDb.__switchboardDb = openDb(databaseConfig()).catch((error) => {
      globalForDb.__switchboardDb = undefined;
      throw error;
    });
  }
  return globalForDb.__switchboardDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Replace the process handle (tests use their own database). */
export function setDbHandle(handle: DbHandle | undefined): void {
  globalForDb.__switchboardDb = handle ? Promise.resolve(handle) : undefined;
}
