import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { freshWorkspace, type Workspace } from "./support/fixtures";
import { askSignIn, cookiesOf, csrf, raw, upstreamOf } from "./support/http";

// Sign-in through the proxy with no sticky sessions: the CSRF token, the sign-in request, the
// emailed link and the signed-in page each land wherever round-robin sends them, and the
// flow works because everything it keeps is in the shared database or signed with the shared secret.

const ctx = inject("multi");

describe.skipIf(!!ctx.skip)("sign-in across two servers behind nginx", () => {
  let handle: DbHandle;
  let ws: Workspace;
  const ports = ctx.servers?.map((s) => String(s.port)) ?? [];

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    ws = await freshWorkspace(handle.db);
  });
  afterAll(async () => {
    await handle?.db.deleteFrom("rate_limits").where("key", "like", "signin:%").execute();
    await handle?.close();
  });

  it("round-robin: consecutive requests alternate between the two servers", async () => {
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await raw(ctx.base, "/api/health");
      expect(res.status).toBe(200);
      seen.push(upstreamOf(res));
    }
    expect(new Set(seen)).toEqual(new Set(ports));
    for (let i = 1; i < seen.length; i++) expect(seen[i], seen.join(",")).not.toBe(seen[i - 1]);
  });

  it("a magic link asked on one server signs in, whichever server each step lands on", async () => {
    const steps: Record<string, string> = {};
    const c = await csrf(ctx.base);
    steps.csrf = upstreamOf(c.res);
    const asked = await askSignIn(ctx.base, ws.owner.email, c);
    steps.signin = upstreamOf(asked);
    expect(asked.status, asked.body.slice(0, 200)).toBe(200);

    const mail = await handle.db
      .selectFrom("mail_queue")
      .select(["text_body"])
      .where("to_address", "=", ws.owner.email)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/.exec(mail.text_body)![0];
    expect(link.startsWith(`${ctx.base}/`), link).toBe(true); // the proxy's address, not a server's

    const callback = await raw(ctx.base, link.slice(ctx.base.length), { headers: { cookie: c.cookie } });
    steps.callback = upstreamOf(callback);
    expect(callback.status).toBe(302);
    const session = cookiesOf(callback, (n) => n === "next-auth.session-token");
    expect(session).toMatch(/^next-auth\.session-token=/);

    // The signed-in page, twice: once on each server.
    const pages = [];
    for (let i = 0; i < 2; i++) {
      const page = await raw(ctx.base, `/w/${ws.workspaceId}/dashboard`, { headers: { cookie: session } });
      expect(page.status, `page on ${upstreamOf(page)}`).toBe(200);
      pages.push(upstreamOf(page));
    }
    expect(new Set(pages)).toEqual(new Set(ports));
    steps.pages = pages.join("+");
    // The three steps of the flow did not all land on one server.
    expect(new Set([steps.csrf, steps.signin, steps.callback]).size, JSON.stringify(steps)).toBe(2);
    console.log(`[multi] sign-in steps by server port: ${JSON.stringify(steps)}`);
  });
});
