import { afterEach, describe, expect, it, vi } from "vitest";
import { openDb } from "@/db/connect";
import { setupTestDb } from "@/tests/helpers/db";
import { consumeRateLimit } from "./rate-limit";

const t = setupTestDb();

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("consumeRateLimit", () => {
  it("allows `limit` hits per window, then refuses", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-23T10:00:05Z") });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await consumeRateLimit(t.db, "invite:actor-1", 3, 60));
    expect(results).toEqual([true, true, true, false, false]);
  });

  it("counts each key separately", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-23T10:00:05Z") });
    expect(await consumeRateLimit(t.db, "signin:a@example.com", 1, 60)).toBe(true);
    expect(await consumeRateLimit(t.db, "signin:a@example.com", 1, 60)).toBe(false);
    expect(await consumeRateLimit(t.db, "signin:b@example.com", 1, 60)).toBe(true);
  });

  it("starts afresh in the next window", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-23T10:00:59Z") });
    expect(await consumeRateLimit(t.db, "k", 1, 60)).toBe(true);
    expect(await consumeRateLimit(t.db, "k", 1, 60)).toBe(false);
    vi.setSystemTime(new Date("2026-11-23T10:01:00Z"));
    expect(await consumeRateLimit(t.db, "k", 1, 60)).toBe(true);
    expect(await consumeRateLimit(t.db, "k", 1, 60)).toBe(false);
  });

  it("never lets more than `limit` through when hits arrive at once", async () => {
    // On PostgreSQL this uses a second pool so the calls really race; PGlite has one connection.
    const other = t.config.kind === "pg" ? await openDb(t.config) : null;
    try {
      const dbs = [t.db, other?.db ?? t.db];
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => consumeRateLimit(dbs[i % 2], "burst", 5, 3600)),
      );
      expect(results.filter(Boolean)).toHaveLength(5);
    } finally {
      await other?.close();
    }
  });

  it("now and then deletes windows older than a day", async () => {
    await t.db
      .insertInto("rate_limits")
      .values([
        { key: "old", window_start: new Date(Date.now() - 2 * 86_400_000), count: 9 },
        { key: "recent", window_start: new Date(Date.now() - 3600_000), count: 9 },
      ])
      .execute();
    vi.spyOn(Math, "random").mockReturnValue(0);
    await consumeRateLimit(t.db, "new", 5, 60);
    const keys = (await t.db.selectFrom("rate_limits").select("key").orderBy("key").execute()).map((r) => r.key);
    expect(keys).toEqual(["new", "recent"]);
  });
});
