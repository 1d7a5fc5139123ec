import { z } from "zod";
import { uuid } from "./id";
import { nameSchema } from "./onboarding";

const idField = uuid("invalidInput");

// Workspace settings (General, Teams, Snippets, Integrations): one schema per form, shared
// by the form (zodResolver) and its server action. Messages are catalog keys under `errors.`.

/** The event names a webhook endpoint may subscribe to (the one list; lib/services/webhooks.ts uses it). */
export const WEBHOOK_EVENT_NAMES = [
  "member.invited",
  "member.joined",
  "member.updated",
  "member.revoked",
  "member.status_changed",
  "member.deactivated",
  "member.reactivated",
  "invitation.cancelled",
  "role.created",
  "role.updated",
  "role.deleted",
] as const;

export const renameWorkspaceSchema = z.object({ name: nameSchema });
export type RenameWorkspaceInput = z.input<typeof renameWorkspaceSchema>;

const shortName = z
  .string({ error: "name.required" })
  .trim()
  .min(1, { error: "name.required" })
  .max(80, { error: "settings.name.tooLong" });

export const teamNameSchema = z.object({ name: shortName });
export type TeamNameInput = z.input<typeof teamNameSchema>;
export const renameTeamSchema = z.object({ teamId: idField, name: shortName });
export const teamIdSchema = z.object({ teamId: idField });
export const teamMemberSchema = z.object({ teamId: idField, userId: idField });
export const memberPickerSchema = z.object({ teamId: idField, q: z.string().trim().max(200).default("") });

export const snippetSchema = z.object({
  name: shortName,
  body: z
    .string({ error: "settings.body.required" })
    .trim()
    .min(1, { error: "settings.body.required" })
    .max(5000, { error: "settings.body.tooLong" }),
});
export type SnippetInput = z.input<typeof snippetSchema>;
export const updateSnippetSchema = snippetSchema.extend({ snippetId: idField });
export const snippetIdSchema = z.object({ snippetId: idField });

export const webhookCreateSchema = z.object({
  url: z
    .string({ error: "settings.webhook.urlInvalid" })
    .trim()
    .min(1, { error: "settings.webhook.urlInvalid" })
    .max(2000, { error: "settings.webhook.urlInvalid" }),
  events: z
    .array(z.enum(WEBHOOK_EVENT_NAMES), { error: "settings.webhook.eventsRequired" })
    .min(1, { error: "settings.webhook.eventsRequired" })
    .transform((events) => WEBHOOK_EVENT_NAMES.filter((e) => events.includes(e))),
});
export type WebhookCreateInput = z.input<typeof webhookCreateSchema>;
export const webhookIdSchema = z.object({ webhookId: idField });
export const webhookActiveSchema = z.object({ webhookId: idField, active: z.boolean() });

export const reportQuerySchema = z.object({
  q: z.string().trim().max(200).default(""),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
