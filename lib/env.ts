// Configuration read from the environment, in one place: no other module reads process.env
// (tests, the bench and config files aside). Edge-safe (no Node imports): middleware.ts uses it.
import type { DbConfig } from "@/db/connect";

const DEV_SECRET = "switchboard-development-secret-not-for-production";

export function isProduction(): boolean {
  return process.env.NODE_ENV === "production";
}

/** instrumentation.ts runs once per runtime; start-up work is for the Node one. */
export function isNodeRuntime(): boolean {
  return process.env.NEXT_RUNTIME === "nodejs";
}

/** Under vitest each test file has its own database, and tests drive background work themselves. */
export function isVitest(): boolean {
  return Boolean(process.env.VITEST);
}

/** A positive whole number of milliseconds from the environment, or the default. */
const millis = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * DATABASE_URL (PostgreSQL), else POSTGRES_URL (Vercel Postgres / Neon), else embedded PGlite on disk.
 * A pooled endpoint (Neon's `-pooler` host, PgBouncer in transaction mode) cannot carry LISTEN, so
 * the presence bus listens on the direct URL beside it: DATABASE_URL_UNPOOLED (what Neon's Vercel
 * integration sets next to DATABASE_URL) or POSTGRES_URL_NON_POOLING (docs/ARCHITECTURE.md, known trap 8).
 */
export function databaseConfig(): DbConfig {
  const { DATABASE_URL, DATABASE_URL_UNPOOLED, POSTGRES_URL, POSTGRES_URL_NON_POOLING, PGLITE_DIR, DATABASE_POOL_MAX } =
    process.env;
  if (DATABASE_URL)
    return {
      kind: "pg",
      connectionString: DATABASE_URL,
      poolMax: Number(DATABASE_POOL_MAX) || 10,
      // A statement waiting on a lock or a server that stopped answering fails instead of hanging
      // the request; a connection that cannot be made within the bound fails the same way.
      statementTimeoutMs: millis(process.env.DATABASE_STATEMENT_TIMEOUT_MS, 15_000),
      connectTimeoutMs: millis(process.env.DATABASE_CONNECT_TIMEOUT_MS, 5_000),
      listenConnectionString: DATABASE_URL_UNPOOLED || undefined,
    };
  if (POSTGRES_URL)
    return {
      kind: "vercel",
      connectionString: POSTGRES_URL,
      listenConnectionString: POSTGRES_URL_NON_POOLING || undefined,
    };
  return { kind: "pglite", dataDir: PGLITE_DIR || ".data/pglite" };
}

/** The demo organization is seeded into an empty database in development, or when asked for. */
export function demoSeedEnabled(): boolean {
  return process.env.NODE_ENV === "development" || process.env.DEMO_SEED === "1";
}

/** The configured public base URL. Links in emails are built from it, never from a request's Host. */
export function baseUrl(): string {
  const url = process.env.NEXTAUTH_URL || process.env.APP_URL || "http://localhost:3000";
  return url.replace(/\/+$/, "");
}

/** next-auth v4 reads NEXTAUTH_URL itself at request time; default it to the configured base URL. */
export function defaultNextAuthUrl(): void {
  process.env.NEXTAUTH_URL ??= baseUrl();
}

export function authSecretConfigured(): boolean {
  return Boolean(process.env.NEXTAUTH_SECRET);
}

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (secret) return secret;
  if (isProduction() && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("NEXTAUTH_SECRET must be set in production");
  }
  return DEV_SECRET;
}

/** SMTP_URL and the sender address, or null: mail then goes to the outbox (if enabled). */
export function smtpConfig(): { url: string; from: string } | null {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  return { url, from: process.env.MAIL_FROM || "Switchboard <no-reply@switchboard.local>" };
}

/** MAIL_OUTBOX=1: keep mail in the database even in production (local tests only). */
export function outboxRequested(): boolean {
  return process.env.MAIL_OUTBOX === "1";
}

/** The development outbox (and /dev pages) are on outside production, or when asked for. */
export function outboxEnabled(): boolean {
  return !process.env.SMTP_URL && (!isProduction() || outboxRequested());
}

/** Demo helpers (one-click demo sign-in) exist only where demo data may exist. */
export function devToolsEnabled(): boolean {
  return !isProduction() || outboxRequested();
}

/** Which proxies in front of the app are trusted to report the client's address (lib/request-ip.ts). */
export function proxyEnv(): { TRUSTED_PROXY_HOPS?: string; TRUSTED_PROXY_CIDRS?: string; VERCEL?: string } {
  const { TRUSTED_PROXY_HOPS, TRUSTED_PROXY_CIDRS, VERCEL } = process.env;
  return { TRUSTED_PROXY_HOPS, TRUSTED_PROXY_CIDRS, VERCEL };
}

/** Base of the webhook retry backoff; tests shorten it. */
export function webhookRetryBaseMs(): number {
  return Number(process.env.WEBHOOK_RETRY_BASE_MS) || 30_000;
}

/** Webhooks may target private or local addresses outside production, or when asked for. */
export function webhooksMayReachPrivate(): boolean {
  return !isProduction() || process.env.WEBHOOK_ALLOW_PRIVATE === "1";
}

/** Base of the mail retry backoff (lib/mail/queue.ts); tests shorten it. */
export function mailRetryBaseMs(): number {
  return Number(process.env.MAIL_RETRY_BASE_MS) || 30_000;
}

/** The bearer secret of /api/cron/<job>; without it the route refuses every call. */
export function cronSecret(): string | null {
  return process.env.CRON_SECRET || null;
}

/**
 * Background jobs run in a timer loop inside each Node server (lib/jobs/loop.ts) unless JOBS_IN_PROCESS=0
 * or on Vercel, where functions do not live between requests and the cron route runs them instead.
 */
export function inProcessJobsEnabled(): boolean {
  return !isVitest() && process.env.JOBS_IN_PROCESS !== "0" && !process.env.VERCEL;
}

/** Readiness fails when a due mail or webhook has waited longer than this (the jobs are not running). */
export function queueStuckMinutes(): number {
  return Number(process.env.QUEUE_STUCK_MINUTES) || 15;
}

/**
 * How long one presence stream (SSE) stays open before it ends itself and the browser
 * reconnects (and re-syncs). Capped below the route's maxDuration, so a serverless host never
 * cuts it mid-event. PRESENCE_STREAM_MAX_SECONDS shortens it (tests); default 285 s.
 */
export function presenceStreamMaxSeconds(): number {
  return Number(process.env.PRESENCE_STREAM_MAX_SECONDS) || 285;
}

/** SHUTDOWN_GRACE_MS: how long in-flight requests may take to finish after SIGTERM (default 10 s). */
export function shutdownGraceMs(): number {
  return Number(process.env.SHUTDOWN_GRACE_MS) || 10_000;
}

function positiveCount(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Invitations per hour, per inviting member and per workspace (each invitation of a bulk invite counts). */
export function inviteLimits(): { perActor: number; perWorkspace: number } {
  return {
    perActor: positiveCount(process.env.INVITE_LIMIT_PER_ACTOR, 500),
    perWorkspace: positiveCount(process.env.INVITE_LIMIT_PER_WORKSPACE, 1000),
  };
}

/** Sign-in emails per 15 minutes, per address and per client IP (lib/auth/signin-guard.ts). */
export function signInLimits(): { perEmail: number; perIp: number } {
  return {
    perEmail: positiveCount(process.env.SIGNIN_LIMIT_PER_EMAIL, 5),
    perIp: positiveCount(process.env.SIGNIN_LIMIT_PER_IP, 30),
  };
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** LOG_LEVEL for the JSON logs (lib/log.ts): default info; under vitest silent unless set. */
export function logLevel(): LogLevel {
  const value = process.env.LOG_LEVEL?.trim().toLowerCase();
  if (value && (LOG_LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  return isVitest() ? "silent" : "info";
}

/**
 * OpenTelemetry (instrumentation.ts → lib/observability/otel.ts) is on only when an OTLP endpoint
 * is set (OTEL_EXPORTER_OTLP_ENDPOINT, the collector's base URL, or the traces one alone). OTLP
 * over HTTP with JSON bodies; OTEL_EXPORTER_OTLP_HEADERS and OTEL_BSP_* are read by the SDK
 * itself. Null: off, and none of the SDK is loaded.
 */
export function otelConfig(): {
  serviceName: string;
  tracesUrl: string;
  metricsUrl: string | null;
  metricIntervalMs: number;
} | null {
  const base = process.env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, "");
  const traces = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || (base ? `${base}/v1/traces` : "");
  if (!traces) return null;
  return {
    serviceName: process.env.OTEL_SERVICE_NAME || "switchboard",
    tracesUrl: traces,
    metricsUrl: process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT || (base ? `${base}/v1/metrics` : null),
    metricIntervalMs: millis(process.env.OTEL_METRIC_EXPORT_INTERVAL, 60_000),
  };
}

/**
 * SSO_ENCRYPTION_KEY: 32 bytes, as 64 hex digits or base64, sealing each organization's OpenID
 * Connect client secret (lib/security/seal.ts). Without a valid key SSO settings cannot be saved
 * (the page says why) and SSO sign-in is off.
 */
export function ssoEncryptionKey(): { ok: true; key: Uint8Array } | { ok: false; reason: "missing" | "invalid" } {
  const raw = process.env.SSO_ENCRYPTION_KEY?.trim();
  if (!raw) return { ok: false, reason: "missing" };
  let bytes: Uint8Array | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(raw)) bytes = Uint8Array.from(raw.match(/../g)!, (h) => parseInt(h, 16));
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(raw)) {
    try {
      const bin = atob(raw.replace(/-/g, "+").replace(/_/g, "/").padEnd(44, "="));
      bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    } catch {
      bytes = null;
    }
  }
  return bytes && bytes.length === 32 ? { ok: true, key: bytes } : { ok: false, reason: "invalid" };
}

/**
 * An identity provider at a plain-http issuer (a local test provider) is accepted only where demo
 * tools are (outside production, or MAIL_OUTBOX=1 local test runs); production needs https.
 */
export function ssoInsecureIssuerAllowed(): boolean {
  return devToolsEnabled();
}

/**
 * SSO_TRUSTED_TEST_DOMAINS (comma-separated): domains the DNS TXT check accepts without a lookup,
 * for the browser tests' made-up domains. Honoured only with MAIL_OUTBOX=1 outside Vercel (the
 * local demo/test mode whose mail never leaves the database); ignored everywhere else.
 */
export function ssoTrustedTestDomains(): string[] {
  if (process.env.MAIL_OUTBOX !== "1" || process.env.VERCEL) return [];
  return (process.env.SSO_TRUSTED_TEST_DOMAINS ?? "")
    .split(",")
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
}

/** /api/sso/start per client IP per 15 minutes. */
export function ssoStartLimitPerIp(): number {
  return positiveCount(process.env.SSO_LIMIT_PER_IP, 30);
}
