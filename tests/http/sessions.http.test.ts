import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { loadManifest, callAction, type ManifestAction } from "./support/actions";
import {
  addMember,
  addOrgMember,
  createUser,
  mintCookie,
  openSession,
  readClaims,
  sessionCookie,
} from "./support/fixtures";
import { header, raw } from "./support/http";
import { actionPath } from "./support/run";

// Server-side sessions against the built app (docs/SECURITY.md, Sessions): the very cookie
// that worked is refused on its next request once its session is ended from another browser —
// a page sends it to sign-in, an API route answers 401, an action answers "unauthenticated" —
// and the presence stream it held open closes. A token without a session id is refused too.

const ctx = inject("http");

describe.skipIf(!!ctx.skip)("an ended session, the same cookie (next start)", () => {
  let handle: DbHandle;
  let manifest: ManifestAction[];

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    manifest = loadManifest(process.cwd(), ctx.distDir);
  });
  afterAll(async () => {
    await handle?.close();
  });

  const action = (exportName: string) => manifest.find((m) => m.exportName === exportName)!;
  const call = (exportName: string, cookie: string, args: unknown[]) => {
    const a = action(exportName);
    return callAction(ctx.base, { id: a.id, path: actionPath(ctx, a), args, cookie });
  };

  async function agent() {
    const db = handle.db;
    const email = `sessions-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@http.test`;
    const userId = await createUser(db, email, "Session Person");
    await addOrgMember(db, ctx.org, userId);
    await addMember(db, ctx.support, userId, "agent");
    const who = { userId, email, name: "Session Person" };
    return { who, claims: await readClaims(db, userId) };
  }

  const requests = (cookie: string) => ({
    page: () => raw(ctx.base, `/w/${ctx.support}/inbox`, { headers: { cookie } }),
    account: () => raw(ctx.base, "/account", { headers: { cookie } }),
    heartbeat: () =>
      raw(ctx.base, "/api/presence/heartbeat", {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ workspaceId: ctx.support }),
      }),
    avatar: () => raw(ctx.base, `/api/avatar/${ctx.actors.owner.userId}`, { headers: { cookie } }),
    profile: () => call("saveProfile", cookie, [{ name: "Still here?", locale: "en" }]),
  });

  async function expectRefused(cookie: string) {
    const r = requests(cookie);
    for (const res of [await r.page(), await r.account()]) {
      expect(res.status).toBe(307);
      expect(header(res, "location")).toMatch(/\/signin\?callbackUrl=/);
    }
    expect((await r.heartbeat()).status).toBe(401);
    expect((await r.avatar()).status).toBe(401);
    const { outcome } = await r.profile();
    expect(outcome).toMatchObject({ kind: "result", ok: false, code: "unauthenticated" });
  }

  it("works until 'Sign out everywhere else' from another browser, then every door refuses it and its stream closes", async () => {
    const { who, claims } = await agent();
    const laptop = await sessionCookie(handle.db, ctx.secret, who, claims);
    const phone = await sessionCookie(handle.db, ctx.secret, who, claims);

    // The control: the laptop's cookie works everywhere.
    const r = requests(laptop);
    expect((await r.page()).status).toBe(200);
    expect((await r.heartbeat()).status).toBe(204);
    expect((await r.profile()).outcome).toMatchObject({ kind: "result", ok: true });
    // Another person's session is not theirs to end: "not found", and it stays open.
    const owners = await handle.db
      .selectFrom("user_sessions")
      .select("id")
      .where("user_id", "=", ctx.actors.owner.userId)
      .where("ended_at", "is", null)
      .executeTakeFirstOrThrow();
    expect((await call("endSessionAction", laptop, [{ sessionId: owners.id }])).outcome).toMatchObject({
      kind: "result",
      ok: false,
      code: "notFound",
    });
    expect(
      (await handle.db.selectFrom("user_sessions").select("ended_at").where("id", "=", owners.id).executeTakeFirst())
        ?.ended_at,
    ).toBeNull();

    // The laptop holds a presence stream open.
    const controller = new AbortController();
    const stream = await fetch(`${ctx.base}/api/presence/stream?workspaceId=${ctx.support}`, {
      headers: { cookie: laptop },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (done: (t: string) => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!done(text) && Date.now() < deadline) {
        const next = await Promise.race([
          reader.read(),
          new Promise<null>((res) => setTimeout(() => res(null), Math.max(1, deadline - Date.now()))),
        ]);
        if (!next) break;
        if (next.done) return true;
        text += decoder.decode(next.value, { stream: true });
      }
      return false;
    };
    await readUntil((t) => t.includes("event: snapshot"), 10_000);
    expect(text).toContain("event: snapshot");

    // The phone signs out everywhere else.
    const { outcome } = await call("endOtherSessionsAction", phone, [{}]);
    expect(outcome).toMatchObject({ kind: "result", ok: true, data: { ended: 1 } });

    // The stream closes at once (the bus), long before its 20 s keepalive would notice.
    const t0 = Date.now();
    const ended = await readUntil(() => false, 10_000);
    expect(ended).toBe(true);
    expect(text).toContain("event: revoked");
    expect(Date.now() - t0).toBeLessThan(10_000);
    controller.abort();

    await expectRefused(laptop);
    // The phone is still signed in.
    expect((await requests(phone).page()).status).toBe(200);
    const rows = await handle.db
      .selectFrom("user_sessions")
      .select(["end_reason"])
      .where("user_id", "=", who.userId)
      .orderBy("created_at")
      .execute();
    expect(rows.map((x) => x.end_reason)).toEqual(["others", null]);
  });

  it("an org admin's 'Sign out everywhere' refuses every cookie of that person", async () => {
    const { who, claims } = await agent();
    const cookies = [
      await sessionCookie(handle.db, ctx.secret, who, claims),
      await sessionCookie(handle.db, ctx.secret, who, claims),
    ];
    expect((await requests(cookies[0]).page()).status).toBe(200);
    const admin = await mintCookie(ctx.secret, ctx.actors.org_admin, ctx.actors.org_admin.claims);
    const { outcome } = await call("signOutMemberEverywhereAction", admin, [ctx.org, { userId: who.userId }]);
    expect(outcome).toMatchObject({ kind: "result", ok: true, data: { ended: 2 } });
    for (const cookie of cookies) await expectRefused(cookie);
  });

  it("a token minted before sessions (no sid), and one naming another person's session, are refused", async () => {
    const { who, claims } = await agent();
    await expectRefused(await mintCookie(ctx.secret, { ...who, sid: null }, claims));
    const foreign = await openSession(handle.db, ctx.actors.owner.userId);
    await expectRefused(await mintCookie(ctx.secret, { ...who, sid: foreign }, claims));
  });
});
