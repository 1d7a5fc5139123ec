// B7: 1,000 open presence streams (SSE) on one server; a member who was offline sends a
//     heartbeat; time from that request to each stream receiving the "online" event.
// B8: heartbeats at ≥ 500/s from 10,000 distinct members (autocannon, fixed rate).
import http from "node:http";
import autocannon from "autocannon";
import { sql } from "kysely";
import { verdict, type Ctx, type Figure } from "../lib/context";
import { uid } from "../lib/db";
import { cookiesFor } from "../lib/session";
import { median, p95 } from "../lib/stats";

interface Stream {
  req: http.ClientRequest;
  onPresence?: (userId: string, online: boolean) => void;
}

function openStream(url: string, cookie: string, agent: http.Agent): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const s: Stream = { req: undefined as unknown as http.ClientRequest };
    let buf = "";
    let ready = false;
    s.req = http.get(url, { agent, headers: { cookie, accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`stream HTTP ${res.statusCode}`));
      }
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === "snapshot" && !ready) {
            ready = true;
            resolve(s);
          } else if (event === "presence" && data) {
            const d = JSON.parse(data) as { userId: string; online: boolean };
            s.onPresence?.(d.userId, d.online);
          }
        }
      });
      res.on("error", () => undefined);
    });
    s.req.on("error", (e) => (ready ? undefined : reject(e)));
    s.req.setTimeout(60_000, () => (ready ? undefined : reject(new Error("stream open timed out"))));
  });
}

async function markOnline(ctx: Ctx, userIds: string[]) {
  await sql`INSERT INTO presence (user_id, last_seen_at, online) SELECT unnest(${userIds}::uuid[]), now(), true
            ON CONFLICT (user_id) DO UPDATE SET last_seen_at = now(), online = true`.execute(ctx.bench.db);
}

export async function presenceFanout(ctx: Ctx): Promise<Figure[]> {
  const N = Number(process.env.BENCH_STREAMS) || 1000;
  const M = Number(ctx.meta.members);
  const holders = Array.from({ length: N }, (_, i) => uid(2 + i));
  const cookies = await cookiesFor(ctx.bench.db, ctx.secret, holders);
  // Steady state: the stream holders are online already (their own arrival is not measured),
  // nobody else is. (Members left "online" by an earlier figure would be swept offline by
  // the server as soon as its presence bus starts: one event per member to every stream.)
  await sql`UPDATE presence SET online = false WHERE online`.execute(ctx.bench.db);
  await markOnline(ctx, holders);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const url = `${ctx.server!.url}/api/presence/stream?workspaceId=${ctx.workspaceId}`;
  const streams: Stream[] = [];
  const opened = performance.now();
  const rssBefore = ctx.server!.rss();
  const fig: Figure = {
    id: "B7",
    name: `Presence: ${N} SSE streams, one member goes online`,
    target: `all ${N} notified, ≤ 1 s p95`,
    unit: "ms",
    median: null,
    p95: null,
    verdict: "n/a",
    notes: [],
  };
  try {
    for (let i = 0; i < N; i += 50) {
      streams.push(...(await Promise.all(cookies.slice(i, i + 50).map((c) => openStream(url, c, agent)))));
    }
    const openMs = performance.now() - opened;
    const rssOpen = ctx.server!.rss();
    const all: number[] = [];
    const perRun: { p95: number; received: number }[] = [];
    for (let run = 0; run < Math.max(ctx.runs, 5); run++) {
      const target = uid(M - 1 - run); // an Agent with no stream, marked offline
      await sql`UPDATE presence SET online = false, last_seen_at = now() - interval '10 minutes' WHERE user_id = ${target}`.execute(
        ctx.bench.db,
      );
      const [cookie] = await cookiesFor(ctx.bench.db, ctx.secret, [target]);
      const lat: number[] = [];
      let t0 = 0;
      const done = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000);
        for (const s of streams) {
          let seen = false;
          s.onPresence = (u, online) => {
            if (u !== target || !online || seen) return;
            seen = true;
            lat.push(performance.now() - t0);
            if (lat.length === streams.length) {
              clearTimeout(timer);
              resolve();
            }
          };
        }
      });
      t0 = performance.now();
      const res = await fetch(`${ctx.server!.url}/api/presence/heartbeat`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ workspaceId: ctx.workspaceId }),
      });
      await res.arrayBuffer();
      if (res.status !== 204) fig.notes.push(`heartbeat HTTP ${res.status}`);
      await done;
      perRun.push({ p95: p95(lat), received: lat.length });
      all.push(...lat, ...Array(streams.length - lat.length).fill(Infinity));
      await new Promise((r) => setTimeout(r, 1000));
    }
    const everyone = perRun.every((r) => r.received === streams.length);
    fig.median = median(all);
    fig.p95 = p95(all);
    fig.verdict = verdict(everyone && fig.p95 <= 1000);
    fig.notes.push(
      `${perRun.length} runs; received per run: ${perRun.map((r) => r.received).join(", ")} of ${streams.length}; opening ${streams.length} streams took ${(openMs / 1000).toFixed(1)} s; ` +
        `server RSS ${(rssBefore / 1048576).toFixed(0)} → ${(rssOpen / 1048576).toFixed(0)} MB with the streams open`,
    );
  } catch (error) {
    fig.notes.push(`failed after ${streams.length} streams: ${(error as Error).message}`);
  } finally {
    for (const s of streams) s.req.destroy();
    agent.destroy();
  }
  return [fig];
}

/**
 * Open-loop load at an even pace: request i is due at start + i / rate and its latency is
 * counted from that due time (so a slow server is not excused by the client waiting).
 * This is how heartbeats arrive: every open page beats every 25 s from its own start time.
 */
async function paced(
  url: string,
  rate: number,
  seconds: number,
  request: () => { headers: Record<string, string>; body: string },
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const statuses = new Map<string, number>();
  const fail = (what: string) => {
    errors++;
    statuses.set(what, (statuses.get(what) ?? 0) + 1);
  };
  const total = Math.round(rate * seconds);
  const start = performance.now() + 50;
  const inFlight: Promise<void>[] = [];
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const { headers, body } = request();
      const req = http.request(
        url,
        { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - due);
            if (res.statusCode && res.statusCode < 300) ok++;
            else fail(`HTTP ${res.statusCode}`);
            resolve();
          });
        },
      );
      req.on("error", (error: NodeJS.ErrnoException) => {
        fail(error.code ?? error.message);
        resolve();
      });
      req.end(body);
    });
  for (let i = 0; i < total;) {
    const now = performance.now();
    while (i < total && start + (i * 1000) / rate <= now) inFlight.push(send(start + (i++ * 1000) / rate));
    if (i < total) await new Promise((r) => setTimeout(r, Math.max(0, start + (i * 1000) / rate - performance.now())));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return {
    latencies,
    ok,
    errors,
    achieved: ok / elapsed,
    statuses: [...statuses].map(([k, n]) => `${k} ×${n}`).join(", "),
  };
}

export async function heartbeats(ctx: Ctx): Promise<Figure[]> {
  const M = Number(ctx.meta.members);
  const members = Array.from({ length: M }, (_, i) => uid(1 + i));
  const cookies = await cookiesFor(ctx.bench.db, ctx.secret, members);
  await markOnline(ctx, members); // steady state: 10,000 members online, each heartbeating
  const duration = Number(process.env.BENCH_B8_SECONDS) || 20;
  const rate = 520;
  const url = `${ctx.server!.url}/api/presence/heartbeat`;
  const body = JSON.stringify({ workspaceId: ctx.workspaceId });
  let next = 0;
  // Warm-up (untimed): 3 s at the same pace, so JIT and pools are warm, as for every figure.
  await paced(url, rate, 3, () => ({
    headers: { "content-type": "application/json", cookie: cookies[next++ % cookies.length] },
    body,
  }));
  await markOnline(ctx, members);
  const even = await paced(url, rate, duration, () => ({
    headers: { "content-type": "application/json", cookie: cookies[next++ % cookies.length] },
    body,
  }));
  await new Promise((r) => setTimeout(r, 2000));
  await markOnline(ctx, members);
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: 50,
        duration,
        overallRate: rate,
        requests: [
          {
            method: "POST",
            body,
            setupRequest: (req) => ({
              ...req,
              headers: { ...req.headers, "content-type": "application/json", cookie: cookies[next++ % cookies.length] },
            }),
          },
        ],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const achieved = result["2xx"] / duration;
  const errors = result.errors + result.timeouts + result.non2xx;
  return [
    {
      id: "B8",
      name: "Heartbeats (10,000 members, even pace)",
      target: "≥ 500/s sustained, p95 ≤ 50 ms, no errors",
      unit: "ms",
      median: median(even.latencies),
      p95: p95(even.latencies),
      verdict: verdict(even.errors === 0 && even.achieved >= 500 && p95(even.latencies) <= 50),
      notes: [
        `open loop, ${rate}/s evenly paced for ${duration} s, latency from each request's due time; achieved ${even.achieved.toFixed(0)}/s (2xx); errors ${even.errors}${even.statuses ? ` (${even.statuses})` : ""}; p99 ${p95Of(even.latencies, 0.99).toFixed(0)} ms`,
      ],
      extra: { achievedPerSecond: even.achieved },
    },
    {
      id: "B8",
      name: "Heartbeats (autocannon, per-second bursts)",
      target: "reported (same target)",
      unit: "ms",
      median: median(latencies),
      p95: p95(latencies),
      verdict: "n/a",
      notes: [
        `autocannon overallRate ${rate}/s, 50 connections, ${duration} s: each connection sends its quota back to back at every 1 s tick (≈50 requests at once); achieved ${achieved.toFixed(0)}/s (2xx); errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}; p99 ${result.latency.p99} ms`,
      ],
      extra: {
        achievedPerSecond: achieved,
        latency: result.latency,
        meetsTarget: errors === 0 && achieved >= 500 && p95(latencies) <= 50,
      },
    },
  ];
}

const p95Of = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};
