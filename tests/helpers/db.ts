/**
 * A real, isolated database for `*.db.test.ts` files (CONVENTIONS 13: no mocks of the database).
 *
 *   import { useTestDb } from "@/tests/helpers/db";
 *   const t = useTestDb();               // at the top of the file, outside describe()
 *   it("…", async () => { await t.db.insertInto("users")… });
 *
 * Per test FILE: one fresh database cloned from the template migrated once per run by
 * tests/setup/db-global.ts — PGlite in memory by default, or a new PostgreSQL database
 * (CREATE DATABASE … TEMPLATE) when TEST_DATABASE_URL is set; dropped in afterAll. It is
 * registered with setDbHandle(), so code calling getDb() uses it.
 * Per TEST: every table is emptied (TRUNCATE … RESTART IDENTITY CASCADE) before it runs.
 * Files run in parallel each have their own database, so they never collide.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Kysely, sql } from "kysely";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { migrateToLatest, openDb, setDbHandle, type Db, type DbConfig, type DbHandle } from "@/db/connect";
import type { Database } from "@/db/schema";
import { adminQuery, databaseUrl, type TestDbTemplate } from "./db-template";
import { noDbHandle } from "./no-db";

export interface TestDb {
  /** The Kysely instance of this file's database (valid inside tests and hooks). */
  readonly db: Db;
  readonly handle: DbHandle;
  /** How to open another, independent connection to the same database (pg only; PGlite has one). */
  readonly config: DbConfig;
}

async function openPglite(snapshot: string | undefined): Promise<DbHandle> {
  if (!snapshot) {
    // No global setup ran (a file run under another config): a cold open, migrated here.
    const handle = await openDb({ kind: "pglite" });
    await migrateToLatest(handle.db as Kysely<unknown>);
    return handle;
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGliteDialect } = await import("kysely-pglite-dialect");
  const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(snapshot)]) });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, config: { kind: "pglite" }, pglite, close: () => db.destroy() };
}

async function openPostgres(t: Extract<TestDbTemplate, { kind: "pg" }>): Promise<{ handle: DbHandle; drop: () => Promise<unknown> }> {
  const name = `${t.prefix}${randomBytes(5).toString("hex")}`;
  // Two files cloning the same template at the same instant may see "source database is
  // being accessed by other users" (55006) on some versions: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(t.adminUrl, `CREATE DATABASE ${name} TEMPLATE ${t.template}`);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const handle = await openDb({ kind: "pg", connectionString: databaseUrl(t.adminUrl, name) });
  return { handle, drop: () => adminQuery(t.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * How to empty every table (the migrator's own excepted) and restart identities.
 * PostgreSQL: TRUNCATE … RESTART IDENTITY CASCADE of the tables that hold rows. PGlite: the same effect by DELETE with
 * foreign-key triggers off, then restarting the sequences — TRUNCATE recreates every
 * relation's files and costs ≈300 ms per test on PGlite against ≈1 ms for this.
 */
async function resetStatement(handle: DbHandle): Promise<(h: DbHandle) => Promise<unknown>> {
  const tables = (
    await sql<{ tablename: string }>`
      SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'kysely\\_%' ORDER BY tablename
    `.execute(handle.db)
  ).rows.map((r) => `"${r.tablename}"`);
  const sequences = (
    await sql<{ seq: string }>`
      SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename) AS seq
      FROM pg_sequences s WHERE s.schemaname = current_schema() AND s.sequencename NOT LIKE 'kysely\\_%'
    `.execute(handle.db)
  ).rows.map((r) => r.seq);
  const restartSequences = sequences.map((s) => `ALTER SEQUENCE ${s} RESTART;`);
  if (!handle.pglite) {
    // Only the tables holding rows (TRUNCATE costs per relation); every sequence restarts,
    // also those of tables left empty by a rolled-back insert.
    const nonEmpty = sql.raw(tables.map((t) => `SELECT '${t}' AS t WHERE EXISTS (SELECT 1 FROM ${t})`).join(" UNION ALL "));
    return async (h) => {
      const { rows } = await sql<{ t: string }>`${nonEmpty}`.execute(h.db);
      if (rows.length > 0) await sql.raw(`TRUNCATE ${rows.map((r) => r.t).join(", ")} RESTART IDENTITY CASCADE`).execute(h.db);
      for (const statement of restartSequences) await sql.raw(statement).execute(h.db);
    };
  }
  const script = [
    "SET session_replication_role = replica;",
    ...tables.map((t) => `DELETE FROM ${t};`),
    "SET session_replication_role = DEFAULT;",
    ...restartSequences,
  ].join("\n");
  return (h) => h.pglite!.exec(script);
}

export function useTestDb(): TestDb {
  let handle: DbHandle | undefined;
  let drop: (() => Promise<unknown>) | undefined;
  let reset: (h: DbHandle) => Promise<unknown> = async () => undefined;

  beforeAll(async () => {
    const template = inject("testDb");
    if (template?.kind === "pg") ({ handle, drop } = await openPostgres(template));
    else handle = await openPglite(template?.snapshot);
    setDbHandle(handle);
    reset = await resetStatement(handle);
  });

  beforeEach(async () => {
    await reset(handle!);
  });

  afterAll(async () => {
    setDbHandle(noDbHandle);
    // An unclosed PGlite keeps Node alive (STACK.md trap 3).
    await handle?.close();
    await drop?.();
  });

  return {
    get db() {
      if (!handle) throw new Error("useTestDb(): the database is opened in beforeAll");
      return handle.db;
    },
    get handle() {
      if (!handle) throw new Error("useTestDb(): the database is opened in beforeAll");
      return handle;
    },
    get config() {
      if (!handle) throw new Error("useTestDb(): the database is opened in beforeAll");
      return handle.config;
    },
  };
}
