import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { DomainError } from "@/lib/errors";
import { audit } from "./audit";
import { SECRET_OVERLAP_HOURS, checkWebhookUrl, newWebhookSecret, type WebhookEvent } from "./webhooks";
import { inTransaction } from "@/db/transaction";
import type { Actor } from "@/lib/access/member";

// Settings → Integrations → Webhooks: the endpoints of a workspace and their delivery log.
// Delivery itself (signing, retries, SSRF check before each attempt) is lib/services/webhooks.ts.

export const MAX_ENDPOINTS = 10;
export const DELIVERIES_SHOWN = 20;
/** Not one of WEBHOOK_EVENTS: sent only on request, to the one endpoint, whatever it subscribes to. */
export const TEST_EVENT = "webhook.test";

export interface WebhookItem {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
}

export type DeliveryState = "delivered" | "retrying" | "failed";
export interface DeliveryItem {
  id: string;
  event: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
  state: DeliveryState;
}

export async function listWebhooks(db: DbOrTrx, workspaceId: string): Promise<WebhookItem[]> {
  const rows = await db
    .selectFrom("webhooks")
    .select(["id", "url", "events", "active", "created_at"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, url: r.url, events: r.events, active: r.active, createdAt: r.created_at }));
}

/** The latest deliveries of every endpoint of the workspace, DELIVERIES_SHOWN each, one statement. */
export async function listDeliveries(db: DbOrTrx, workspaceId: string): Promise<Map<string, DeliveryItem[]>> {
  const { rows } = await sql<{
    id: string;
    webhook_id: string;
    event: string;
    attempt: number;
    status_code: number | null;
    error: string | null;
    created_at: Date;
    delivered_at: Date | null;
    next_attempt_at: Date | null;
  }>`
    SELECT d.id, d.webhook_id, d.event, d.attempt, d.status_code, d.error, d.created_at, d.delivered_at, d.next_attempt_at
    FROM webhooks w
    CROSS JOIN LATERAL (
      SELECT * FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.workspace_id = w.workspace_id
      ORDER BY d.created_at DESC, d.id DESC LIMIT ${DELIVERIES_SHOWN}
    ) d
    WHERE w.workspace_id = ${workspaceId}::uuid
    ORDER BY d.created_at DESC, d.id DESC
  `.execute(db);
  const out = new Map<string, DeliveryItem[]>();
  for (const r of rows) {
    const list = out.get(r.webhook_id) ?? [];
    list.push({
      id: r.id,
      event: r.event,
      attempt: r.attempt,
      statusCode: r.status_code,
      error: r.error,
      createdAt: new Date(r.created_at),
      deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
      nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at) : null,
      state: r.delivered_at ? "delivered" : r.next_attempt_at ? "retrying" : "failed",
    });
    out.set(r.webhook_id, list);
  }
  return out;
}

async function checkedUrl(url: string): Promise<string> {
  const check = await checkWebhookUrl(url);
  if (check === "private")
    throw new DomainError("invalidInput", { fieldErrors: { url: "errors.settings.webhook.urlPrivate" } });
  if (check !== "ok")
    throw new DomainError("invalidInput", { fieldErrors: { url: "errors.settings.webhook.urlInvalid" } });
  return new URL(url).toString();
}

/** Create an endpoint; its signing secret is returned this once and never listed again. */
export async function createWebhook(
  db: DbOrTrx,
  actor: Actor,
  input: { url: string; events: WebhookEvent[] },
): Promise<{ id: string; secret: string }> {
  const url = await checkedUrl(input.url);
  return inTransaction(db, async (trx) => {
    // Lock the workspace row so two creations cannot both pass the cap.
    await trx
      .selectFrom("workspaces")
      .select("id")
      .where("id", "=", actor.member.workspaceId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const count = await trx
      .selectFrom("webhooks")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("workspace_id", "=", actor.member.workspaceId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ENDPOINTS)
      throw new DomainError("conflict", { messageKey: "settings.webhooks.tooMany" });
    const secret = newWebhookSecret();
    const row = await trx
      .insertInto("webhooks")
      .values({
        workspace_id: actor.member.workspaceId,
        url,
        secret,
        events: input.events,
        active: true,
        created_by: actor.member.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "webhook.created",
      target: row.id,
      after: { url, events: input.events },
      ip: actor.ip,
    });
    return { id: row.id, secret };
  });
}

export async function deleteWebhook(db: DbOrTrx, actor: Actor, webhookId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx
      .deleteFrom("webhooks")
      .where("workspace_id", "=", actor.member.workspaceId)
      .where("id", "=", webhookId)
      .returning(["url"])
      .executeTakeFirst();
    if (!row) throw new DomainError("notFound");
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "webhook.deleted",
      target: webhookId,
      before: { url: row.url },
      ip: actor.ip,
    });
  });
}

/** Disabling stops new events and the pending retries of this endpoint; enabling resumes new events. */
export async function setWebhookActive(db: DbOrTrx, actor: Actor, webhookId: string, active: boolean): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("webhooks")
      .select("active")
      .where("workspace_id", "=", actor.member.workspaceId)
      .where("id", "=", webhookId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new DomainError("notFound");
    if (before.active === active) return;
    await trx
      .updateTable("webhooks")
      .set({ active })
      .where("workspace_id", "=", actor.member.workspaceId)
      .where("id", "=", webhookId)
      .execute();
    if (!active) {
      await trx
        .updateTable("webhook_deliveries")
        .set({ next_attempt_at: null, error: sql`coalesce(error, 'endpoint disabled')` })
        .where("workspace_id", "=", actor.member.workspaceId)
        .where("webhook_id", "=", webhookId)
        .where("delivered_at", "is", null)
        .execute();
    }
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: active ? "webhook.enabled" : "webhook.disabled",
      target: webhookId,
      before: { active: before.active },
      after: { active },
      ip: actor.ip,
    });
  });
}

/**
 * A new signing secret, shown once. For SECRET_OVERLAP_HOURS the replaced secret signs beside it
 * (two signatures in the header), so the receiver can switch over without rejecting deliveries.
 */
export async function rotateWebhookSecret(db: DbOrTrx, actor: Actor, webhookId: string): Promise<{ secret: string }> {
  return inTransaction(db, async (trx) => {
    const secret = newWebhookSecret();
    const row = await trx
      .updateTable("webhooks")
      .set((eb) => ({
        secret,
        previous_secret: eb.ref("secret"),
        previous_secret_until: sql<Date>`now() + make_interval(hours => ${SECRET_OVERLAP_HOURS})`,
      }))
      .where("workspace_id", "=", actor.member.workspaceId)
      .where("id", "=", webhookId)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new DomainError("notFound");
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "webhook.secret_rotated",
      target: webhookId,
      ip: actor.ip,
    });
    return { secret };
  });
}

/** Queue a test event for one endpoint (delivered by the same signed, retried path). */
export async function queueTestEvent(db: DbOrTrx, actor: Actor, webhookId: string): Promise<{ deliveryId: string }> {
  return inTransaction(db, async (trx) => {
    const hook = await trx
      .selectFrom("webhooks")
      .select(["id", "active"])
      .where("workspace_id", "=", actor.member.workspaceId)
      .where("id", "=", webhookId)
      .executeTakeFirst();
    if (!hook) throw new DomainError("notFound");
    if (!hook.active) throw new DomainError("conflict", { messageKey: "settings.webhooks.disabledTest" });
    const payload = JSON.stringify({
      event: TEST_EVENT,
      workspaceId: actor.member.workspaceId,
      occurredAt: new Date().toISOString(),
      data: { requestedBy: actor.member.userId },
    });
    const row = await trx
      .insertInto("webhook_deliveries")
      .values({
        webhook_id: webhookId,
        workspace_id: actor.member.workspaceId,
        event: TEST_EVENT,
        payload,
        next_attempt_at: sql`now()`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { deliveryId: row.id };
  });
}
