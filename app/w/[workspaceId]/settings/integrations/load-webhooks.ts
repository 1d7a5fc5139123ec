import "server-only";
import type { DbOrTrx } from "@/db";
import { listDeliveries, listWebhooks } from "@/lib/services/webhook-endpoints";
import type { WebhookView } from "./webhook-card";

/** The endpoints and their delivery logs as plain, serialisable views for the client components. */
export async function loadWebhookViews(
  db: DbOrTrx,
  workspaceId: string,
): Promise<{ views: WebhookView[]; serverNow: number }> {
  const [hooks, deliveries] = await Promise.all([listWebhooks(db, workspaceId), listDeliveries(db, workspaceId)]);
  const views = hooks.map((h) => ({
    id: h.id,
    url: h.url,
    events: h.events,
    active: h.active,
    createdAt: h.createdAt.toISOString(),
    deliveries: (deliveries.get(h.id) ?? []).map((d) => ({
      id: d.id,
      event: d.event,
      attempt: d.attempt,
      statusCode: d.statusCode,
      error: d.error,
      state: d.state,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    })),
  }));
  return { views, serverNow: Date.now() };
}
