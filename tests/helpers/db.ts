/**
 * A real, isolated database for `*.db.test.ts` files (docs/ARCHITECTURE.md: no mocks of the database).
 *
 *   import { setupTestDb } from "@/tests/helpers/db";
 *   const t = setupTestDb();             // at the top of the file, outside describe()
 *   it("…", async () => { await t.db.insertInto("users")… });
 *
 * Per test FILE: one fresh database cloned from the template migrated once per run by
 * tests/setup/db-global.ts — PGlite in memory by default, or a new PostgreSQL database
 * (CREATE DATABASE … TEMPLATE) when TEST_DATABASE_URL is set; dropped in afterAll. It is
 * registered with setDbHandle(), so code calling getDb() uses it.
 * Per TEST: every table is emptied and identities restart before it runs (resetStatement).
 * Files run in parallel each have their own database, so they never collide.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Kysely, sql } from "kysely";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { openDb, setDbHandle, type Db, type DbConfig, type DbHandle } from "@/db/connect";
import { migrateToLatest } from "@/db/migrate";
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

async function openPostgres(
  t: Extract<TestDbTemplate, { kind: "pg" }>,
): Promise<{ handle: DbHandle; drop: () => Promise<unknown> }> {
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
 * How to empty every table (the migrator's own excepted) and restart identities: the effect
 * of TRUNCATE … RESTART IDENTITY CASCADE, by DELETE in foreign-key order (children first)
 * in one transaction, then ALTER SEQUENCE … RESTART. TRUNCATE recreates each relation's
 * files: measured ≈200–300 ms per test on both PostgreSQL 15 and PGlite here, against ≈1 ms
 * for DELETE on a test's handful of rows. Needs no superuser (no session_replication_role).
 */
async function resetStatement(handle: DbHandle): Promise<(h: DbHandle) => Promise<unknown>> {
  const tables = (
    await sql<{ tablename: string }>`
      SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'kysely\\_%' ORDER BY tablename
    `.execute(handle.db)
  ).rows.map((r) => r.tablename);
  const edges = (
    await sql<{ child: string; parent: string }>`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
      FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
    `.execute(handle.db)
  ).rows.map((e) => ({ child: e.child.replace(/"/g, ""), parent: e.parent.replace(/"/g, "") }));
  // Depth-first: a table is emptied only after every table that references it.
  const order: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (order.includes(table) || path.has(table)) return;
    path.add(table);
    for (const e of edges) if (e.parent === table && e.child !== table) visit(e.child, path);
    order.push(table);
  };
  for (const table of tables) visit(table, new Set());
  const sequences = (
    await sql<{ seq: string }>`
      SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename) AS seq
      FROM pg_sequences s WHERE s.schemaname = current_schema() AND s.sequencename NOT LIKE 'kysely\\_%'
    `.execute(handle.db)
  ).rows.map((r) => r.seq);
  const statements = [
    ...order.map((t) => `DELETE FROM "${t}"`),
    ...sequences.map((s) => `ALTER SEQUENCE ${s} RESTART`),
  ].map((x) => sql.raw(x));
  return (h) =>
    h.db.transaction().execute(async (trx) => {
      for (const statement of statements) await statement.execute(trx);
    });
}

export function setupTestDb(): TestDb {
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
    // An unclosed PGlite keeps Node alive (docs/ARCHITECTURE.md, known trap 3).
    await handle?.close();
    await drop?.();
  });

  return {
    get db() {
      if (!handle) throw new Error("setupTestDb(): the database is opened in beforeAll");
      return handle.db;
    },
    get handle() {
      if (!handle) throw new Error("setupTestDb(): the database is opened in beforeAll");
      return handle;
    },
    get config() {
      if (!handle) throw new Error("setupTestDb(): the database is opened in beforeAll");
      return handle.config;
    },
  };
}
