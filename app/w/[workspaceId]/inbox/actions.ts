"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { workspaceAction } from "@/lib/actions/wrap";
import { assignContact, assignableMembers, getVisibleContact } from "@/lib/services/contacts";
import { listSnippets, sendMessage, setConversationStatus } from "@/lib/services/inbox";
import { assignContactSchema, assigneeSearchSchema } from "@/lib/validation/contacts";
import { conversationStatusSchema, messageSchema } from "@/lib/validation/inbox";

// Thin: every action is wrapped (session → membership → matrix → zod). The services
// apply the contact visibility predicate, so a conversation the member may not see
// answers notFound, never forbidden.

/** Stores the reply in the conversation (no channel delivery: out of scope, see README). */
export const sendMessageAction = workspaceAction("inbox.view", messageSchema, async (ctx, input) =>
  sendMessage(await getDb(), ctx.member, input),
);

export const setConversationStatusAction = workspaceAction("inbox.view", conversationStatusSchema, async (ctx, input) =>
  setConversationStatus(await getDb(), ctx.member, input),
);

/**
 * Assign from the inbox: any member who may use the inbox, within their visibility.
 * `stillVisible` is false when a limited Agent assigned the conversation away from their own view.
 */
export const assignConversationAction = workspaceAction("inbox.view", assignContactSchema, async (ctx, input) => {
  const db = await getDb();
  const done = await assignContact(db, ctx.member, input);
  return { ...done, stillVisible: (await getVisibleContact(db, ctx.member, input.contactId)) !== undefined };
});

export const searchInboxAssignees = workspaceAction("inbox.view", assigneeSearchSchema, async (ctx, input) =>
  (await assignableMembers(await getDb(), ctx.member.workspaceId, input.q)).map((m) => ({
    userId: m.user_id,
    name: m.name,
    email: m.email,
    dot: m.dot,
  })),
);

/** The composer's snippets: refused to an Agent with `no_snippets`, whatever the UI shows. */
export const loadSnippetsAction = workspaceAction(["inbox.view", "snippets.use"], z.object({}).strict(), async (ctx) =>
  listSnippets(await getDb(), ctx.member.workspaceId),
);
