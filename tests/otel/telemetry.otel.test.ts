import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuild, startServer, type StartedServer } from "../http/support/server";
import { startReceiver, type Receiver } from "./receiver";

// OpenTelemetry end to end (instrumentation.ts → lib/observability/otel.ts): one `next start`
// with OTEL_EXPORTER_OTLP_ENDPOINT pointed at an OTLP/HTTP receiver in this process must send
// the spans of the requests it serves (route, status) and metric points (request duration, job
// runs), with the trace id on the request's log line; one without the variable sends nothing.

const root = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const PORT_ON = Number(process.env.OTEL_TEST_PORT) || 3597;
const PORT_OFF = PORT_ON + 1;
const SECRET = "otel-tier-secret-not-for-production-41c7";
const results = join(root, "test-results/otel");

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const env = (dataDir: string, extra: Record<string, string>) => ({
  NEXT_DIST_DIR: distDir,
  PGLITE_DIR: dataDir,
  MAIL_OUTBOX: "1",
  NEXTAUTH_SECRET: SECRET,
  // Inherited from this vitest process, it would tell the server not to run its job loops.
  VITEST: "",
  LOG_LEVEL: "info",
  ...extra,
});

const logLines = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("OpenTelemetry export", () => {
  let receiver: Receiver;
  /** A receiver on the SDK's default endpoint (localhost:4318), if that port is free here. */
  let fallback: Receiver | null = null;
  const servers: StartedServer[] = [];
  const dirs: string[] = [];
  const logOn = join(results, "server-on.log");
  const logOff = join(results, "server-off.log");

  beforeAll(async () => {
    ensureBuild(root, distDir);
    receiver = await startReceiver();
    fallback = await startReceiver(4318).catch(() => null);
    for (const [port, logFile, extra] of [
      [
        PORT_ON,
        logOn,
        {
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_SERVICE_NAME: "switchboard-otel-test",
          OTEL_METRIC_EXPORT_INTERVAL: "1000",
          OTEL_BSP_SCHEDULE_DELAY: "200",
        },
      ],
      // Everything but the endpoint: if the SDK were loaded anyway it would send to localhost:4318.
      [PORT_OFF, logOff, { OTEL_SERVICE_NAME: "switchboard-otel-off", OTEL_METRIC_EXPORT_INTERVAL: "1000" }],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), "switchboard-otel-"));
      dirs.push(dir);
      servers.push(await startServer({ root, port, logFile, env: env(dir, extra) }));
    }
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await receiver?.close();
    await fallback?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("sends a server span per request, with its route and status, correlated with the log line", async () => {
    const base = `http://127.0.0.1:${PORT_ON}`;
    const page = await fetch(`${base}/signin`);
    expect(page.status).toBe(200);
    const pageId = page.headers.get("x-request-id");
    expect(pageId).toMatch(/^[0-9a-f-]{36}$/);
    // The CSP report route logs one line (with the request id we send, kept because it is safe).
    const report = await fetch(`${base}/api/csp-report`, {
      method: "POST",
      headers: { "content-type": "application/csp-report", "x-request-id": "otel-test-csp-0001" },
      body: JSON.stringify({ "csp-report": { "document-uri": `${base}/signin`, "violated-directive": "script-src" } }),
    });
    expect(report.status).toBe(204);
    expect(report.headers.get("x-request-id")).toBe("otel-test-csp-0001");
    const missing = await fetch(`${base}/w/not-a-uuid/inbox`, { redirect: "manual" });
    // An unsafe incoming id is replaced; the heartbeat, which the middleware skips, makes its own.
    const unsafe = await fetch(`${base}/signin`, { headers: { "x-request-id": "short" } });
    expect(unsafe.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const beat = await fetch(`${base}/api/presence/heartbeat`, { method: "POST", body: "{}" });
    expect(beat.status).toBe(400);
    expect(beat.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    // Next's span for handling the request (kind SERVER) carries the route and the status; the
    // middleware's span is its parent, the root of the trace.
    const server = (route: string, status: number) =>
      receiver
        .spans()
        .find(
          (s) => s.kind === 2 && s.attributes["http.route"] === route && s.attributes["http.status_code"] === status,
        );
    const signin = await until("the span of GET /signin", () => server("/signin", 200));
    expect(signin.service).toBe("switchboard-otel-test");
    expect(signin.attributes["http.method"] ?? signin.attributes["http.request.method"]).toBe("GET");
    const csp = await until("the span of POST /api/csp-report", () => server("/api/csp-report", 204));
    // Next's own child spans (rendering, the route handler) share the request's trace.
    expect(receiver.spans().filter((s) => s.traceId === csp.traceId).length).toBeGreaterThan(1);

    const line = await until("the CSP report's log line", () =>
      logLines(logOn).find((l) => l.scope === "csp" && l.requestId === "otel-test-csp-0001"),
    );
    expect(line.traceId, "the log line carries the trace id of the request's span").toBe(csp.traceId);
    console.log(
      `[otel] ${receiver.spans().length} spans received; /signin ${signin.traceId}, /api/csp-report ${csp.traceId}; ` +
        `a missing page answered ${missing.status}`,
    );
  });

  it("sends metric points: request duration by route and status, and the background jobs' runs", async () => {
    const base = `http://127.0.0.1:${PORT_ON}`;
    expect((await fetch(`${base}/api/health/live`)).status).toBe(200);
    const duration = await until("an http.server.request.duration point for /api/health/live", () =>
      receiver
        .points()
        .find(
          (p) =>
            p.metric === "http.server.request.duration" &&
            p.attributes["http.route"] === "/api/health/live" &&
            p.attributes["http.response.status_code"] === 200 &&
            p.value >= 1,
        ),
    );
    expect(duration.attributes["http.request.method"]).toBe("GET");
    const jobs = await until("a switchboard.job.runs point", () =>
      receiver
        .points()
        .find((p) => p.metric === "switchboard.job.runs" && p.attributes["switchboard.outcome"] === "ok"),
    );
    expect(["mail", "webhooks", "presence"]).toContain(jobs.attributes["switchboard.job"]);
    expect(jobs.value).toBeGreaterThanOrEqual(1);
  });

  it("exports nothing without OTEL_EXPORTER_OTLP_ENDPOINT (the SDK is not even loaded)", async () => {
    const base = `http://127.0.0.1:${PORT_OFF}`;
    for (const path of ["/signin", "/api/health/live", "/api/health"])
      expect((await fetch(`${base}${path}`)).ok).toBe(true);
    const report = await fetch(`${base}/api/csp-report`, {
      method: "POST",
      headers: { "x-request-id": "otel-test-off-0001" },
      body: JSON.stringify({ "csp-report": { "violated-directive": "img-src" } }),
    });
    expect(report.status).toBe(204);
    // Longer than the export intervals the server was given (1 s metrics).
    await new Promise((r) => setTimeout(r, 3000));
    expect(receiver.spans().some((s) => s.service === "switchboard-otel-off")).toBe(false);
    if (fallback) expect(fallback.connections(), "nothing sent to the SDK's default endpoint").toBe(0);
    const lines = logLines(logOff);
    expect(lines.some((l) => l.scope === "telemetry")).toBe(false);
    const line = lines.find((l) => l.scope === "csp" && l.requestId === "otel-test-off-0001");
    expect(line, "the request's log line is still written, with its id").toBeDefined();
    expect(line?.traceId).toBeUndefined();
  });
});
