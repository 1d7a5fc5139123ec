// B5 (Users CSV, 11,000 rows) and B6 (Contacts CSV, 1,000,000 rows: throughput and the
// server's peak RSS growth while it streams), timed over HTTP from outside the server.
import { verdict, type Ctx, type Figure } from "../lib/context";
import { timedGet } from "../lib/http";
import { rssSampler } from "../lib/server";
import { cookieFor } from "../lib/session";
import { median, p95 } from "../lib/stats";

const countLines = (chunk: Uint8Array) => {
  let n = 0;
  for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) n++;
  return n;
};

async function download(url: string, cookie: string) {
  let lines = 0;
  const r = await timedGet(url, cookie, { onChunk: (c) => (lines += countLines(c)) });
  return { ...r, rows: Math.max(0, lines - 1) };
}

export async function usersExport(ctx: Ctx): Promise<Figure[]> {
  const cookie = await cookieFor(ctx.bench.db, ctx.secret, ctx.ids.owner);
  const url = `${ctx.server!.url}/w/${ctx.workspaceId}/settings/users/export`;
  const fig: Figure = {
    id: "B5",
    name: "Users CSV export",
    target: "≤ 300 ms",
    unit: "ms",
    median: null,
    p95: null,
    verdict: "n/a",
    notes: [],
  };
  const first = await download(url, cookie);
  if (first.status !== 200) {
    fig.notes.push(`HTTP ${first.status}`);
    return [fig];
  }
  for (let i = 0; i < 2; i++) await download(url, cookie);
  const times: number[] = [];
  for (let i = 0; i < Math.max(ctx.runs, 7); i++) times.push((await download(url, cookie)).totalMs);
  fig.median = median(times);
  fig.p95 = p95(times);
  fig.verdict = verdict(fig.median <= 300);
  fig.name = `Users CSV export (${first.rows.toLocaleString("en-US")} rows)`;
  fig.notes.push(`${times.length} runs, time to last byte; ${(first.bytes / 1024).toFixed(0)} KiB`);
  return [fig];
}

export async function contactsExport(ctx: Ctx): Promise<Figure[]> {
  const cookie = await cookieFor(ctx.bench.db, ctx.secret, ctx.ids.owner);
  const url = `${ctx.server!.url}/w/${ctx.workspaceId}/contacts/export`;
  const rate: Figure = {
    id: "B6",
    name: "Contacts CSV export: throughput",
    target: "≥ 150,000 rows/s",
    unit: "rows/s",
    median: null,
    p95: null,
    verdict: "n/a",
    notes: [],
  };
  const mem: Figure = {
    id: "B6",
    name: "Contacts CSV export: peak RSS growth",
    target: "≤ 100 MB",
    unit: "MB",
    median: null,
    p95: null,
    verdict: "n/a",
    notes: [],
  };
  const probe = await fetch(url, { headers: { cookie }, redirect: "manual" });
  await probe.body?.cancel();
  if (probe.status !== 200) {
    rate.notes.push(`HTTP ${probe.status}: the route /w/[id]/contacts/export is not there yet`);
    mem.notes.push(rate.notes[0]);
    return [rate, mem];
  }
  const rates: number[] = [];
  const growth: number[] = [];
  let rows = 0;
  let bytes = 0;
  await download(url, cookie); // warm-up
  const runs = Number(process.env.BENCH_B6_RUNS) || Math.max(ctx.runs, 5);
  for (let i = 0; i < runs; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const before = ctx.server!.rss();
    const sampler = rssSampler(ctx.server!, 20);
    const r = await download(url, cookie);
    const peak = sampler.stop();
    rows = r.rows;
    bytes = r.bytes;
    rates.push(r.rows / (r.totalMs / 1000));
    growth.push((peak - before) / 1024 / 1024);
  }
  rate.median = median(rates);
  rate.p95 = Math.min(...rates); // the slowest run: "p95" of a rate is its low end
  rate.verdict = verdict(rate.median >= 150_000);
  rate.notes.push(
    `${rates.length} runs of ${rows.toLocaleString("en-US")} rows (${(bytes / 1048576).toFixed(0)} MiB); p95 column = slowest run`,
  );
  mem.median = median(growth);
  mem.p95 = Math.max(...growth);
  mem.verdict = verdict(Math.max(...growth) <= 100);
  mem.notes.push(
    `server process-tree RSS sampled every 20 ms; growth = peak during the download − RSS before it; p95 column = worst run`,
  );
  return [rate, mem];
}
