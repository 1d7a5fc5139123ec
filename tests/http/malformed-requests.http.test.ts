import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { callAction, loadManifest } from "./support/actions";
import { cookieFor } from "./support/fixtures";
import { raw } from "./support/http";

// Requests a browser never sends, each of which Next.js, React or next-auth answered with a 500
// before any app code ran (found by the route fuzzer, tests/http/fuzz.http.test.ts). Each now
// gets a plain 4xx and writes nothing (lib/security/request-shape.ts, app/api/auth/[...nextauth]).

const ctx = inject("http");
let handle: DbHandle;
let owner: string;
let createTeam: string;

beforeAll(async () => {
  if (ctx.skip) return;
  handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
  owner = (await cookieFor(ctx, "owner", "honest"))!;
  createTeam = loadManifest(process.cwd(), ctx.distDir).find((a) => a.exportName === "createTeamAction")!.id;
});
afterAll(async () => handle?.db.destroy());

const teams = async (name: string) =>
  (await handle.db.selectFrom("teams").select("id").where("name", "=", name).execute()).length;

describe.skipIf(!!ctx.skip)("malformed requests get a 4xx, never a 500", () => {
  it("a path that is not valid percent-encoding: 400, signed in or not", async () => {
    for (const path of [`/w/%zz`, `/w/${ctx.support}/contacts/%zz`, `/api/avatar/%zz`, `/w/%`]) {
      for (const cookie of [owner, undefined]) {
        const res = await raw(ctx.base, path, { headers: cookie ? { cookie } : {} });
        expect(res.status, path).toBe(400);
      }
    }
  });

  it("a server action posted from another origin: 403, nothing written (Next.js answers 500)", async () => {
    for (const origin of ["http://evil.example", "null"]) {
      const name = `Cross-origin ${origin}`;
      const { res } = await callAction(ctx.base, {
        id: createTeam,
        path: `/w/${ctx.support}/settings/teams`,
        args: [ctx.support, { name }],
        cookie: owner,
        headers: { origin },
      });
      expect(res.status, origin).toBe(403);
      expect(await teams(name)).toBe(0);
    }
    // The same call from the app's own origin goes through.
    const { outcome } = await callAction(ctx.base, {
      id: createTeam,
      path: `/w/${ctx.support}/settings/teams`,
      args: [ctx.support, { name: "Same-origin team" }],
      cookie: owner,
    });
    expect(outcome).toMatchObject({ kind: "result", ok: true });
    expect(await teams("Same-origin team")).toBe(1);
  });

  it("a server-action body React cannot decode: 400 (decodeReply throws: 500)", async () => {
    const path = `/w/${ctx.support}/settings/teams`;
    const action = { "next-action": createTeam, accept: "text/x-component", origin: ctx.base, cookie: owner };
    for (const body of ["5", "null", '"$Q9"', '["$h1"]', '["$1:a:b"]', "{"]) {
      const res = await raw(ctx.base, path, {
        method: "POST",
        headers: { ...action, "content-type": "text/plain;charset=UTF-8" },
        body,
      });
      expect(res.status, body).toBe(400);
    }
    for (const headers of [
      { ...action, "content-type": "multipart/form-data; boundary=x" },
      { cookie: owner, "content-type": "multipart/form-data; boundary=x" },
      { cookie: owner, "content-type": "multipart/form-data" },
    ]) {
      const res = await raw(ctx.base, path, { method: "POST", headers, body: "garbage" });
      expect(res.status, JSON.stringify(headers)).toBe(400);
    }
  });

  it("next-auth: an unknown action is a plain 404; a broken callback URL or JSON body a 400", async () => {
    for (const [method, path] of [
      ["GET", "/api/auth/foo"],
      ["POST", "/api/auth/foo"],
      ["GET", "/api/auth/_log"],
      ["GET", "/api/auth/callback/email.json"],
    ]) {
      const res = await raw(ctx.base, path, { method });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toMatch(/Error/);
    }
    const res = await raw(ctx.base, "/api/auth/providers?callbackUrl=not-a-url");
    expect(res.status).toBe(400);
    const twice = await raw(ctx.base, "/api/auth/providers?callbackUrl=&callbackUrl=not-a-url");
    expect(twice.status).toBe(400);
    const cookie = await raw(ctx.base, "/api/auth/session", { headers: { cookie: "next-auth.callback-url=garbage" } });
    expect(cookie.status).toBe(400);
    expect(String(cookie.headers["set-cookie"])).toMatch(/next-auth\.callback-url=; Path=\/; Max-Age=0/);
    const json = await raw(ctx.base, "/api/auth/signin/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"email":',
    });
    expect(json.status).toBe(400);
    // A session update without its CSRF token: next-auth's own 400 said "[object Object]".
    const update = await raw(ctx.base, "/api/auth/session", { method: "POST", body: "" });
    expect(update.status).toBe(400);
    expect(update.body).toBe("Bad Request");
    // Its error page put ?error= into the Location header unencoded: a newline or a non-Latin-1
    // character made the header throw (500). Now a redirect to the sign-in page, value encoded.
    for (const error of ["%0Aevil", "%E2%80%AE%F0%9F%98%80", "Verification"]) {
      const page = await raw(ctx.base, `/api/auth/error?error=${error}`, {
        headers: { "content-type": "multipart/form-data; boundary=x", "next-action": "x" },
      });
      expect(page.status, error).toBe(302);
      const to = new URL(String(page.headers.location));
      expect(to.pathname).toBe("/signin");
      expect(to.searchParams.get("error")).toBe(decodeURIComponent(error));
    }
    // What next-auth is for still works.
    expect((await raw(ctx.base, "/api/auth/providers?callbackUrl=%2Fw")).status).toBe(200);
    expect((await raw(ctx.base, "/api/auth/csrf")).status).toBe(200);
  });
});
