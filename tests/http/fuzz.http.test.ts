import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import { FUZZ_RUNS, malformedId, nastyString, RAW_ERROR_TEXT } from "@/tests/fuzz/inputs";
import { ROUTE_CASES } from "./routes";
import { cookieFor, COOKIE } from "./support/fixtures";
import { pool, raw, type RawResponse } from "./support/http";

// Every page and route handler of the app tree, fed random path segments, query strings,
// methods, headers and bodies over real HTTP: never a 5xx, never raw error text in the body.
// FUZZ_RUNS requests per route; FUZZ_SEED replays a run.
//
// Part of every HTTP run (FUZZ_HTTP=0 leaves it out). What it found and how each was fixed:
// docs/SECURITY.md, "Malformed requests".

const ctx = inject("http");
const root = process.cwd();
const SEED = Number(process.env.FUZZ_SEED) || Date.now() % 2 ** 31;

/** Every page.tsx and route.ts under app/, as a URL template: /w/[workspaceId]/contacts/[contactId]. */
function appRoutes(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/^(page\.tsx|route\.ts)$/.test(entry.name)) {
        const template = `/${relative(join(root, "app"), dir)}`
          .replace(/\/\([^)]*\)/g, "")
          .replace(/\/$/, "")
          .replace(/\\/g, "/");
        out.push(template || "/");
      }
    }
  };
  walk(join(root, "app"));
  return out.sort();
}

const FIELDS = ["c", "q", "cursor", "log", "tab", "status", "limit", "workspaceId", "callbackUrl", "error", "token"];
const JSON_FIELDS = [
  "workspaceId",
  "csp-report",
  "document-uri",
  "violated-directive",
  "blocked-uri",
  "email",
  "csrfToken",
  "callbackUrl",
  "toString",
  "valueOf",
  "__proto__",
];

/** A JSON body: objects with the fields handlers read (and prototype keys), or any JSON at all. */
const jsonBody = fc
  .letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small" },
      { weight: 4, arbitrary: fc.oneof(nastyString, malformedId, fc.integer(), fc.double(), fc.boolean()) },
      fc.constant(null),
      fc.array(tie("v"), { maxLength: 3 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...JSON_FIELDS), fc.string({ maxLength: 8 })), tie("v"), {
        maxKeys: 4,
        noNullPrototype: true,
      }),
    ),
  }))
  .v.map((v) => JSON.stringify(v) ?? "null");

const body = fc.oneof(
  { weight: 4, arbitrary: jsonBody },
  nastyString,
  fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)),
  fc.constantFrom("", "{", '{"a":', "[".repeat(5000), "\u0000\u0000", "--x\r\nContent-Disposition: form-data\r\n\r\n"),
  fc
    .array(fc.tuple(fc.constantFrom(...FIELDS, "0", "1_$ACTION_ID_x"), nastyString), { maxLength: 4 })
    .map((kv) => new URLSearchParams(kv).toString()),
);

/** encodeURIComponent, which refuses a lone surrogate: make the string well-formed first. */
const encode = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "\ufffd"));

/** A header value Node will send (no CR/LF/NUL, Latin-1 only). */
const headerValue = (arb: fc.Arbitrary<string>) => arb.map((s) => s.replace(/[^\x20-\x7e]/g, "").slice(0, 4000));

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

function requestsFor(template: string, cookies: string[]): fc.Arbitrary<FuzzRequest> {
  const ids = [ctx.support, ctx.sales, ctx.otherWs, ctx.org, ctx.otherOrg, ...Object.values(ctx.contacts)];
  const segment = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids, ctx.actors.owner.userId) },
    malformedId,
    nastyString.map(encode),
    fc.constantFrom("..", "%2e%2e", "%00", "%", "%zz", "~", "[workspaceId]", "index", "route"),
  );
  const catchAll = fc.oneof(
    fc.constantFrom("session", "csrf", "providers", "signin", "signin/email", "callback/email", "signout", "error"),
    fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join("/")),
  );
  const fill = (params: string[]) => fc.tuple(...params.map((p) => (p.startsWith("[...") ? catchAll : segment)));
  const params = template.match(/\[[^\]]+\]/g) ?? [];
  const path = (params.length ? fill(params) : fc.constant([] as string[])).map((values) => {
    let i = 0;
    return template.replace(/\[[^\]]+\]/g, () => values[i++]).slice(0, 2000);
  });
  const suffix = fc.oneof(
    { weight: 3, arbitrary: fc.constant("") },
    fc.constantFrom("/", "//", "/x", "/..", ".json", "/%2f"),
  );
  const query = fc
    .array(
      fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 6 })), fc.oneof(segment, nastyString)),
      {
        maxLength: 4,
      },
    )
    // Node refuses a request line and headers over 16 KB together: stay within that.
    .map((kv) =>
      kv
        .map(([k, v]) => `${encode(k)}=${encode(v)}`)
        .join("&")
        .slice(0, 2000),
    );
  const garbageCookie = fc.oneof(
    fc.constantFrom(
      `${COOKIE}=`,
      `${COOKIE}=not.a.jwt`,
      `${COOKIE}=${"A".repeat(6000)}`,
      `${COOKIE}=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z`,
      "locale=xx; locale=ar",
      "=;=;=",
      `__Secure-${COOKIE}=x`,
    ),
    headerValue(fc.string({ maxLength: 200 })).map((s) => `${COOKIE}=${s}`),
    headerValue(fc.string({ maxLength: 200 })),
  );
  const headers = fc.record(
    {
      cookie: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...cookies) }, garbageCookie),
      "content-type": fc.constantFrom(
        "application/json",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "multipart/form-data",
        "application/csp-report",
        "text/x-component",
        "garbage/;;;",
      ),
      accept: fc.constantFrom("text/html", "text/x-component", "*/*", "application/json", "text/event-stream", ";;"),
      rsc: fc.constant("1"),
      // No Next-Router-State-Tree: Next itself answers an unparseable one with a 500, by design
      // (parse-and-validate-flight-router-state.js), before any app code runs.
      "next-action": headerValue(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 40, maxLength: 42 }),
          nastyString,
        ),
      ),
      "next-router-prefetch": fc.constant("1"),
      "accept-language": headerValue(fc.oneof(fc.constantFrom("ar", "en-GB,en;q=0.9", "*", "xx-YY;q=2"), nastyString)),
      "x-forwarded-for": headerValue(fc.oneof(fc.ipV4(), fc.ipV6(), nastyString)),
      origin: fc.constantFrom(ctx.base, "http://evil.example", "null"),
      "x-filler": fc.constantFrom("y".repeat(2000), "z".repeat(5000)),
    },
    { requiredKeys: [] },
  );
  return fc
    .record({
      method: fc.constantFrom("GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"),
      path,
      suffix,
      query,
      headers,
      body: fc.option(body, { nil: undefined }),
    })
    .map((r): FuzzRequest => ({
      method: r.method,
      path: `${r.path}${r.suffix}${r.query ? `?${r.query}` : ""}`,
      headers: r.headers as Record<string, string>,
      body: r.method === "GET" || r.method === "HEAD" ? undefined : r.body,
    }));
}

/** What is wrong with a response, or null. */
function badResponse(req: FuzzRequest, res: RawResponse): string | null {
  if (res.status >= 500) return `HTTP ${res.status}`;
  // "$undefined" is how React's flight data (also inlined in HTML) writes undefined, not an error;
  // and a page may show the word when the request itself sent it (a search box, a callback URL).
  let text = res.body.replaceAll("$undefined", "");
  if (/undefined/i.test(`${req.path} ${String(req.body ?? "")}`)) text = text.replace(/undefined/gi, "");
  const m = RAW_ERROR_TEXT.exec(text);
  return m ? `raw error text "${m[0]}" near: ${res.body.slice(Math.max(0, m.index - 80), m.index + 80)}` : null;
}

describe.skipIf(!!ctx.skip || process.env.FUZZ_HTTP === "0")("fuzz: every route over HTTP (next start)", () => {
  const routes = ctx.skip ? [] : appRoutes();

  it("lists every route of the app tree, including every route of routes.ts", () => {
    // A template as a pattern: [...rest] takes one or more segments, [id] one.
    const patterns = routes.map((r) => {
      const parts = r.split("/").map((seg) => {
        if (/^\[\.\.\.[^\]]+\]$/.test(seg)) return ".+";
        if (/^\[[^\]]+\]$/.test(seg)) return "[^/]+";
        return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      });
      return new RegExp(`^${parts.join("/")}$`);
    });
    for (const c of ROUTE_CASES) {
      const path = c.key.replace(/^(GET|POST) /, "").replace(/\?.*$/, "");
      expect(
        patterns.some((p) => p.test(path)),
        c.key,
      ).toBe(true);
    }
    expect(routes.length).toBeGreaterThan(ROUTE_CASES.length / 2);
  });

  for (const [index, template] of routes.entries()) {
    it(`${template}: ${FUZZ_RUNS} random requests, no 5xx, no raw error text`, { timeout: 900_000 }, async () => {
      const cookies = await Promise.all(
        (["owner", "agent_self", "org_admin", "other_ws", "revoked"] as const).map(
          async (a) => (await cookieFor(ctx, a, "honest"))!,
        ),
      );
      const cases = fc.sample(requestsFor(template, cookies), { numRuns: FUZZ_RUNS, seed: SEED + index });
      const failures: string[] = [];
      let resets = 0;
      await pool(cases, 4, async (req) => {
        let res: RawResponse;
        try {
          res = await raw(ctx.base, req.path, {
            method: req.method,
            headers: req.headers,
            body: req.body,
            headersOnly: req.path.includes("/stream"),
            timeoutMs: 30_000,
          });
        } catch (error) {
          // Node's own HTTP parser refuses some requests with a body (an OPTIONS or DELETE with one):
          // it writes a 400 and hangs up with the body unread, and the kernel's reset can reach us
          // before the 400 does. The server staying up is checked after the batch.
          if ((error as NodeJS.ErrnoException).code === "ECONNRESET" && req.body !== undefined) {
            resets++;
            return;
          }
          failures.push(`${req.method} ${req.path}: ${(error as Error).message}`);
          return;
        }
        const bad = badResponse(req, res);
        if (bad)
          failures.push(
            `${req.method} ${req.path.slice(0, 300)} ${JSON.stringify({ ...req.headers, cookie: req.headers.cookie?.slice(0, 80), "x-filler": undefined }).slice(0, 600)} body=${JSON.stringify(String(req.body ?? "").slice(0, 200))}: ${bad}`,
          );
      });
      expect(failures.slice(0, 10), `seed ${SEED}, ${failures.length} failures`).toEqual([]);
      if (resets) console.log(`[fuzz] ${template}: ${resets} requests with a body reset by Node's HTTP parser`);
      expect((await raw(ctx.base, "/api/health")).status, "the server is still up").toBe(200);
    });
  }
});
