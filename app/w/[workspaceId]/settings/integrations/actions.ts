"use server";
import { getDb } from "@/db";
import { workspaceAction } from "@/lib/actions/wrap";
import {
  createWebhook,
  deleteWebhook,
  queueTestEvent,
  rotateWebhookSecret,
  setWebhookActive,
} from "@/lib/services/webhook-endpoints";
import { kickWebhooks } from "@/lib/services/webhooks";
import { webhookActiveSchema, webhookCreateSchema, webhookIdSchema } from "@/lib/validation/settings";

// Viewing the page needs settings.view; every change needs integrations.manage
// (a Manager restricted from integrations or settings is refused here, not only in the UI).

export const createWebhookAction = workspaceAction("integrations.manage", webhookCreateSchema, async (ctx, input) =>
  createWebhook(await getDb(), ctx, input),
);

export const deleteWebhookAction = workspaceAction("integrations.manage", webhookIdSchema, async (ctx, input) =>
  deleteWebhook(await getDb(), ctx, input.webhookId),
);

export const setWebhookActiveAction = workspaceAction("integrations.manage", webhookActiveSchema, async (ctx, input) =>
  setWebhookActive(await getDb(), ctx, input.webhookId, input.active),
);

export const rotateWebhookSecretAction = workspaceAction("integrations.manage", webhookIdSchema, async (ctx, input) =>
  rotateWebhookSecret(await getDb(), ctx, input.webhookId),
);

export const sendTestEventAction = workspaceAction("integrations.manage", webhookIdSchema, async (ctx, input) => {
  const queued = await queueTestEvent(await getDb(), ctx, input.webhookId);
  // Deliver from this server process now; failures are retried by the webhooks job (lib/jobs).
  kickWebhooks();
  return queued;
});
