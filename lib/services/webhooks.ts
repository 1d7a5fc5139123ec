// No `server-only` marker: the server start-up hook (instrumentation) imports this module to
// resume pending retries, and Next treats that hook as a client module for the marker.
import { createHmac, randomBytes } from "node:crypto";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { sql } from "kysely";
import { getDb, type DbOrTrx } from "@/db/connect";
import { isVitest, webhookRetryBaseMs, webhooksMayReachPrivate } from "@/lib/env";

export const WEBHOOK_EVENTS = [
  "member.invited",
  "member.joined",
  "member.updated",
  "member.revoked",
  "invitation.cancelled",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const MAX_ATTEMPTS = 6;
/** Backoff before attempt n (1-based): base × 4^(n-1); base 30 s unless WEBHOOK_RETRY_BASE_MS says otherwise. */
export const retryDelayMs = (attempt: number) => webhookRetryBaseMs() * 4 ** Math.max(0, attempt - 1);

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;

/** Signature header value: HMAC-SHA256 over "<timestamp>.<body>" with the endpoint's secret. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return "sha256=" + createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

function isPrivateAddress(ip: string): boolean {
  if (ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4) return isPrivateAddress(ip.slice(7));
  if (isIP(ip) === 4) {
    const [a, b] = ip.split(".").map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    );
  }
  const v6 = ip.toLowerCase();
  // "::…" covers ::1, :: and IPv4-mapped/compatible forms the URL parser writes in hex (::ffff:7f00:1); 64:ff9b:: is NAT64.
  return (
    v6.startsWith("::") ||
    v6.startsWith("64:ff9b:") ||
    v6.startsWith("fc") ||
    v6.startsWith("fd") ||
    v6.startsWith("fe80")
  );
}

/**
 * SSRF guard: in production only https URLs whose host resolves to public addresses.
 * Development and tests may target local receivers. Checked on save and before each delivery.
 */
export async function checkWebhookUrl(raw: string): Promise<"ok" | "invalid" | "private"> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "invalid";
  }
  if (url.username || url.password) return "invalid";
  if (webhooksMayReachPrivate()) return url.protocol === "https:" || url.protocol === "http:" ? "ok" : "invalid";
  if (url.protocol !== "https:") return "invalid";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal")) return "private";
  try {
    const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
    return addresses.length > 0 && addresses.every((a) => !isPrivateAddress(a.address)) ? "ok" : "private";
  } catch {
    return "invalid";
  }
}

/**
 * Queue an event for every active endpoint of the workspace, inside the caller's
 * transaction (so an event exists iff the change committed). Delivery happens after.
 */
export async function enqueueWebhookEvent(
  trx: DbOrTrx,
  workspaceId: string,
  event: WebhookEvent,
  data: Record<string, unknown>,
): Promise<void> {
  const payload = JSON.stringify({ event, workspaceId, occurredAt: new Date().toISOString(), data });
  await sql`
    INSERT INTO webhook_deliveries (webhook_id, workspace_id, event, payload, next_attempt_at)
    SELECT id, workspace_id, ${event}, ${payload}::jsonb, now() FROM webhooks
    WHERE workspace_id = ${workspaceId}::uuid AND active AND ${event} = ANY(events)
  `.execute(trx);
}

async function deliverOne(
  db: DbOrTrx,
  d: { id: string; url: string; secret: string; payload: unknown; attempt: number },
): Promise<void> {
  const body = typeof d.payload === "string" ? d.payload : JSON.stringify(d.payload);
  const attempt = d.attempt + 1;
  let status: number | null = null;
  let error: string | null = null;
  const check = await checkWebhookUrl(d.url);
  if (check !== "ok") error = `refused: ${check} address`;
  else {
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const res = await fetch(d.url, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
        headers: {
          "content-type": "application/json",
          "user-agent": "Switchboard-Webhooks/1",
          "x-switchboard-delivery": d.id,
          "x-switchboard-timestamp": String(timestamp),
          "x-switchboard-signature": signPayload(d.secret, timestamp, body),
        },
        body,
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error && e.name === "TimeoutError" ? "timeout" : "connection failed";
    }
  }
  const done = error === null;
  await db
    .updateTable("webhook_deliveries")
    .set({
      attempt,
      status_code: status,
      error,
      delivered_at: done ? sql`now()` : null,
      next_attempt_at: done || attempt >= MAX_ATTEMPTS ? null : new Date(Date.now() + retryDelayMs(attempt)),
    })
    .where("id", "=", d.id)
    .execute();
}

/**
 * Deliver what is due. Rows are claimed with SKIP LOCKED (several app servers may run
 * this at once) and pushed forward before the HTTP call, so a crash means a retry, not a loss.
 */
export async function deliverDueWebhooks(db: DbOrTrx, limit = 20): Promise<number> {
  const claimed = await sql<{ id: string; url: string; secret: string; payload: unknown; attempt: number }>`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
      WHERE d.delivered_at IS NULL AND d.next_attempt_at IS NOT NULL AND d.next_attempt_at <= now()
      ORDER BY d.next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ), claim AS (
      UPDATE webhook_deliveries d SET next_attempt_at = now() + interval '2 minutes'
      FROM due WHERE d.id = due.id RETURNING d.id, d.webhook_id, d.payload, d.attempt
    )
    SELECT claim.id, w.url, w.secret, claim.payload, claim.attempt FROM claim JOIN webhooks w ON w.id = claim.webhook_id
  `.execute(db);
  await Promise.all(claimed.rows.map((d) => deliverOne(db, d)));
  return claimed.rows.length;
}

const globalForHooks = globalThis as unknown as { __switchboardWebhookTimer?: NodeJS.Timeout };

/** Kick a delivery round now, and keep a per-process retry loop running. */
export function kickWebhooks(): void {
  // getDb() inside the chain: a database that is down must not become an unhandled rejection.
  const run = () =>
    getDb()
      .then(deliverDueWebhooks)
      .catch((e) => console.error("[webhooks] delivery round failed", e));
  void run();
  // Under vitest each file has its own database: tests drive retries themselves.
  if (!globalForHooks.__switchboardWebhookTimer && !isVitest()) {
    globalForHooks.__switchboardWebhookTimer = setInterval(run, Math.min(15_000, retryDelayMs(1)));
    globalForHooks.__switchboardWebhookTimer.unref?.();
  }
}
