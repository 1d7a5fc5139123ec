import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { insertSession } from "@/db/session-rows";
import { loadManifest, callAction, type ManifestAction } from "./support/actions";
import { addMember, addOrgMember, createUser, freshTotp, mintCookie, readClaims } from "./support/fixtures";
import { header, raw } from "./support/http";
import { actionPath } from "./support/run";

// Two-step sign-in against the built app (docs/SECURITY.md, Two-step sign-in): the cookie of a
// session still waiting for its second factor is signed out for every door — pages go to
// /signin/verify (not /signin), route handlers answer 401, actions "unauthenticated", the
// browser's session fetch is empty — until /signin/verify's action is passed with a code; then
// the very same cookie works.

const ctx = inject("http");

describe.skipIf(!!ctx.skip)("a session waiting for its second factor (next start)", () => {
  let handle: DbHandle;
  let manifest: ManifestAction[];

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    manifest = loadManifest(process.cwd(), ctx.distDir);
  });
  afterAll(async () => {
    await handle?.close();
  });

  const call = (exportName: string, cookie: string, args: unknown[]) => {
    const a = manifest.find((m) => m.exportName === exportName)!;
    return callAction(ctx.base, { id: a.id, path: actionPath(ctx, a), args, cookie });
  };

  it("is refused by pages, routes and actions until the code; then the same cookie works", async () => {
    const db = handle.db;
    const email = `two-step-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@http.test`;
    const userId = await createUser(db, email, "Two Step");
    await addOrgMember(db, ctx.org, userId);
    await addMember(db, ctx.support, userId, "agent");
    const secret = await freshTotp(db, ctx.secret, userId, true);
    const { sid } = await insertSession(db, { userId, device: "HTTP two-step", secondFactor: "pending" });
    const cookie = await mintCookie(ctx.secret, { userId, email, name: "Two Step", sid }, await readClaims(db, userId));

    const inbox = `/w/${ctx.support}/inbox`;
    // The workspace layout's guard comes back to the workspace, as it does from /signin.
    for (const [path, back] of [
      [inbox, `/w/${ctx.support}`],
      ["/account", "/account"],
    ]) {
      const res = await raw(ctx.base, path, { headers: { cookie } });
      expect(res.status).toBe(307);
      expect(header(res, "location")).toContain(`/signin/verify?callbackUrl=${encodeURIComponent(back)}`);
    }
    const beat = () =>
      raw(ctx.base, "/api/presence/heartbeat", {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ workspaceId: ctx.support }),
      });
    expect((await beat()).status).toBe(401);
    // A route handler the edge lets through (an agent's export would be refused there already).
    const avatar = await raw(ctx.base, `/api/avatar/${ctx.actors.owner.userId}`, { headers: { cookie } });
    expect(avatar.status).toBe(401);
    expect((await raw(ctx.base, "/api/auth/session", { headers: { cookie } })).body.trim()).toBe("{}");
    const { outcome } = await call("saveProfile", cookie, [{ name: "Skipped the step", locale: "en" }]);
    expect(outcome).toMatchObject({ kind: "result", ok: false, code: "unauthenticated" });
    const page = await raw(ctx.base, `/signin/verify?callbackUrl=${encodeURIComponent(inbox)}`, {
      headers: { cookie },
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain("Two-step sign-in");

    const wrong = await call("verifySecondFactorAction", cookie, [{ code: "000000", callbackUrl: inbox }]);
    expect(wrong.outcome).toMatchObject({ kind: "result", ok: false, code: "invalidInput" });
    const passed = await call("verifySecondFactorAction", cookie, [
      { code: await generate({ secret }), callbackUrl: inbox },
    ]);
    expect(passed.outcome).toMatchObject({ kind: "result", ok: true, data: { kind: "totp", redirectTo: inbox } });

    expect((await raw(ctx.base, inbox, { headers: { cookie } })).status).toBe(200);
    expect((await beat()).status).toBe(204);
    const name = (await db.selectFrom("users").select("name").where("id", "=", userId).executeTakeFirstOrThrow()).name;
    expect(name).toBe("Two Step");
  });
});
