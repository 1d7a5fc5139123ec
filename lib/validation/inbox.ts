import { z } from "zod";
import { uuid } from "./id";

// Inbox (docs/PRODUCT.md, Routes): the composer's message and the conversation controls.

export const MESSAGE_MAX = 10_000;
export const INBOX_TAB_VALUES = ["mine", "team", "all", "unassigned"] as const;

const contactId = uuid("notFound");

export const messageSchema = z.object({
  contactId,
  body: z
    .string({ error: "inbox.bodyRequired" })
    .trim()
    .min(1, { error: "inbox.bodyRequired" })
    .max(MESSAGE_MAX, { error: "inbox.bodyTooLong" }),
});
export type MessageInput = z.input<typeof messageSchema>;

export const conversationStatusSchema = z.object({ contactId, status: z.enum(["open", "closed"]) });

/** The page's search params; anything malformed falls back to the defaults. */
export const inboxQuerySchema = z.object({
  tab: z.enum(INBOX_TAB_VALUES).optional().catch(undefined),
  status: z.enum(["open", "closed"]).catch("open"),
  c: z.string().max(100).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});
