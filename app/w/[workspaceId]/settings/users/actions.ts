"use server";
import { z } from "zod";
import { uuidSchema } from "@/lib/validation/id";
import { getDb } from "@/db";
import { workspaceAction } from "@/lib/actions/wrap";
import { DomainError } from "@/lib/errors";
import { canManageRole } from "@/lib/access/matrix";
import {
  cancelInvitation,
  copyInvitationLink,
  createInvitation,
  resendInvitation,
  updateInvitation,
} from "@/lib/services/invitations";
import { previewBulkInvite, sendBulkInvite } from "@/lib/services/bulk-invitations";
import { bulkInviteSchema } from "@/lib/validation/bulk-invite";
import { countAssignedContacts, findMember, listReassignTargets } from "@/lib/services/members";
import { revokeMember, updateMemberAccess } from "@/lib/services/member-changes";
import { countReturnable, deactivateMember, reactivateMember } from "@/lib/services/deactivation";
import { findDeactivated } from "@/lib/services/deactivated-list";
import {
  deactivateSchema,
  invitationIdSchema,
  inviteSchema,
  reactivateSchema,
  revokeSchema,
  updateAccessSchema,
  updateInvitationSchema,
} from "@/lib/validation/users";

// Thin: every action is wrapped (session → membership → matrix → zod); the services
// apply the finer rules (Managers touch Agents only, no self-edit, last Owner).

export const inviteUser = workspaceAction("users.manage", inviteSchema, async (ctx, input) =>
  createInvitation(await getDb(), { member: ctx.member, ip: ctx.ip, locale: ctx.locale }, input),
);

/** Bulk invite, step 1: every row's status; writes nothing. */
export const previewBulkInviteAction = workspaceAction("users.manage", bulkInviteSchema, async (ctx, input) =>
  previewBulkInvite(await getDb(), ctx, input.rows),
);

/** Bulk invite, step 2: the ready rows become invitations in one transaction; the result per row. */
export const sendBulkInviteAction = workspaceAction("users.manage", bulkInviteSchema, async (ctx, input) =>
  sendBulkInvite(await getDb(), { member: ctx.member, ip: ctx.ip, locale: ctx.locale }, input.rows),
);

/** A fresh link for a pending invitation (old one dead), returned once. */
export const copyInvitationLinkAction = workspaceAction("users.manage", invitationIdSchema, async (ctx, input) =>
  copyInvitationLink(await getDb(), ctx, input.invitationId),
);

export const resendInvitationAction = workspaceAction("users.manage", invitationIdSchema, async (ctx, input) =>
  resendInvitation(await getDb(), ctx, input.invitationId),
);

export const cancelInvitationAction = workspaceAction("users.manage", invitationIdSchema, async (ctx, input) =>
  cancelInvitation(await getDb(), ctx, input.invitationId),
);

export const updateInvitationAction = workspaceAction("users.manage", updateInvitationSchema, async (ctx, input) =>
  updateInvitation(await getDb(), ctx, input),
);

export const updateMemberAccessAction = workspaceAction("users.manage", updateAccessSchema, async (ctx, input) =>
  updateMemberAccess(await getDb(), ctx, input),
);

export const revokeMemberAction = workspaceAction("users.manage", revokeSchema, async (ctx, input) =>
  revokeMember(await getDb(), ctx, input),
);

/** What the revoke dialog shows: how many contacts, and who could take them. */
export const getRevokeInfo = workspaceAction(
  "users.manage",
  z.object({ userId: uuidSchema, q: z.string().trim().max(200).default("") }),
  async (ctx, input) => {
    const db = await getDb();
    const target = await findMember(db, ctx.member.workspaceId, input.userId);
    if (!target) throw new DomainError("notFound");
    // Only for someone the caller could actually revoke (Managers: Agents only).
    if (target.user_id === ctx.member.userId || !canManageRole(ctx.member, target.role))
      throw new DomainError("forbidden");
    const [contacts, candidates] = await Promise.all([
      countAssignedContacts(db, ctx.member.workspaceId, input.userId),
      listReassignTargets(db, ctx.member.workspaceId, input.userId, input.q),
    ]);
    return {
      contacts,
      candidates: candidates.map((c) => ({ userId: c.user_id, name: c.name, email: c.email, role: c.role })),
    };
  },
);

export const deactivateMemberAction = workspaceAction("users.manage", deactivateSchema, async (ctx, input) =>
  deactivateMember(await getDb(), ctx, input),
);

export const reactivateMemberAction = workspaceAction("users.manage", reactivateSchema, async (ctx, input) =>
  reactivateMember(await getDb(), ctx, input),
);

/** What the reactivate dialog offers: how many handed-over contacts could go back now. */
export const getReactivateInfo = workspaceAction(
  "users.manage",
  z.object({ userId: uuidSchema }),
  async (ctx, input) => {
    const db = await getDb();
    const target = await findDeactivated(db, ctx.member.workspaceId, input.userId);
    if (!target) throw new DomainError("notFound");
    if (!canManageRole(ctx.member, target.role)) throw new DomainError("forbidden");
    return { returnable: await countReturnable(db, ctx.member.workspaceId, input.userId) };
  },
);
