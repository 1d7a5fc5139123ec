// B1 (Users page), B3 (Agent inbox), B9 (Users page under load), B10 (the same on PGlite).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { loadMember } from "@/lib/access/member";
import { catalogs } from "@/lib/i18n/catalog";
import { createTranslator } from "@/lib/i18n/translate";
import { getAccount } from "@/lib/services/account";
import { listConversations } from "@/lib/services/inbox";
import { listUserWorkspaces } from "@/lib/services/user-workspaces";
import { loadUsersPage } from "@/app/w/[workspaceId]/settings/users/load-users";
import type { Db } from "@/db";
import { queryMedians, verdict, type Breakdown, type Ctx, type Figure } from "../lib/context";
import { explain, type LoggedQuery } from "../lib/db";
import { timedGet } from "../lib/http";
import { cookieFor } from "../lib/session";
import { median, p95, sample } from "../lib/stats";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const SEARCH = "walker"; // an English last name: ~1 member in 30 matches
const INBOX_PAGE = 30; // the inbox page's PAGE_SIZE (app/w/[workspaceId]/inbox/page.tsx)

/** Run `fn` (the page's database work, in-process) and split the page time into db vs rest. */
async function breakdown(ctx: Ctx, pageMedian: number, fn: () => Promise<unknown>): Promise<Breakdown> {
  await sample(fn, 0, 3);
  ctx.bench.take();
  const runs: LoggedQuery[][] = [];
  const walls: number[] = [];
  for (let i = 0; i < Math.max(ctx.runs, 10); i++) {
    const t = performance.now();
    await fn();
    walls.push(performance.now() - t);
    runs.push(ctx.bench.take());
  }
  const db = median(walls);
  return {
    totalMedianMs: pageMedian,
    dbWallMedianMs: db,
    restMedianMs: Math.max(0, pageMedian - db),
    queries: queryMedians(runs),
  };
}

async function httpFigure(ctx: Ctx, url: string, cookie: string, runs: number, encoding?: string) {
  const first = await timedGet(url, cookie, { keepText: true, encoding });
  if (first.status !== 200) return { ok: false as const, status: first.status, text: first.text ?? "" };
  const totals: number[] = [];
  const ttfbs: number[] = [];
  for (let i = 0; i < 5; i++) await timedGet(url, cookie, { encoding });
  for (let i = 0; i < runs; i++) {
    const r = await timedGet(url, cookie, { encoding });
    if (r.status !== 200) return { ok: false as const, status: r.status, text: "" };
    totals.push(r.totalMs);
    ttfbs.push(r.ttfbMs);
  }
  return { ok: true as const, totals, ttfbs, bytes: first.bytes, text: first.text ?? "" };
}

export async function usersPage(ctx: Ctx, id = "B1", limitMs = 30): Promise<Figure[]> {
  const out: Figure[] = [];
  const cookie = await cookieFor(ctx.bench.db, ctx.secret, ctx.ids.owner);
  const t = createTranslator("en", catalogs.en);
  const db = ctx.bench.db as unknown as Db;
  for (const [label, q] of [
    ["Users page, Owner, first page", ""],
    [`Users page, search "${SEARCH}"`, SEARCH],
  ] as const) {
    const url = `${ctx.server!.url}/w/${ctx.workspaceId}/settings/users${q ? `?q=${q}` : ""}`;
    const r = await httpFigure(ctx, url, cookie, Math.max(ctx.runs, 20));
    const fig: Figure = {
      id,
      name: label,
      target: `≤ ${limitMs} ms median`,
      unit: "ms",
      median: null,
      p95: null,
      verdict: "n/a",
      notes: [],
    };
    out.push(fig);
    if (!r.ok) {
      fig.notes.push(`HTTP ${r.status}: ${r.text.slice(0, 200).replace(/\s+/g, " ")}`);
      continue;
    }
    fig.median = median(r.totals);
    fig.p95 = p95(r.totals);
    fig.verdict = verdict(fig.median <= limitMs);
    fig.notes.push(
      `time to last byte over HTTP (${r.totals.length} runs); TTFB median ${median(r.ttfbs).toFixed(1)} ms; ${(r.bytes / 1024).toFixed(0)} KiB`,
    );
    // The same page uncompressed: how much of the time is the server's gzip (next start
    // compresses by default; behind a compressing proxy the app would not).
    const plain = await httpFigure(ctx, url, cookie, Math.max(ctx.runs, 20), "identity");
    if (plain.ok)
      fig.notes.push(
        `uncompressed (accept-encoding: identity): median ${median(plain.totals).toFixed(1)} ms, ${(plain.bytes / 1024).toFixed(0)} KiB`,
      );
    fig.breakdown = await breakdown(ctx, fig.median, async () => {
      // What the layout and the page ask the database, concurrently as Next renders them.
      const layout = (async () => {
        await loadMember(db, ctx.workspaceId, ctx.ids.owner);
        await Promise.all([getAccount(db, ctx.ids.owner), listUserWorkspaces(db, ctx.ids.owner)]);
      })();
      const page = (async () => {
        const m = await loadMember(db, ctx.workspaceId, ctx.ids.owner);
        await loadUsersPage(db, m!, { q, t, locale: "en" });
      })();
      await Promise.all([layout, page]);
    });
  }
  return out;
}

/** True once the inbox page lists conversations (not the placeholder). */
function inboxPageBuilt(): boolean {
  const dir = path.join(ROOT, "app", "w", "[workspaceId]", "inbox");
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.tsx?$/.test(f));
  const src = files.map((f) => readFileSync(path.join(dir, f), "utf8")).join("\n");
  return /listConversations|loadInbox|conversations/i.test(src) && !/<ComingSoon/.test(src);
}

export async function inbox(
  ctx: Ctx,
  id = "B3",
  opts: { queryP95Ms: number | null; pageMedianMs: number | null } = { queryP95Ms: 10, pageMedianMs: 50 },
): Promise<Figure[]> {
  const db = ctx.bench.db as unknown as Db;
  const member = await loadMember(db, ctx.workspaceId, ctx.ids.inboxAgent);
  if (!member) throw new Error("inbox agent missing");
  const query: Figure = {
    id,
    name: `Agent inbox query (team tab, "${member.restrictions.join(",")}")`,
    target: opts.queryP95Ms ? `≤ ${opts.queryP95Ms} ms p95` : "reported",
    unit: "ms",
    median: null,
    p95: null,
    verdict: "n/a",
    notes: [],
  };
  const run = () => listConversations(db, member, { tab: "team", limit: INBOX_PAGE });
  await sample(run, 0, 5);
  ctx.bench.take();
  const times: number[] = [];
  const dbTimes: number[] = [];
  let last: LoggedQuery | undefined;
  let preludes: LoggedQuery[] = [];
  for (let i = 0; i < Math.max(ctx.runs, 50); i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
    const logged = ctx.bench.take();
    const at = logged.findIndex((q) => /from "conversations"/.test(q.sql));
    if (at >= 0) {
      last = logged[at];
      preludes = logged.slice(0, at).filter((q) => /^\s*set /i.test(q.sql));
    }
    dbTimes.push(logged.reduce((s, q) => s + q.ms, 0));
  }
  query.median = median(times);
  query.p95 = p95(times);
  query.verdict = opts.queryP95Ms ? verdict(query.p95 <= opts.queryP95Ms) : "n/a";
  const rows = (await run()).rows.length;
  query.notes.push(
    `${times.length} runs in-process: wall time of listConversations (pool, round trips, query); logged statement time median ${median(dbTimes).toFixed(1)} ms; ${rows} rows`,
  );
  if (last) {
    const plan = await explain(ctx.bench.db, last, preludes);
    const seq = /Seq Scan on contacts/.test(plan);
    query.notes.push(seq ? "EXPLAIN: SEQ SCAN on contacts" : "EXPLAIN: no seq scan on contacts");
    query.extra = { explain: plan, seqScanOnContacts: seq, sql: last.sql };
  }
  const out = [query];

  const page: Figure = {
    id,
    name: "Agent inbox page (?tab=team)",
    target: opts.pageMedianMs ? `≤ ${opts.pageMedianMs} ms median` : "reported",
    unit: "ms",
    median: null,
    p95: null,
    verdict: "n/a",
    notes: [],
  };
  out.push(page);
  if (!ctx.server) return out;
  const cookie = await cookieFor(ctx.bench.db, ctx.secret, ctx.ids.inboxAgent);
  const r = await httpFigure(
    ctx,
    `${ctx.server.url}/w/${ctx.workspaceId}/inbox?tab=team`,
    cookie,
    Math.max(ctx.runs, 20),
  );
  if (!r.ok) {
    page.notes.push(`HTTP ${r.status}`);
    return out;
  }
  page.median = median(r.totals);
  page.p95 = p95(r.totals);
  const built = inboxPageBuilt();
  page.verdict = built && opts.pageMedianMs ? verdict(page.median <= opts.pageMedianMs) : "n/a";
  if (!built) page.notes.push("the inbox page is still a placeholder: timing the shell only, no verdict");
  page.notes.push(
    `time to last byte over HTTP (${r.totals.length} runs); TTFB median ${median(r.ttfbs).toFixed(1)} ms`,
  );
  page.breakdown = await breakdown(ctx, page.median, async () => {
    const layout = (async () => {
      await loadMember(db, ctx.workspaceId, ctx.ids.inboxAgent);
      await Promise.all([getAccount(db, ctx.ids.inboxAgent), listUserWorkspaces(db, ctx.ids.inboxAgent)]);
    })();
    const body = (async () => {
      const m = await loadMember(db, ctx.workspaceId, ctx.ids.inboxAgent);
      await listConversations(db, m!, { tab: "team", limit: INBOX_PAGE });
    })();
    await Promise.all([layout, body]);
  });
  return out;
}

export async function usersPageLoad(ctx: Ctx): Promise<Figure[]> {
  const cookie = await cookieFor(ctx.bench.db, ctx.secret, ctx.ids.owner);
  const url = `${ctx.server!.url}/w/${ctx.workspaceId}/settings/users`;
  const duration = Number(process.env.BENCH_B9_SECONDS) || 30;
  const result = await autocannon({ url, connections: 16, duration, headers: { cookie } });
  const rps = result.requests.average;
  const errors = result.errors + result.timeouts + result.non2xx;
  const fig: Figure = {
    id: "B9",
    name: "Users page under load (16 conn, 30 s)",
    target: "0 errors, ≥ 150 req/s, p99 ≤ 250 ms",
    unit: "req/s",
    median: rps,
    p95: null,
    verdict: verdict(errors === 0 && rps >= 150 && result.latency.p99 <= 250),
    notes: [
      `${result.requests.total} requests in ${duration} s: ${rps.toFixed(0)} req/s; latency p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`,
    ],
    extra: {
      latency: result.latency,
      requests: result.requests,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    },
  };
  return [fig];
}
