// Graceful shutdown (lib/startup/shutdown.ts) on a real node:http server: it waits for the
// request in flight, cuts one that outlasts SHUTDOWN_GRACE_MS, ends presence streams, runs the
// hooks (pools last) and exits 0. The built app under SIGTERM is tested in tests/multi.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetStreams, streamsDraining, trackStream } from "@/lib/presence/streams";
import { onShutdown, resetShutdownState, shutdown, trackHttpServers } from "./shutdown";

let server: http.Server;
let port: number;
let log: string[];

beforeEach(async () => {
  resetShutdownState();
  resetStreams();
  trackHttpServers();
  log = [];
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  server = http.createServer((req, res) => {
    const ms = Number(new URL(req.url ?? "/", "http://x").searchParams.get("ms") ?? 0);
    setTimeout(() => res.end(`slept ${ms}`), ms);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  server.closeAllConnections();
  server.close();
  resetStreams();
});

const get = (ms: number) =>
  fetch(`http://127.0.0.1:${port}/?ms=${ms}`).then(
    async (r) => ({ status: r.status, body: await r.text(), at: Date.now() }),
    (e: Error) => ({ status: 0, body: e.message, at: Date.now() }),
  );

function hooks() {
  onShutdown("pool", async () => void log.push("pool"), { last: true });
  onShutdown("bus", async () => void log.push("bus"));
}

describe("graceful shutdown", () => {
  it("lets the request in flight finish, ends streams, runs hooks (pools last), exits 0", async () => {
    hooks();
    const ended: number[] = [];
    trackStream((retryMs) => ended.push(retryMs));
    const slow = get(400);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    let exitCode: number | undefined;
    const done = shutdown("SIGTERM", (code) => {
      exitCode = code;
      log.push(`exit ${code}`);
    });
    // At once: streams ended with a retry hint, no new connection accepted.
    await new Promise((r) => setTimeout(r, 50));
    expect(ended).toHaveLength(1);
    expect(streamsDraining()).toBe(true);
    expect((await get(0)).status).toBe(0);
    const res = await slow;
    expect(res).toMatchObject({ status: 200, body: "slept 400" });
    await done;
    expect(exitCode).toBe(0);
    expect(log).toEqual(["bus", "pool", "exit 0"]);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it("cuts a request that outlasts SHUTDOWN_GRACE_MS, then still closes and exits 0", async () => {
    vi.stubEnv("SHUTDOWN_GRACE_MS", "300");
    hooks();
    const slow = get(5000);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    let exitCode: number | undefined;
    await shutdown("SIGINT", (code) => {
      exitCode = code;
    });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
    expect((await slow).status).toBe(0); // the connection was cut
    expect(exitCode).toBe(0);
    expect(log).toEqual(["bus", "pool"]);
  });

  it("runs once, however many signals arrive", async () => {
    hooks();
    const exits: number[] = [];
    await Promise.all([shutdown("SIGTERM", (c) => exits.push(c)), shutdown("SIGTERM", (c) => exits.push(c))]);
    expect(exits).toEqual([0]);
    expect(log).toEqual(["bus", "pool"]);
  });
});
