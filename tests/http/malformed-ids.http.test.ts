import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { ACTION_CASES, restoreSupport } from "./action-cases";
import { ROUTE_CASES, type RouteCase } from "./routes";
import { callAction, describeOutcome, loadManifest, type ManifestAction } from "./support/actions";
import type { ActorKey, HttpContext } from "./support/context";
import { cookieFor } from "./support/fixtures";
import { pool } from "./support/http";
import { actionPath, fetchRoute } from "./support/run";

// Ids and cursors typed, pasted or cut short by a person: every route and every server
// action answers a clean 404 / normal page / refusal for them, never a 5xx.

const ctx = inject("http");
const root = process.cwd();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SAMPLE = "3f2b9c4e-8a1d-4e6f-9b2a-7c5d1e0f4a3b";
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Malformed ids, as they would arrive (already URL-encoded where a URL carries them). */
const BAD_IDS: Record<string, string> = {
  "36 dashes": "-".repeat(36),
  "too long": `${SAMPLE}0`,
  "non-hex letter": SAMPLE.replace("a", "g"),
  "%00": "%00",
  "NUL inside": `${SAMPLE.slice(0, 8)}%00${SAMPLE.slice(9)}`,
  Arabic: encodeURIComponent("معرف-غير-صالح"),
  empty: "",
};

/** Malformed cursors: garbage, and well-formed ones of another list's sort. */
const BAD_CURSORS: Record<string, string> = {
  ...BAD_IDS,
  "garbage base64": "!!not*base64~~",
  "random base64": Buffer.from("\x00\xff\xfe garbage").toString("base64url"),
  "name key on any list": b64(["Zed Person", SAMPLE]),
  "time key, bad time": b64(["yesterday", SAMPLE]),
  "bigint id": b64(["2026-01-01 00:00:00+00", "12345"]),
  "bad time, bigint id": b64(["yesterday", "12345"]),
  "tagged audit cursor, bad time": b64(["time", "yesterday", "12345"]),
  "NUL in the key": b64(["a\u0000b", SAMPLE]),
  "dashes id": b64(["2026-01-01 00:00:00+00", "-".repeat(36)]),
  "tagged name cursor": b64(["name", "Zed Person", SAMPLE]),
  "tagged time cursor, bad time": b64(["time", "not a time", SAMPLE]),
  "tagged time cursor, huge year": b64(["time", "99999-01-01 00:00:00+00", SAMPLE]),
  "pipe format, bad time": encodeURIComponent(`not a time|${SAMPLE}`),
  "pipe format, dashes id": encodeURIComponent(`2026-01-01 00:00:00+00|${"-".repeat(36)}`),
};

/** The query parameters each page reads an id or a cursor from (plus `cursor` on every page). */
const PARAMS: Record<string, string[]> = {
  "/w/[ws]/inbox": ["c", "cursor"],
  "/w/[ws]/settings/users": ["cursor", "log"],
};

const ACTORS: ActorKey[] = ["owner", "agent_team", "agent_contacts_self"];

interface Probe {
  key: string;
  route: RouteCase;
}

/** Every way a route of routes.ts can carry a bad id or cursor. */
function probes(c: HttpContext): Probe[] {
  const out: Probe[] = [];
  for (const route of ROUTE_CASES) {
    const path = route.path(c);
    const body = route.body?.(c);
    const ids = [...new Set([...path.matchAll(UUID), ...(body ?? "").matchAll(UUID)].map((m) => m[0]))];
    for (const id of ids) {
      for (const [name, bad] of Object.entries(BAD_IDS)) {
        out.push({
          key: `${route.key} with ${id === c.support ? "workspace" : "id"} = ${name}`,
          route: {
            ...route,
            path: () => path.replaceAll(id, bad),
            body: body === undefined ? undefined : () => body.replaceAll(id, decodeURIComponent(bad)),
          },
        });
      }
    }
    if (route.method === "POST" || route.stream || route.okStatus) continue;
    const base = path.split("?")[0];
    const params = [...new Set(["cursor", ...(PARAMS[route.key.split("?")[0]] ?? [])])];
    for (const param of params) {
      const values = param === "c" ? BAD_IDS : BAD_CURSORS;
      for (const [name, bad] of Object.entries(values)) {
        out.push({ key: `${base}?${param}= ${name}`, route: { ...route, path: () => `${base}?${param}=${bad}` } });
      }
    }
  }
  // The inbox ?c= routes share one page: probe its query parameters once.
  return [...new Map(out.map((p) => [p.key, p])).values()];
}

/** Each string in an action's input that is an id, replaced by `bad` one at a time. */
function* withBadIds(input: unknown, bad: string): Generator<unknown> {
  if (typeof input === "string" && /^[0-9a-f-]{36}$/i.test(input)) yield bad;
  else if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++)
      for (const v of withBadIds(input[i], bad)) yield input.map((x, j) => (j === i ? v : x));
  } else if (input && typeof input === "object") {
    for (const [k, value] of Object.entries(input)) for (const v of withBadIds(value, bad)) yield { ...input, [k]: v };
  }
}

describe.skipIf(!!ctx.skip)("malformed ids and cursors over HTTP (next start)", () => {
  let handle: DbHandle;
  let manifest: ManifestAction[];

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    manifest = loadManifest(root, ctx.distDir);
  });
  afterAll(async () => {
    if (handle) {
      await restoreSupport(handle.db, ctx);
      await handle.close();
    }
  });

  for (const actor of ACTORS) {
    it(`every route answers a bad id or cursor without a 5xx (${actor})`, async () => {
      const cookie = await cookieFor(ctx, actor, "honest");
      const list = probes(ctx);
      const results = await pool(list, 3, (p) => fetchRoute(ctx, p.route, cookie));
      const failures = results.flatMap((res, i) => (res.status >= 500 ? [`${list[i].key}: HTTP ${res.status}`] : []));
      expect(list.length).toBeGreaterThan(200);
      expect(failures).toEqual([]);
    });
  }

  it("every server action answers a bad id with a clean refusal, never a 5xx or a generic error", async () => {
    const cookie = await cookieFor(ctx, "owner", "honest");
    const failures: string[] = [];
    let calls = 0;
    for (const c of ACTION_CASES) {
      const action = manifest.find((m) => m.file === c.file && m.exportName === c.exportName);
      if (!action) throw new Error(`${c.file}#${c.exportName} is not in the build`);
      const prepared = await c.prepare({ db: handle.db, ctx, actor: "owner", userId: ctx.actors.owner.userId });
      if (!Array.isArray(prepared.args)) continue;
      const path = actionPath(ctx, action, prepared.params);
      for (const [name, bad] of Object.entries(BAD_IDS)) {
        const raw = decodeURIComponent(bad);
        for (const args of withBadIds(prepared.args, raw)) {
          calls++;
          const { outcome } = await callAction(ctx.base, { id: action.id, path, args: args as unknown[], cookie });
          const broken =
            outcome.kind === "error" || (outcome.kind === "result" && !outcome.ok && outcome.code === "generic");
          if (broken || outcome.status >= 500) failures.push(`${c.key} (${name}): ${describeOutcome(outcome)}`);
        }
      }
      await prepared.cleanup?.();
    }
    expect(calls).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });
});
