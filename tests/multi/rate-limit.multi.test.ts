import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { askSignIn, csrf, upstreamOf } from "./support/http";

// The per-IP sign-in budget (30 per 15 minutes, lib/auth/signin-guard.ts) is a counter in the
// shared database: 40 requests from one client, spread over both servers by round-robin, get
// 30 answers and 10 refusals. Counted per process, each server would have let its 20 through.
// The client's address is the one nginx reports (TRUSTED_PROXY_HOPS=1), not nginx's own.

const ctx = inject("multi");

describe.skipIf(!!ctx.skip)("rate limits shared by both servers", () => {
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    await handle.db.deleteFrom("rate_limits").where("key", "like", "signin:%").execute();
  });
  afterAll(async () => {
    await handle?.db.deleteFrom("rate_limits").where("key", "like", "signin:%").execute();
    await handle?.close();
  });

  it("40 sign-in requests from one client over both servers: exactly 30 go through", async () => {
    const c = await csrf(ctx.base);
    const byServer = new Map<string, number[]>();
    for (let i = 0; i < 40; i++) {
      const email = `budget-${i}-${randomBytes(3).toString("hex")}@multi.test`;
      // A forged address in front is kept by nginx ($proxy_add_x_forwarded_for) but not trusted.
      const res = await askSignIn(ctx.base, email, c, { "x-forwarded-for": `198.51.100.${i}` });
      byServer.set(upstreamOf(res), [...(byServer.get(upstreamOf(res)) ?? []), res.status]);
    }
    const all = [...byServer.values()].flat();
    expect([...byServer.keys()].sort()).toEqual(ctx.servers.map((s) => String(s.port)).sort());
    for (const [server, statuses] of byServer) expect(statuses.length, server).toBe(20);
    expect(all.filter((s) => s === 200)).toHaveLength(30);
    expect(all.filter((s) => s === 429)).toHaveLength(10);
    const keys = await handle.db
      .selectFrom("rate_limits")
      .select(["key", "count"])
      .where("key", "like", "signin:ip:%")
      .execute();
    expect(keys.map((k) => k.key)).toEqual(["signin:ip:127.0.0.1"]);
    expect(Number(keys[0].count)).toBe(40);
  });
});
