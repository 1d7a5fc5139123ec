import { Migrator, sql, type Kysely, type MigrationResult } from "kysely";
import { migrations } from "./migrations";
import { scoped } from "../lib/log";

/**
 * Apply every pending migration; returns what ran (throws, after naming the failed one, on error).
 * On one connection with no statement timeout: an index built over a million rows may take
 * longer than the bound a request gets (DATABASE_STATEMENT_TIMEOUT_MS).
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationResult[]> {
  return db.connection().execute(async (conn) => {
    await sql`SET statement_timeout = 0`.execute(conn);
    try {
      const migrator = new Migrator({ db: conn, provider: { getMigrations: async () => migrations } });
      const { error, results = [] } = await migrator.migrateToLatest();
      for (const r of results) {
        if (r.status === "Error") scoped("db").error({ migration: r.migrationName }, "migration failed");
      }
      if (error) throw error instanceof Error ? error : new Error(String(error));
      return results;
    } finally {
      await sql`RESET statement_timeout`.execute(conn).catch(() => undefined);
    }
  });
}

/** Names of the migrations this build knows and the database has not applied (readiness, /api/health/ready). */
export async function pendingMigrations(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
