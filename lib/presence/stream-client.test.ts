// The presence stream client (lib/presence/stream-client.ts) with undici's EventSource against a
// real local HTTP server: it re-syncs from the snapshot of every connection, follows the server's
// `retry:` after a stream ends, and opens a new stream after an answer EventSource gives up on
// (a 502 while every server restarts), which the browser's EventSource never retries by itself.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { EventSource } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { connectPresence } from "./stream-client";

let server: http.Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** Answers request n (0-based) with answers[n] (the last one repeats). */
async function serve(answers: ((res: http.ServerResponse) => void)[]): Promise<{ url: string; hits: () => number }> {
  let n = 0;
  server = http.createServer((_req, res) => answers[Math.min(n++, answers.length - 1)](res));
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`, hits: () => n };
}

const sse = (body: string, end: boolean) => (res: http.ServerResponse) => {
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.write(body);
  if (end) res.end();
};
const snapshot = (ids: string[]) => `event: snapshot\ndata: ${JSON.stringify({ online: ids })}\n\n`;

async function until(cond: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function client(url: string) {
  const snapshots: string[][] = [];
  const events: [string, boolean][] = [];
  const sources: EventSource[] = [];
  const stop = connectPresence(
    url,
    { snapshot: (ids) => snapshots.push(ids), presence: (u, o) => events.push([u, o]), revoked: () => undefined },
    {
      open: (u) => {
        const s = new EventSource(u);
        sources.push(s);
        return s;
      },
      minDelayMs: 100,
      maxDelayMs: 400,
    },
  );
  return { snapshots, events, sources, stop };
}

describe("the presence stream client", () => {
  it("a stream that ends with retry: comes back by itself and re-syncs from the new snapshot", async () => {
    const srv = await serve([
      sse(`retry: 50\n\n${snapshot(["a"])}event: presence\ndata: {"userId":"b","online":true}\n\nretry: 50\n\n`, true),
      sse(snapshot(["a", "c"]), false),
    ]);
    const c = client(srv.url);
    try {
      await until(() => c.snapshots.length === 2);
      expect(c.snapshots).toEqual([["a"], ["a", "c"]]);
      expect(c.events).toEqual([["b", true]]);
      expect(c.sources).toHaveLength(1); // EventSource's own reconnect, not a new one
    } finally {
      c.stop();
    }
  });

  it("after an answer EventSource gives up on (502), opens a new stream after a backoff", async () => {
    const bad = (res: http.ServerResponse) => res.writeHead(502).end("Bad Gateway");
    const srv = await serve([bad, bad, sse(snapshot(["a"]), false)]);
    const c = client(srv.url);
    try {
      await until(() => c.snapshots.length === 1);
      expect(c.snapshots).toEqual([["a"]]);
      expect(c.sources).toHaveLength(3);
      expect(srv.hits()).toBe(3);
    } finally {
      c.stop();
    }
  });

  it("stop() closes the stream and cancels a pending retry", async () => {
    const srv = await serve([(res) => res.writeHead(503).end()]);
    const c = client(srv.url);
    await until(() => srv.hits() === 1);
    c.stop();
    await new Promise((r) => setTimeout(r, 600));
    expect(srv.hits()).toBe(1);
  });
});
