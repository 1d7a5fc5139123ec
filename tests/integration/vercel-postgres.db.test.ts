// The POSTGRES_URL (@vercel/postgres) driver, end to end against a real PostgreSQL server:
// @vercel/postgres speaks the Postgres protocol over a WebSocket, so a small local
// WebSocket-to-TCP proxy stands in for Vercel's endpoint (docs/ARCHITECTURE.md, known trap 5).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { neonConfig } from "@neondatabase/serverless";
import pg from "pg";
import { sql, type Kysely } from "kysely";
import { openDb, setDbHandle, type DbHandle } from "@/db/connect";
import { closeBus, subscribe, type PresenceEvent } from "@/lib/presence/bus";
import { PRESENCE_CHANNEL } from "@/lib/presence/service";
import { migrateToLatest } from "@/db/migrate";
import { startWsTcpProxy } from "./ws-tcp-proxy";

const adminUrl = new URL(process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres");

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminUrl.href, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const unreachable = await postgresReachable();
if (unreachable) {
  const reason = `PostgreSQL at ${adminUrl.host} is not reachable (${unreachable})`;
  // CI always has a server (.ci/run starts it): there a skip would hide a broken driver.
  if (process.env.CI) throw new Error(`${reason}; CI must run the @vercel/postgres test`);
  console.warn(`[vercel-postgres.db.test] skipped: ${reason}. Start PostgreSQL or set TEST_DATABASE_URL.`);
}

describe.skipIf(!!unreachable)("@vercel/postgres driver through a WebSocket proxy", () => {
  const dbName = `sb_vercel_${randomBytes(6).toString("hex")}`;
  let proxy: Awaited<ReturnType<typeof startWsTcpProxy>>;
  let handle: DbHandle;

  async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: adminUrl.href });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin((c) => c.query(`create database "${dbName}"`));
    proxy = await startWsTcpProxy();
    neonConfig.wsProxy = (host, port) => `localhost:${proxy.port}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    // @vercel/postgres accepts a non-pooled connection string only for host "localhost".
    const url = new URL(adminUrl.href);
    url.hostname = "localhost";
    url.pathname = `/${dbName}`;
    handle = await openDb({ kind: "vercel", connectionString: url.href });
  });

  afterAll(async () => {
    await handle?.close();
    await proxy?.close();
    await admin((c) => c.query(`drop database if exists "${dbName}" with (force)`)).catch(() => {});
  });

  it("migrates, writes, reads and rolls a transaction back", async () => {
    const { db } = handle;
    await migrateToLatest(db as Kysely<unknown>);
    await migrateToLatest(db as Kysely<unknown>); // idempotent

    const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(db);
    expect(rows[0].db).toBe(dbName);

    const inserted = await db
      .insertInto("users")
      .values({ email: "vercel@example.com", name: "Vera Cell" })
      .returning(["id", "email"])
      .executeTakeFirstOrThrow();
    const read = await db
      .selectFrom("users")
      .select(["id", "name"])
      .where("email", "=", "vercel@example.com")
      .executeTakeFirstOrThrow();
    expect(read).toEqual({ id: inserted.id, name: "Vera Cell" });

    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("users").values({ email: "ghost@example.com", name: "Ghost" }).execute();
        await trx.updateTable("users").set({ name: "Changed" }).where("id", "=", inserted.id).execute();
        const inside = await trx
          .selectFrom("users")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow();
        expect(Number(inside.n)).toBe(2); // the transaction sees its own writes
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");

    const after = await db.selectFrom("users").select(["email", "name"]).orderBy("email").execute();
    expect(after).toEqual([{ email: "vercel@example.com", name: "Vera Cell" }]);

    // A committed transaction on the same pool still works after the rollback.
    await db
      .transaction()
      .execute((trx) => trx.updateTable("users").set({ name: "Committed" }).where("id", "=", inserted.id).execute());
    const committed = await db
      .selectFrom("users")
      .select("name")
      .where("id", "=", inserted.id)
      .executeTakeFirstOrThrow();
    expect(committed.name).toBe("Committed");
  });

  it("the presence bus LISTENs on POSTGRES_URL_NON_POOLING, not on the pooled POSTGRES_URL", async () => {
    // Both names reach the same server here; application_name tells the connections apart.
    const direct = new URL(adminUrl.href);
    direct.hostname = "localhost";
    direct.pathname = `/${dbName}`;
    direct.searchParams.set("application_name", "sb_listen_direct");
    const listening = await openDb({
      kind: "vercel",
      connectionString: (handle.config as { connectionString: string }).connectionString,
      listenConnectionString: direct.href,
    });
    setDbHandle(listening);
    const got: PresenceEvent[] = [];
    try {
      const unsubscribe = await subscribe((e) => got.push(e));
      const backends = await admin((c) =>
        c.query<{ application_name: string; query: string }>(
          "select application_name, query from pg_stat_activity where datname = $1 and query ilike 'LISTEN%'",
          [dbName],
        ),
      );
      expect(backends.rows).toEqual([{ application_name: "sb_listen_direct", query: `LISTEN ${PRESENCE_CHANNEL}` }]);

      const payload = { t: "revoked", u: "u-1", ws: ["w-1"] };
      await sql`select pg_notify(${PRESENCE_CHANNEL}, ${JSON.stringify(payload)})`.execute(listening.db);
      for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(got).toEqual([payload]);
      unsubscribe();
    } finally {
      await closeBus();
      setDbHandle(undefined);
      await listening.close();
    }
    const after = await admin((c) =>
      c.query("select 1 from pg_stat_activity where datname = $1 and query ilike 'LISTEN%' and state <> 'idle'", [
        dbName,
      ]),
    );
    expect(after.rows, "closeBus ends the LISTEN connection").toEqual([]);
  });
});
