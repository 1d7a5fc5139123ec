// npm run db:migrate — apply every pending migration to the database the environment
// selects (DATABASE_URL, POSTGRES_URL, else PGlite at PGLITE_DIR or .data/pglite).
// Do not point it at the PGlite directory of a running dev server (PGlite takes no lock).
import type { Kysely } from "kysely";
import { openDb } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { migrations } from "../db/migrations";
import { databaseConfig } from "../lib/env";
import { describeDb } from "./db-describe";

const config = databaseConfig();
console.log(`[db:migrate] ${describeDb(config)}`);
// No per-statement bound here (a request's DATABASE_STATEMENT_TIMEOUT_MS): a backfill or an index over
// millions of rows takes longer, and the client-side timeout would cut it off whatever SET statement_timeout says.
const handle = await openDb(config.kind === "pg" ? { ...config, statementTimeoutMs: undefined } : config);
try {
  const results = await migrateToLatest(handle.db as Kysely<unknown>);
  for (const r of results)
    console.log(`[db:migrate] ${r.status === "Success" ? "applied" : "skipped"} ${r.migrationName}`);
  if (!results.length) console.log(`[db:migrate] already up to date (${Object.keys(migrations).length} migrations)`);
} catch (error) {
  console.error("[db:migrate] failed:", error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
