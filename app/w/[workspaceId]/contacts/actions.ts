"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { workspaceAction } from "@/lib/actions/wrap";
import {
  assignContact,
  assignableMembers,
  deleteContact,
  getVisibleContact,
  updateContact,
} from "@/lib/services/contacts";
import { contactAudience, contactAudienceWhy } from "@/lib/services/contact-audience";
import { DomainError } from "@/lib/errors";
import type { MemberContext } from "@/lib/access/member";
import {
  assignContactSchema,
  assigneeSearchSchema,
  contactIdSchema,
  updateContactSchema,
} from "@/lib/validation/contacts";

// Thin: the wrapper checks session → membership → matrix → zod; the services put the
// visibility predicate into every statement, so a contact the member may not see is
// notFound here exactly as on the page.

export const updateContactAction = workspaceAction("contacts.edit", updateContactSchema, async (ctx, input) =>
  updateContact(await getDb(), ctx.member, input),
);

/** `stillVisible` is false when a limited Agent assigned the contact away from their own view. */
export const assignContactAction = workspaceAction("contacts.edit", assignContactSchema, async (ctx, input) => {
  const db = await getDb();
  const done = await assignContact(db, ctx.member, input);
  return { ...done, stillVisible: (await getVisibleContact(db, ctx.member, input.contactId)) !== undefined };
});

export const deleteContactAction = workspaceAction("contacts.delete", contactIdSchema, async (ctx, input) =>
  deleteContact(await getDb(), ctx.member, input.contactId),
);

/** The assignee picker's list: members of this workspace, by name. */
export const searchContactAssignees = workspaceAction("contacts.edit", assigneeSearchSchema, async (ctx, input) =>
  (await assignableMembers(await getDb(), ctx.member.workspaceId, input.q)).map((m) => ({
    userId: m.user_id,
    name: m.name,
    email: m.email,
    dot: m.dot,
  })),
);

/** "Who can see this contact" is for Owner- and Manager-like members (their visibility is the whole workspace). */
function audienceViewer(member: MemberContext) {
  if (member.role === "agent") throw new DomainError("forbidden");
  return member;
}

/** Who can see the contact: how many members, and the first 50 by name. */
export const contactAudienceAction = workspaceAction(
  "contacts.view",
  z.object({ contactId: z.string().max(100) }),
  async (ctx, input) => contactAudience(await getDb(), audienceViewer(ctx.member), input.contactId),
);

/** Why one member can or cannot see the contact. */
export const contactAudienceWhyAction = workspaceAction(
  "contacts.view",
  z.object({ contactId: z.string().max(100), userId: z.string().max(100) }),
  async (ctx, input) => contactAudienceWhy(await getDb(), audienceViewer(ctx.member), input.contactId, input.userId),
);
