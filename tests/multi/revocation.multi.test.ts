import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { callAction, loadManifest } from "../http/support/actions";
import { cookieOf, freshMember, freshWorkspace, type Workspace } from "./support/fixtures";
import { raw } from "./support/http";
import { openRawStream } from "./support/sse";

// A revocation made on one server is effective on both at once: each server reads the
// membership row on every request (the stale cookie still claims the membership), and the
// revoked member's stream held on the other server closes.

const ctx = inject("multi");

describe.skipIf(!!ctx.skip)("revocation across two servers", () => {
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

  it("revoked on server A: refused on A and B, and the stream held on B closes", async () => {
    const agent = await freshMember(handle.db, ws);
    const agentCookie = await cookieOf(handle.db, ctx.secret, agent);
    const page = (base: string) => raw(base, `/w/${ws.workspaceId}/inbox`, { headers: { cookie: agentCookie } });
    for (const s of [A, B]) expect((await page(s.url)).status, `before, on ${s.name}`).toBe(200);
    const stream = await openRawStream(B.url, ws.workspaceId, agentCookie);
    try {
      await stream.waitFor("event: snapshot");
      const action = loadManifest(process.cwd(), ctx.distDir).find((m) => m.exportName === "revokeMemberAction")!;
      const { outcome } = await callAction(A.url, {
        id: action.id,
        path: `/w/${ws.workspaceId}/settings/users`,
        args: [ws.workspaceId, { userId: agent.userId }],
        cookie: await cookieOf(handle.db, ctx.secret, ws.owner),
      });
      expect(outcome.kind === "result" && outcome.ok, JSON.stringify(outcome)).toBe(true);
      await stream.waitFor("event: revoked", 5000);
      await stream.ended;
      // The same (now stale) cookie, on each server right away.
      for (const s of [A, B]) expect((await page(s.url)).status, `after, on ${s.name}`).toBe(404);
    } finally {
      stream.close();
    }
  });
});
