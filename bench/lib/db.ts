// The bench's own database handle: the same drivers as the app, plus a query log so each
// figure can say how much of its time was spent in the database, and on which statement.
import { createHash } from "node:crypto";
import { CompiledQuery, Kysely, PostgresDialect, sql, type LogEvent } from "kysely";
import type { Database } from "../../db/schema";
import { benchUuid } from "../seed";

export interface LoggedQuery {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

export interface BenchDb {
  db: Kysely<Database>;
  /** Queries run since the last `take()`. */
  take(): LoggedQuery[];
  close(): Promise<void>;
}

export async function openBenchKysely(target: { url: string } | { pgliteDir: string }): Promise<BenchDb> {
  let log: LoggedQuery[] = [];
  const onLog = (e: LogEvent) => {
    if (e.level === "query") log.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
  };
  let db: Kysely<Database>;
  if ("url" in target) {
    const pg = await import("pg");
    const Pool = pg.default?.Pool ?? pg.Pool;
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new Pool({ connectionString: target.url, max: 10 }) }),
      log: onLog,
    });
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGliteDialect } = await import("kysely-pglite-dialect");
    const pglite = await PGlite.create({ dataDir: target.pgliteDir });
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), log: onLog });
  }
  return {
    db,
    take() {
      const out = log;
      log = [];
      return out;
    },
    close: () => db.destroy(),
  };
}

export const md5 = (s: string) => createHash("md5").update(s).digest("hex");
export const uid = (n: number | string) => benchUuid(`u${n}`, md5);
export const WORKSPACE_ID = benchUuid("bench-ws", md5);

export async function readMeta(db: Kysely<Database>): Promise<Record<string, string>> {
  const r = await sql<{ key: string; value: string }>`SELECT key, value FROM bench_meta`.execute(db).catch(() => null);
  if (!r || r.rows.length === 0) throw new Error("no bench_meta: run `npm run bench:seed` first");
  return Object.fromEntries(r.rows.map((x) => [x.key, x.value]));
}

/** EXPLAIN (ANALYZE, BUFFERS) of a logged query, as text. */
export async function explain(db: Kysely<Database>, q: LoggedQuery, preludes: LoggedQuery[] = []): Promise<string> {
  // In a transaction, after the statements that ran before it there (e.g. SET LOCAL).
  return db.transaction().execute(async (trx) => {
    for (const p of preludes) await trx.executeQuery(CompiledQuery.raw(p.sql, [...p.parameters]));
    const r = await trx.executeQuery<{ "QUERY PLAN": string }>(
      CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]),
    );
    return r.rows.map((x) => x["QUERY PLAN"]).join("\n");
  });
}
