import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { callAction, loadManifest } from "../http/support/actions";
import { cookieOf, freshMember, freshWorkspace, type Workspace } from "./support/fixtures";
import { raw } from "./support/http";
import { openRawStream } from "./support/sse";

// A deactivation made on one server is effective on both at once (issue 13, point 4): each
// server reads the membership row on every request, so the member's very next request on
// either server is refused — page, action and presence stream — although their cookie still
// claims the membership; reactivation restores them on both. The request id of the action is
// on the response and on the audit row it wrote.

const ctx = inject("multi");

describe.skipIf(!!ctx.skip)("deactivation across two servers", () => {
  let handle: DbHandle;
  let ws: Workspace;
  const [A, B] = ctx.servers ?? [];
  const action = (name: string) => {
    const found = loadManifest(process.cwd(), ctx.distDir).find((m) => m.exportName === name);
    if (!found) throw new Error(`no action ${name} in the build`);
    return found;
  };

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    ws = await freshWorkspace(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("deactivated on A: refused on B and A (page, action, stream); reactivated on A: allowed on both again", async () => {
    const agent = await freshMember(handle.db, ws);
    const agentCookie = await cookieOf(handle.db, ctx.secret, agent);
    const ownerCookie = await cookieOf(handle.db, ctx.secret, ws.owner);
    const page = (base: string) => raw(base, `/w/${ws.workspaceId}/inbox`, { headers: { cookie: agentCookie } });
    const setAvailability = (base: string, availability: "away" | "available") =>
      callAction(base, {
        id: action("setAvailabilityAction").id,
        path: `/w/${ws.workspaceId}/inbox`,
        args: [ws.workspaceId, { availability }],
        cookie: agentCookie,
      });
    const owner = (name: string, args: unknown[]) =>
      callAction(A.url, {
        id: action(name).id,
        path: `/w/${ws.workspaceId}/settings/users`,
        args,
        cookie: ownerCookie,
        headers: { "x-request-id": `multi-${name}-${ws.workspaceId.slice(0, 8)}` },
      });

    for (const s of [A, B]) {
      expect((await page(s.url)).status, `before, page on ${s.name}`).toBe(200);
      const { outcome } = await setAvailability(s.url, "away");
      expect(outcome.kind === "result" && outcome.ok, `before, action on ${s.name}: ${JSON.stringify(outcome)}`).toBe(
        true,
      );
    }

    const stream = await openRawStream(B.url, ws.workspaceId, agentCookie);
    try {
      await stream.waitFor("event: snapshot");
      const { res, outcome } = await owner("deactivateMemberAction", [
        ws.workspaceId,
        { userId: agent.userId, reassignTo: ws.owner.userId },
      ]);
      expect(outcome.kind === "result" && outcome.ok, JSON.stringify(outcome)).toBe(true);
      // The id the caller sent is kept, answered back, and stored on the audit row.
      const requestId = `multi-deactivateMemberAction-${ws.workspaceId.slice(0, 8)}`;
      expect(res.headers["x-request-id"]).toBe(requestId);
      const row = await handle.db
        .selectFrom("audit_log")
        .select("request_id")
        .where("workspace_id", "=", ws.workspaceId)
        .where("action", "=", "member.deactivated")
        .executeTakeFirstOrThrow();
      expect(row.request_id).toBe(requestId);
      // The stream held on the other server is told and closes.
      await stream.waitFor("event: revoked", 5000);
      await stream.ended;
    } finally {
      stream.close();
    }
    // The very next request, with the same (now stale) cookie: B first, then A.
    for (const s of [B, A]) {
      expect((await page(s.url)).status, `deactivated, page on ${s.name}`).toBe(404);
      const { outcome } = await setAvailability(s.url, "available");
      expect(outcome, `deactivated, action on ${s.name}`).toMatchObject({
        kind: "result",
        ok: false,
        code: "notFound",
      });
      const again = await openRawStream(s.url, ws.workspaceId, agentCookie).then(
        async (st) => {
          const status = st.status;
          st.close();
          return status;
        },
        () => 0,
      );
      expect(again, `deactivated, stream on ${s.name}`).toBe(404);
    }
    // The refused calls changed nothing: the membership is still only in deactivated_members.
    const rows = await handle.db
      .selectFrom("workspace_members")
      .select("user_id")
      .where("workspace_id", "=", ws.workspaceId)
      .where("user_id", "=", agent.userId)
      .execute();
    expect(rows, "no membership row while deactivated").toEqual([]);

    const back = await owner("reactivateMemberAction", [ws.workspaceId, { userId: agent.userId }]);
    expect(back.outcome.kind === "result" && back.outcome.ok, JSON.stringify(back.outcome)).toBe(true);
    for (const s of [B, A]) {
      expect((await page(s.url)).status, `reactivated, page on ${s.name}`).toBe(200);
      const { outcome } = await setAvailability(s.url, "available");
      expect(
        outcome.kind === "result" && outcome.ok,
        `reactivated, action on ${s.name}: ${JSON.stringify(outcome)}`,
      ).toBe(true);
      const st = await openRawStream(s.url, ws.workspaceId, agentCookie);
      try {
        await st.waitFor("event: snapshot");
      } finally {
        st.close();
      }
    }
  });
});
