// Group commit of presence and last_active_at writes (lib/presence/activity.ts): many
// concurrent heartbeats become one statement, every row is written, each offline→online
// transition is announced exactly once with the usual payload, and a failed statement
// fails every request that was waiting on it (the route answers 503) without being
// coalesced away. Statements are counted through a second, logging Kysely on the same
// real database (PGlite in-process, or a pg pool on PostgreSQL).
import { Kysely, PostgresDialect, sql, type LogEvent } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as heartbeatPOST } from "@/app/api/presence/heartbeat/route";
import type { Database } from "@/db/schema";
import { touchMember } from "@/lib/access/member";
import { forgetHeartbeat, heartbeat } from "@/lib/presence/service";
import { setupTestDb } from "@/tests/helpers/db";
import { listenPresence } from "@/tests/helpers/presence";
import { addMember, asUser, createUser, createWorkspace, type TestUser } from "@/tests/helpers/request";
import { writeActivity } from "./activity";

const t = setupTestDb();

const listen = () => listenPresence(t);

/** A second Kysely on the same database that records each statement it runs. */
async function countingDb(): Promise<{ db: Kysely<Database>; statements: string[]; close: () => Promise<void> }> {
  const statements: string[] = [];
  const log = (e: LogEvent) => {
    statements.push(e.query.sql);
  };
  if (t.handle.pglite) {
    const { PGliteDialect } = await import("kysely-pglite-dialect");
    const db = new Kysely<Database>({ dialect: new PGliteDialect(t.handle.pglite), log });
    return { db, statements, close: async () => undefined }; // the PGlite belongs to the test harness
  }
  const pg = await import("pg");
  const Pool = pg.default?.Pool ?? pg.Pool;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new Pool({ connectionString: (t.config as { connectionString: string }).connectionString, max: 4 }),
    }),
    log,
  });
  return { db, statements, close: () => db.destroy() };
}

const presenceOf = async (ids: string[]) =>
  new Map(
    (await t.db.selectFrom("presence").selectAll().where("user_id", "in", ids).execute()).map((r) => [r.user_id, r]),
  );
const lastActive = async (workspaceId: string, userId: string) =>
  (
    await t.db
      .selectFrom("workspace_members")
      .select("last_active_at")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow()
  ).last_active_at;

async function agents(n: number) {
  const ws = await createWorkspace();
  const users: TestUser[] = [];
  for (let i = 0; i < n; i++) {
    const u = await createUser();
    await addMember(ws, u, "agent");
    users.push(u);
  }
  return { ws, users };
}

async function failPresenceWrites() {
  await sql`CREATE FUNCTION test_presence_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'presence is down'; END $$`.execute(
    t.db,
  );
  await sql`CREATE TRIGGER test_presence_down BEFORE INSERT OR UPDATE ON presence FOR EACH ROW EXECUTE FUNCTION test_presence_down()`.execute(
    t.db,
  );
  return async () => {
    await sql`DROP TRIGGER IF EXISTS test_presence_down ON presence`.execute(t.db);
    await sql`DROP FUNCTION IF EXISTS test_presence_down()`.execute(t.db);
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  forgetHeartbeat();
});

describe("group commit of heartbeats", () => {
  it("writes many concurrent heartbeats in one statement and announces each offline→online transition once", async () => {
    const { ws, users } = await agents(30);
    const absent = users.slice(0, 10); // no presence row yet
    const offline = users.slice(10, 20); // a row, swept offline
    const online = users.slice(20); // online already: no event
    await t.db
      .insertInto("presence")
      .values(
        offline.map((u) => ({ user_id: u.id, online: false, last_seen_at: sql<Date>`now() - interval '10 minutes'` })),
      )
      .execute();
    await t.db
      .insertInto("presence")
      .values(
        online.map((u) => ({ user_id: u.id, online: true, last_seen_at: sql<Date>`now() - interval '20 seconds'` })),
      )
      .execute();
    const c = await countingDb();
    const bus = await listen();
    try {
      await Promise.all(users.map((u) => heartbeat(c.db, u.id)));
      expect(c.statements).toHaveLength(1);

      const rows = await presenceOf(users.map((u) => u.id));
      for (const u of users) {
        expect(rows.get(u.id), u.email).toMatchObject({ online: true });
        expect(Date.now() - rows.get(u.id)!.last_seen_at.getTime()).toBeLessThan(10_000);
      }
      const announced = (await bus.upToNow()).filter((e) => users.some((u) => u.id === e.u));
      expect(announced.map((e) => e.u).sort()).toEqual([...absent, ...offline].map((u) => u.id).sort());
      for (const e of announced) {
        expect(e).toEqual({ t: "presence", u: e.u, o: true, at: expect.any(String), ws: [ws.workspaceId] });
        expect(new Date(e.at!).getTime()).toBe(rows.get(e.u)!.last_seen_at.getTime());
      }

      // Everyone is online now: the next round (past the coalescing window) announces nothing.
      forgetHeartbeat();
      const before = bus.events.length;
      await Promise.all(users.map((u) => heartbeat(c.db, u.id)));
      expect(c.statements).toHaveLength(2);
      expect(await bus.upToNow()).toHaveLength(before);
    } finally {
      await bus.stop();
      await c.close();
    }
  });

  it("sends writes that arrive while a flush is in flight together in the next one", async () => {
    const { users } = await agents(60);
    const c = await countingDb();
    try {
      const waves = 6;
      const pending: Promise<void>[] = [];
      for (let w = 0; w < waves; w++) {
        for (const u of users.slice(w * 10, w * 10 + 10)) pending.push(heartbeat(c.db, u.id));
        await new Promise((r) => setImmediate(r));
      }
      await Promise.all(pending);
      expect(c.statements.length).toBeGreaterThanOrEqual(1);
      expect(c.statements.length).toBeLessThanOrEqual(waves);
      const rows = await presenceOf(users.map((u) => u.id));
      expect(users.every((u) => rows.get(u.id)?.online === true)).toBe(true);
    } finally {
      await c.close();
    }
  });

  it("merges duplicate writes in one batch (one row, one event) and touches memberships with it", async () => {
    const { ws, users } = await agents(2);
    const [a, b] = users;
    const c = await countingDb();
    const bus = await listen();
    try {
      await Promise.all([
        writeActivity(c.db, { presence: a.id, touch: { workspaceId: ws.workspaceId, userId: a.id } }),
        writeActivity(c.db, { presence: a.id, touch: { workspaceId: ws.workspaceId, userId: a.id } }),
        writeActivity(c.db, { touch: { workspaceId: ws.workspaceId, userId: b.id } }),
      ]);
      expect(c.statements).toHaveLength(1);
      const row = (await presenceOf([a.id])).get(a.id)!;
      expect(row.online).toBe(true);
      // Same statement, same transaction: the very same now().
      expect((await lastActive(ws.workspaceId, a.id))!.getTime()).toBe(row.last_seen_at.getTime());
      expect((await lastActive(ws.workspaceId, b.id))!.getTime()).toBe(row.last_seen_at.getTime());
      expect((await presenceOf([b.id])).has(b.id)).toBe(false); // a touch is not a heartbeat
      expect((await bus.upToNow()).filter((e) => e.u === a.id)).toHaveLength(1);
    } finally {
      await bus.stop();
      await c.close();
    }
  });

  it("groups concurrent touches from page requests into one statement", async () => {
    const { ws, users } = await agents(20);
    await t.db.updateTable("workspace_members").set({ last_active_at: null }).execute();
    const c = await countingDb();
    try {
      await Promise.all(users.map((u) => touchMember(c.db, ws.workspaceId, u.id)));
      expect(c.statements).toHaveLength(1);
      for (const u of users) expect(await lastActive(ws.workspaceId, u.id)).toBeInstanceOf(Date);
      expect(await lastActive(ws.workspaceId, ws.ownerId)).toBeNull();
    } finally {
      await c.close();
    }
  });

  it("writes inside the caller's transaction when given one (rolled back with it)", async () => {
    const { users } = await agents(1);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await heartbeat(trx, users[0].id);
        expect(
          (await trx.selectFrom("presence").select("online").where("user_id", "=", users[0].id).executeTakeFirst())
            ?.online,
        ).toBe(true);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await presenceOf([users[0].id])).has(users[0].id)).toBe(false);
  });

  it("fails every write of a failed flush, writes nothing, and lets the next beat write again", async () => {
    const { users } = await agents(5);
    const restore = await failPresenceWrites();
    const bus = await listen();
    try {
      const results = await Promise.allSettled(users.map((u) => heartbeat(t.db, u.id)));
      expect(results.map((r) => r.status)).toEqual(Array(5).fill("rejected"));
      for (const r of results) expect(String((r as PromiseRejectedResult).reason)).toMatch(/presence is down/);
      expect((await presenceOf(users.map((u) => u.id))).size).toBe(0);

      await restore();
      // Not coalesced away: the failed beats did not count as written.
      await Promise.all(users.map((u) => heartbeat(t.db, u.id)));
      const rows = await presenceOf(users.map((u) => u.id));
      expect(users.every((u) => rows.get(u.id)?.online === true)).toBe(true);
      const announced = await bus.upToNow();
      for (const u of users) expect(announced.filter((e) => e.u === u.id)).toHaveLength(1);
    } finally {
      await restore();
      await bus.stop();
    }
  });

  it("through the route: 503 for every request of a failed flush, then 204 with presence and last_active_at in one statement", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    const beat = () =>
      heartbeatPOST(
        new Request("http://localhost/api/presence/heartbeat", {
          method: "POST",
          body: JSON.stringify({ workspaceId: ws.workspaceId }),
        }),
      );
    const restore = await failPresenceWrites();
    try {
      expect((await beat()).status).toBe(503);
      expect(await lastActive(ws.workspaceId, ws.ownerId)).toBeNull(); // same statement: not written either
      expect((await beat()).status).toBe(503); // the failure was not remembered as a write
      await restore();
      expect((await beat()).status).toBe(204);
      const row = (await presenceOf([ws.ownerId])).get(ws.ownerId)!;
      expect(row.online).toBe(true);
      expect((await lastActive(ws.workspaceId, ws.ownerId))!.getTime()).toBe(row.last_seen_at.getTime());
    } finally {
      await restore();
    }
  });
});
