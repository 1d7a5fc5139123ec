// npm run db:migrate — apply every pending migration to the database the environment
// selects (DATABASE_URL, POSTGRES_URL, else PGlite at PGLITE_DIR or .data/pglite).
// Do not point it at the PGlite directory of a running dev server (no lock: STACK.md trap 3).
import { Migrator, type Kysely } from "kysely";
import { configFromEnv, openDb } from "../db/connect";
import { migrations } from "../db/migrations";
import { describeDb } from "./db-describe";

const config = configFromEnv();
console.log(`[db:migrate] ${describeDb(config)}`);
const handle = await openDb(config);
try {
  const migrator = new Migrator({
    db: handle.db as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? [])
    console.log(
      `[db:migrate] ${r.status === "Success" ? "applied" : r.status === "Error" ? "FAILED " : "skipped"} ${r.migrationName}`,
    );
  if (error) throw error;
  if (!results?.length) console.log(`[db:migrate] already up to date (${Object.keys(migrations).length} migrations)`);
} catch (error) {
  console.error("[db:migrate] failed:", error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
