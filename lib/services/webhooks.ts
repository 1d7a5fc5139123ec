// No `server-only` marker: the server start-up hook (instrumentation) imports this module to
// resume pending retries, and Next treats that hook as a client module for the marker.
import { createHmac, randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Agent } from "undici";
import { getDb, type DbOrTrx } from "@/db/connect";
import { WEBHOOK_EVENT_NAMES } from "@/lib/validation/settings";
import { webhookRetryBaseMs, webhooksMayReachPrivate } from "@/lib/env";
import { inBackground } from "@/lib/startup/shutdown";
import {
  RefusedAddressError,
  guardedAgent,
  postJson,
  resolvePublic,
  systemResolver,
  type NetPolicy,
  type PostOutcome,
} from "@/lib/net/webhook-http";
import { scoped } from "@/lib/log";

// One list of events, declared with the schema the form and the action share.
export const WEBHOOK_EVENTS = WEBHOOK_EVENT_NAMES;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const MAX_ATTEMPTS = 6;
/** Backoff before attempt n (1-based): base × 4^(n-1); base 30 s unless WEBHOOK_RETRY_BASE_MS says otherwise. */
export const retryDelayMs = (attempt: number) => webhookRetryBaseMs() * 4 ** Math.max(0, attempt - 1);

// Standard base64 after the prefix, as Standard Webhooks verifiers decode it.
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

/** Hours during which a rotated-out secret still signs beside the new one. */
export const SECRET_OVERLAP_HOURS = 24;

/** The HMAC key of a `whsec_` secret: the base64 text after the prefix (Standard Webhooks). */
const signingKey = (secret: string) => Buffer.from(secret.replace(/^whsec_/, ""), "base64");

/**
 * The `webhook-signature` header of the Standard Webhooks specification: `v1,<base64 HMAC-SHA256>`
 * over "<id>.<timestamp>.<body>", one space-separated entry per secret that currently signs.
 */
export function signWebhook(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets
    .map(
      (secret) =>
        `v1,${createHmac("sha256", signingKey(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")}`,
    )
    .join(" ");
}

function netPolicy(): NetPolicy {
  return { resolve: systemResolver, allowPrivate: webhooksMayReachPrivate() };
}

/**
 * SSRF guard on save: in production only https URLs whose host resolves to public addresses.
 * Development and tests may target local receivers. Delivery checks again, at connect time, the
 * very address it connects to (lib/net/webhook-http.ts), so a DNS answer that changes in between
 * gains nothing.
 */
export async function checkWebhookUrl(
  raw: string,
  policy: NetPolicy = netPolicy(),
): Promise<"ok" | "invalid" | "private"> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "invalid";
  }
  if (url.username || url.password) return "invalid";
  if (policy.allowPrivate) return url.protocol === "https:" || url.protocol === "http:" ? "ok" : "invalid";
  if (url.protocol !== "https:") return "invalid";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal")) return "private";
  try {
    await resolvePublic(host, policy);
    return "ok";
  } catch (error) {
    return error instanceof RefusedAddressError ? "private" : "invalid";
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
  await enqueueWebhookEvents(trx, workspaceId, event, [data]);
}

/** One event per item of `dataList` (a bulk invite), for every active webhook that wants it, in one statement. */
export async function enqueueWebhookEvents(
  trx: DbOrTrx,
  workspaceId: string,
  event: WebhookEvent,
  dataList: readonly Record<string, unknown>[],
): Promise<void> {
  if (dataList.length === 0) return;
  const occurredAt = new Date().toISOString();
  const payloads = JSON.stringify(dataList.map((data) => ({ event, workspaceId, occurredAt, data })));
  await sql`
    INSERT INTO webhook_deliveries (webhook_id, workspace_id, event, payload, next_attempt_at)
    SELECT w.id, w.workspace_id, ${event}, p.payload, now()
    FROM webhooks w CROSS JOIN LATERAL jsonb_array_elements(${payloads}::jsonb) WITH ORDINALITY AS p(payload, n)
    WHERE w.workspace_id = ${workspaceId}::uuid AND w.active AND ${event} = ANY(w.events)
    ORDER BY p.n, w.id
  `.execute(trx);
}

type Due = { id: string; url: string; secrets: string[]; payload: unknown; attempt: number };

async function deliverOne(db: DbOrTrx, agent: Agent, policy: NetPolicy, d: Due): Promise<void> {
  const body = typeof d.payload === "string" ? d.payload : JSON.stringify(d.payload);
  const attempt = d.attempt + 1;
  let outcome: PostOutcome;
  const check = await checkWebhookUrl(d.url, policy);
  if (check !== "ok") outcome = { status: 0, error: `refused: ${check} address` };
  else {
    const timestamp = Math.floor(Date.now() / 1000);
    outcome = await postJson(
      agent,
      d.url,
      {
        "user-agent": "Switchboard-Webhooks/1",
        "webhook-id": d.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signWebhook(d.secrets, d.id, timestamp, body),
      },
      body,
    );
  }
  const done = outcome.error === null;
  await db
    .updateTable("webhook_deliveries")
    .set({
      attempt,
      status_code: outcome.status || null,
      error: outcome.error,
      delivered_at: done ? sql`now()` : null,
      next_attempt_at: done || attempt >= MAX_ATTEMPTS ? null : new Date(Date.now() + retryDelayMs(attempt)),
    })
    .where("id", "=", d.id)
    .execute();
}

const globalForAgent = globalThis as unknown as { __switchboardWebhookAgent?: { key: string; agent: Agent } };

/** One dispatcher per process and policy (connections are pooled across deliveries). */
function agentFor(policy: NetPolicy): Agent {
  const key = `${policy.allowPrivate}`;
  const cached = globalForAgent.__switchboardWebhookAgent;
  if (cached?.key === key && policy.resolve === systemResolver) return cached.agent;
  const agent = guardedAgent(policy);
  if (policy.resolve === systemResolver) globalForAgent.__switchboardWebhookAgent = { key, agent };
  return agent;
}

/**
 * Deliver what is due. Rows are claimed with SKIP LOCKED (several app servers may run
 * this at once) and pushed forward before the HTTP call, so a crash means a retry, not a loss.
 */
export async function deliverDueWebhooks(db: DbOrTrx, limit = 20, policy: NetPolicy = netPolicy()): Promise<number> {
  const claimed = await sql<Due>`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
      WHERE d.delivered_at IS NULL AND d.next_attempt_at IS NOT NULL AND d.next_attempt_at <= now()
      ORDER BY d.next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ), claim AS (
      UPDATE webhook_deliveries d SET next_attempt_at = now() + interval '2 minutes'
      FROM due WHERE d.id = due.id RETURNING d.id, d.webhook_id, d.payload, d.attempt
    )
    SELECT claim.id, w.url, claim.payload, claim.attempt,
      CASE WHEN w.previous_secret IS NOT NULL AND w.previous_secret_until > now()
        THEN ARRAY[w.secret, w.previous_secret] ELSE ARRAY[w.secret] END AS secrets
    FROM claim JOIN webhooks w ON w.id = claim.webhook_id
  `.execute(db);
  if (claimed.rows.length === 0) return 0;
  const agent = agentFor(policy);
  await Promise.all(claimed.rows.map((d) => deliverOne(db, agent, policy, d)));
  return claimed.rows.length;
}

/** Kick a delivery round now, after a commit; retries are the webhooks job's (lib/jobs/registry.ts). */
export function kickWebhooks(): void {
  // getDb() inside the chain: a database that is down must not become an unhandled rejection.
  inBackground(
    getDb()
      .then(deliverDueWebhooks)
      .catch((err) => scoped("webhooks").error({ err }, "delivery round failed")),
  );
}
