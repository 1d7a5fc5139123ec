import { describe, expect, inject, it } from "vitest";
import { cookieFor } from "./support/fixtures";
import { header, raw } from "./support/http";

// The built app's security headers: a per-request CSP nonce that every script in the page
// carries, no 'unsafe-inline' for scripts, the directives that stop framing, plugins and <base>
// tricks, a Permissions-Policy, and no HSTS on an http base URL. (The browser tier runs every
// page under this policy and fails on any violation Chromium reports.)

const ctx = inject("http");

const directives = (csp: string) =>
  Object.fromEntries(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );

describe.skipIf(!!ctx.skip)("security headers (next start)", () => {
  it.each([
    ["/signin", null],
    ["/w/[ws]/dashboard", "owner"],
    ["/w/[ws]/settings/users", "owner"],
    ["/w/[ws]/settings/integrations", "agent_all"], // the 403 page, rewritten by the middleware
  ])("%s (%s): a fresh nonce on every script, strict policy", async (path, actor) => {
    const cookie = actor ? await cookieFor(ctx, actor, "honest") : null;
    const url = path.replace("[ws]", ctx.support);
    const get = () => raw(ctx.base, url, { headers: cookie ? { cookie } : {} });
    const [a, b] = [await get(), await get()];
    expect([200, 403]).toContain(a.status);
    const csp = header(a, "content-security-policy");
    const d = directives(csp);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(header(b, "content-security-policy")).not.toContain(nonce);
    expect(d["script-src"]).toEqual(expect.arrayContaining([`'nonce-${nonce}'`, "'strict-dynamic'"]));
    expect(d["script-src"]).not.toContain("'unsafe-inline'");
    expect(d["script-src"]).not.toContain("'unsafe-eval'");
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'none'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    // Every script element of the page carries this response's nonce.
    const scripts = [...a.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
    expect(header(a, "permissions-policy")).toContain("camera=()");
    expect(header(a, "strict-transport-security")).toBe("");
  });

  it("takes CSP violation reports (204) and refuses what is not one (400)", async () => {
    const report = JSON.stringify({
      "csp-report": {
        "document-uri": `${ctx.base}/signin`,
        "violated-directive": "script-src",
        "blocked-uri": "inline",
      },
    });
    const ok = await raw(ctx.base, "/api/csp-report", {
      method: "POST",
      headers: { "content-type": "application/csp-report" },
      body: report,
    });
    expect(ok.status).toBe(204);
    const bad = await raw(ctx.base, "/api/csp-report", { method: "POST", body: "<not json>" });
    expect(bad.status).toBe(400);
    // Fields that are not text are dropped, not turned into text (an object's own toString throws).
    const odd = await raw(ctx.base, "/api/csp-report", {
      method: "POST",
      body: JSON.stringify({ "csp-report": { "document-uri": { toString: 1 }, "line-number": [1] } }),
    });
    expect(odd.status).toBe(204);
  });
});
