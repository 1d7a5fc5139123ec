import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { callAction, loadManifest } from "./support/actions";
import { cookieFor } from "./support/fixtures";
import { raw } from "./support/http";

// A client that reaches `next start` directly (no trusted proxy: TRUSTED_PROXY_HOPS unset) and
// forges every forwarding header it can think of. The per-IP sign-in budget (30 per 15 minutes)
// and the audit log must see the socket's address, not the forged ones. Before the fix, 40
// sign-in emails to 40 addresses all went out, each under a different forged X-Forwarded-For.

const ctx = inject("http");
const forged = (i: number) => ({
  "x-forwarded-for": `198.51.100.${i}`,
  "x-real-ip": `203.0.113.${i}`,
  "x-switchboard-peer": `192.0.2.${i}`,
});

async function csrf(): Promise<{ token: string; cookie: string }> {
  const res = await raw(ctx.base, "/api/auth/csrf");
  const cookie = String(res.headers["set-cookie"] ?? "")
    .split(/,(?=\s*[\w.-]+=)/)
    .map((c) => c.split(";")[0].trim())
    .filter((c) => c.includes("next-auth"))
    .join("; ");
  return { token: (JSON.parse(res.body) as { csrfToken: string }).csrfToken, cookie };
}

describe.skipIf(!!ctx.skip)("the client IP comes from the socket unless a proxy is trusted (next start)", () => {
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
  });
  afterAll(async () => {
    // The files share one server and one socket address: give the next ones their sign-in budget back.
    await handle?.db.deleteFrom("rate_limits").where("key", "like", "signin:%").execute();
    await handle?.close();
  });

  it("forged X-Forwarded-For / X-Real-IP do not widen the per-IP sign-in budget", async () => {
    await handle.db.deleteFrom("rate_limits").where("key", "like", "signin:%").execute();
    const { token, cookie } = await csrf();
    const statuses: number[] = [];
    for (let i = 1; i <= 40; i++) {
      const email = `ip-${i}-${randomBytes(3).toString("hex")}@http.test`;
      const res = await raw(ctx.base, "/api/auth/signin/email", {
        method: "POST",
        headers: { ...forged(i), cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, csrfToken: token, callbackUrl: "/", json: "true" }).toString(),
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s < 400)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));
    const keys = await handle.db.selectFrom("rate_limits").select("key").where("key", "like", "signin:ip:%").execute();
    expect(keys).toHaveLength(1);
    expect(keys[0].key).toMatch(/^signin:ip:(127\.0\.0\.1|::1)$/);
  });

  it("the audit row of an action records the socket's address, not a forged one", async () => {
    const action = loadManifest(process.cwd(), ctx.distDir).find((m) => m.exportName === "inviteUser")!;
    const email = `ip-audit-${randomBytes(3).toString("hex")}@http.test`;
    const { outcome } = await callAction(ctx.base, {
      id: action.id,
      path: `/w/${ctx.support}/settings/users`,
      args: [ctx.support, { email, role: "agent", restrictions: [] }],
      cookie: await cookieFor(ctx, "owner", "honest"),
      headers: forged(77),
    });
    expect(outcome.kind === "result" && outcome.ok, JSON.stringify(outcome)).toBe(true);
    const row = await handle.db
      .selectFrom("audit_log")
      .select("ip")
      .where("workspace_id", "=", ctx.support)
      .where("action", "=", "invitation.created")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(row.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
