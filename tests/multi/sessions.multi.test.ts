import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { callAction, loadManifest } from "../http/support/actions";
import { cookieOf, freshMember, freshWorkspace, type Workspace } from "./support/fixtures";
import { raw } from "./support/http";
import { openRawStream } from "./support/sse";

// A session ended on one server (docs/SECURITY.md, Sessions) is refused on both at once, and
// the presence stream that session holds on the other server closes (the bus's session_ended).

const ctx = inject("multi");

describe.skipIf(!!ctx.skip)("ending a session across two servers", () => {
  let handle: DbHandle;
  let ws: Workspace;
  const [A, B] = ctx.servers ?? [];

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    ws = await freshWorkspace(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("'Sign out everywhere else' on server A: the other cookie is refused on A and B, its stream on B closes", async () => {
    const agent = await freshMember(handle.db, ws);
    const laptop = await cookieOf(handle.db, ctx.secret, agent);
    const phone = await cookieOf(handle.db, ctx.secret, agent);
    const page = (base: string, cookie: string) => raw(base, `/w/${ws.workspaceId}/inbox`, { headers: { cookie } });
    for (const s of [A, B]) expect((await page(s.url, laptop)).status, `before, on ${s.name}`).toBe(200);
    const stream = await openRawStream(B.url, ws.workspaceId, laptop);
    try {
      await stream.waitFor("event: snapshot");
      const action = loadManifest(process.cwd(), ctx.distDir).find((m) => m.exportName === "endOtherSessionsAction")!;
      const { outcome } = await callAction(A.url, { id: action.id, path: "/account", args: [{}], cookie: phone });
      expect(outcome.kind === "result" && outcome.ok, JSON.stringify(outcome)).toBe(true);
      await stream.waitFor("event: revoked", 5000);
      await stream.ended;
      for (const s of [A, B]) {
        const res = await page(s.url, laptop);
        expect(res.status, `after, on ${s.name}`).toBe(307);
        expect(String(res.headers.location)).toMatch(/\/signin\?callbackUrl=/);
        expect((await page(s.url, phone)).status, `the phone, on ${s.name}`).toBe(200);
      }
    } finally {
      stream.close();
    }
  });
});
