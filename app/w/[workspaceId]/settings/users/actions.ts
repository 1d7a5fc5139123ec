"use server";
import { z } from "zod";
import { uuidSchema } from "@/lib/validation/id";
import { getDb, type Db } from "@/db";
import { run, workspaceAction } from "@/lib/actions/wrap";
import { bulkOne, resolveBulkTargets } from "@/lib/services/bulk-users";
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
import { countAssignedContacts, findMember, listReassignTargets, peopleNames } from "@/lib/services/members";
import { previewDistribution } from "@/lib/services/handover";
import { listTeamNames } from "@/lib/services/teams";
import type { MemberContext } from "@/lib/access/member";
import { revokeMember, updateMemberAccess } from "@/lib/services/member-changes";
import { countReturnable, deactivateMember, reactivateMember } from "@/lib/services/deactivation";
import { findDeactivated } from "@/lib/services/deactivated-list";
import { explainMember } from "@/lib/services/explain-access";
import {
  bulkUsersSchema,
  deactivateSchema,
  invitationIdSchema,
  inviteSchema,
  previewHandoverSchema,
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

/** The member whose contacts are handed over: only someone the caller could revoke (Managers: Agents only). */
async function handoverTarget(db: Db, member: MemberContext, userId: string) {
  const target = await findMember(db, member.workspaceId, userId);
  if (!target) throw new DomainError("notFound");
  if (target.user_id === member.userId || !canManageRole(member, target.role)) throw new DomainError("forbidden");
}

/** What the revoke and deactivate dialogs show: how many contacts, who could take them, the teams. */
export const getRevokeInfo = workspaceAction(
  "users.manage",
  z.object({ userId: uuidSchema, q: z.string().trim().max(200).default("") }),
  async (ctx, input) => {
    const db = await getDb();
    await handoverTarget(db, ctx.member, input.userId);
    const [contacts, candidates, teams] = await Promise.all([
      countAssignedContacts(db, ctx.member.workspaceId, input.userId),
      listReassignTargets(db, ctx.member.workspaceId, input.userId, input.q),
      input.q ? null : listTeamNames(db, ctx.member.workspaceId),
    ]);
    return {
      contacts,
      candidates: candidates.map((c) => ({ userId: c.user_id, name: c.name, email: c.email, role: c.role })),
      teams,
    };
  },
);

/** How a distribution would share the contacts out, recipient by recipient (the dialog's preview). */
export const previewHandoverAction = workspaceAction("users.manage", previewHandoverSchema, async (ctx, input) => {
  const db = await getDb();
  await handoverTarget(db, ctx.member, input.userId);
  const shares = await previewDistribution(db, ctx.member.workspaceId, input.userId, input.distribute);
  const people = await peopleNames(
    db,
    ctx.member.workspaceId,
    shares.map((s) => s.userId),
  );
  return shares.map((s) => ({
    ...s,
    name: people.get(s.userId)?.name ?? null,
    email: people.get(s.userId)?.email ?? "",
  }));
});

/**
 * Who could receive the contacts when an end of access comes (the Add and Edit access dialogs): active members,
 * searched, without the member whose access ends (`exceptUserId`; none for an invitation).
 */
export const getHandoverTargets = workspaceAction(
  "users.manage",
  z.object({ q: z.string().trim().max(200).default(""), exceptUserId: uuidSchema.nullable().default(null) }),
  async (ctx, input) => {
    const rows = await listReassignTargets(await getDb(), ctx.member.workspaceId, input.exceptUserId, input.q);
    return { candidates: rows.map((c) => ({ userId: c.user_id, name: c.name, email: c.email, role: c.role })) };
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

/**
 * A bulk action on the Users list: each selected row through its own service and transaction,
 * its outcome reported per row (a refusal in the words the single action would use).
 */
export const bulkUsersAction = workspaceAction("users.manage", bulkUsersSchema, async (ctx, input) => {
  const db = await getDb();
  const targets = await resolveBulkTargets(db, ctx.member.workspaceId, input.selection);
  const results = [];
  for (const target of targets) {
    const outcome = await run(ctx.t, () => bulkOne(db, ctx, target, input.op));
    results.push({ ...target, ok: outcome.ok, message: outcome.ok ? null : outcome.message });
  }
  return { results, done: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length };
});

/**
 * Explain access: for a member (or a deactivated one, as reactivating would give back) every permission with
 * why it is allowed or denied. Anyone who may open the Users page; another workspace's user is notFound.
 */
export const explainAccessAction = workspaceAction(
  "settings.view",
  z.object({ userId: z.string().max(100) }),
  async (ctx, input) => explainMember(await getDb(), ctx.member.workspaceId, input.userId),
);
