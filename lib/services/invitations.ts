import "server-only";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "@/db";
import { isUniqueViolation } from "@/db/pg-errors";
import { canManageRole, cleanRestrictions, type Role } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/member";
import { DomainError } from "@/lib/errors";
import { baseUrl, inviteLimits } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/catalog";
import { renderEmail } from "@/lib/mail/render";
import { enqueueMail, kickMail, type QueuedMail } from "@/lib/mail/queue";
import type { AccessUntilInput } from "@/lib/validation/users";
import { accessUntilColumns, accessUntilView } from "./access-until";
import { audit } from "./audit";
import { likePattern, pendingInvitation } from "./people-sql";
import { countRateLimit } from "./rate-limit";
import { resolveRoleChoice, roleGone, roleView } from "./roles";
import { hashToken, newToken } from "./tokens";
import { enqueueWebhookEvent, kickWebhooks } from "./webhooks";

export const INVITATION_TTL_DAYS = 7;
/** Invitations per hour, each one counted (alone, in a bulk invite or resent); INVITE_LIMIT_* in lib/env.ts. */
export const INVITE_LIMITS = {
  perActor: { limit: inviteLimits().perActor, windowSeconds: 3600 },
  perWorkspace: { limit: inviteLimits().perWorkspace, windowSeconds: 3600 },
};

export interface InviteActor extends Actor {
  locale: Locale;
}

const expiry = () => new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);

/**
 * Count `count` invitations against the actor's and the workspace's hourly budgets. When either is
 * exceeded: how many may still be sent and when the budget is whole again. Counted either way: a
 * refusing caller rolls the count back with its transaction (or, for Add user, counts the attempt).
 */
export async function spendInviteBudget(
  db: DbOrTrx,
  actor: Actor,
  count: number,
): Promise<{ ok: true } | { ok: false; remaining: number; resetAt: Date }> {
  const { perActor, perWorkspace } = INVITE_LIMITS;
  const uses = [
    await countRateLimit(db, `invite:actor:${actor.member.userId}`, perActor.limit, perActor.windowSeconds, count),
    await countRateLimit(
      db,
      `invite:ws:${actor.member.workspaceId}`,
      perWorkspace.limit,
      perWorkspace.windowSeconds,
      count,
    ),
  ];
  if (uses.every((u) => u.ok)) return { ok: true };
  const remaining = Math.min(...uses.map((u) => u.remaining));
  // From when more may be sent: the latest reset among the budgets that are exhausted by this batch.
  const resetAt = new Date(Math.max(...uses.filter((u) => !u.ok).map((u) => u.resetAt.getTime())));
  return { ok: false, remaining, resetAt };
}

async function checkInviteRateLimit(db: DbOrTrx, actor: Actor): Promise<void> {
  const use = await spendInviteBudget(db, actor, 1);
  if (!use.ok) throw new DomainError("rateLimited", { fieldErrors: { email: "errors.rateLimited" } });
}

export interface InvitationMailFacts {
  workspaceId: string;
  invitationId: string;
  email: string;
  role: Role;
  /** The custom role's name, when the invitation gives one (the email names it instead of the level). */
  roleName?: string | null;
  locale: Locale;
  expiresAt: Date;
  workspace: string;
  inviter: string;
}

/** The invitation email for one invitation and its token (the link is built on the configured base URL). */
export function invitationMail(f: InvitationMailFacts, token: string): QueuedMail {
  const t = translatorFor(f.locale);
  const values = {
    inviter: f.inviter,
    workspace: f.workspace,
    role: f.roleName || t(`common.roles.${f.role}`),
    expires: f.expiresAt,
  };
  const { html, text } = renderEmail(f.locale, {
    heading: t("mail.invite.heading", values),
    paragraphs: [t("mail.invite.body", values)],
    button: { label: t("mail.invite.button"), url: invitationUrl(token) },
    after: [t("mail.invite.expires", values), t("mail.invite.ignore")],
    footer: t("mail.footer"),
  });
  return {
    kind: "invitation",
    workspaceId: f.workspaceId,
    invitationId: f.invitationId,
    to: f.email,
    subject: t("mail.invite.subject", values),
    text,
    html,
  };
}

export const invitationUrl = (token: string) => `${baseUrl()}/invite/${token}`;

/** Queue the invitation's email in the caller's transaction (the job delivers it after the commit). */
async function enqueueInvitationEmail(trx: DbOrTrx, invitationId: string, token: string): Promise<void> {
  const inv = await trx
    .selectFrom("invitations as i")
    .innerJoin("workspaces as w", "w.id", "i.workspace_id")
    .leftJoin("users as u", "u.id", "i.invited_by")
    .leftJoin("workspace_roles as r", (j) =>
      j.onRef("r.workspace_id", "=", "i.workspace_id").onRef("r.id", "=", "i.role_id"),
    )
    .select([
      "i.workspace_id",
      "i.email",
      "i.role",
      "r.name as role_name",
      "i.locale",
      "i.expires_at",
      "w.name as workspace",
      "u.name as inviter_name",
      "u.email as inviter_email",
    ])
    .where("i.id", "=", invitationId)
    .executeTakeFirstOrThrow();
  const mail = invitationMail(
    {
      workspaceId: inv.workspace_id,
      invitationId,
      email: inv.email,
      role: inv.role,
      roleName: inv.role_name,
      locale: inv.locale,
      expiresAt: inv.expires_at,
      workspace: inv.workspace,
      inviter: inv.inviter_name || inv.inviter_email || "Switchboard",
    },
    token,
  );
  await enqueueMail(trx, mail);
}

/** Why an address cannot be invited now, or "ready" (one rule for Add user and bulk invite). */
export type InviteCheck = "ready" | "levelNotAllowed" | "member" | "deactivated" | "invited";

/**
 * The one source of truth for "may this actor invite this address at this level": for each
 * (normalised address, level), in order, the level the actor may grant, an active member, a
 * deactivated member, a pending invitation. A few reads whatever the number of rows.
 */
export async function checkInvitees(
  db: DbOrTrx,
  actor: Actor,
  rows: readonly { email: string; role: Role }[],
): Promise<{ checks: InviteCheck[]; pendingIds: Map<string, string> }> {
  const ws = actor.member.workspaceId;
  const emails = [...new Set(rows.map((r) => r.email))];
  const pendingIds = new Map<string, string>();
  if (emails.length === 0) return { checks: [], pendingIds };
  const emailSet = (found: { email: string }[]) => new Set(found.map((r) => r.email));
  const members = emailSet(
    await db
      .selectFrom("workspace_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("u.email")
      .where("m.workspace_id", "=", ws)
      .where("u.email", "in", emails)
      .execute(),
  );
  // Read after the members: a deactivation committing in between moves the row from one table to the other.
  const deactivated = emailSet(
    await db
      .selectFrom("deactivated_members as d")
      .innerJoin("users as u", "u.id", "d.user_id")
      .select("u.email")
      .where("d.workspace_id", "=", ws)
      .where("u.email", "in", emails)
      .execute(),
  );
  const pending = await db
    .selectFrom("invitations")
    .select(["id", "email"])
    .where("workspace_id", "=", ws)
    .where("email", "in", emails)
    .where(pendingInvitation(""))
    .execute();
  for (const p of pending) pendingIds.set(p.email, p.id);
  const checks = rows.map((r): InviteCheck => {
    if (!canManageRole(actor.member, r.role)) return "levelNotAllowed";
    if (members.has(r.email)) return "member";
    if (deactivated.has(r.email)) return "deactivated";
    if (pendingIds.has(r.email)) return "invited";
    return "ready";
  });
  return { checks, pendingIds };
}

const CHECK_ERRORS = {
  member: "errors.users.invite.alreadyMember",
  deactivated: "errors.users.invite.deactivated",
  invited: "errors.users.invite.alreadyInvited",
} as const;

/**
 * Add user (docs/PRODUCT.md, Users page): validate, refuse members and pending duplicates, then save the
 * invitation and queue its email in one transaction.
 */
export async function createInvitation(
  db: Db,
  actor: InviteActor,
  input: {
    email: string;
    role: Role;
    roleId?: string | null;
    restrictions: string[];
    accessUntil?: AccessUntilInput;
  },
) {
  const ws = actor.member.workspaceId;
  const choice = { role: input.role, roleId: input.roleId ?? null };
  const { checks, pendingIds } = await checkInvitees(db, actor, [input]);
  const check = checks[0];
  if (check === "levelNotAllowed")
    throw new DomainError("forbidden", { fieldErrors: { role: "errors.users.role.notAllowed" } });
  if (check !== "ready") {
    const invitationId = pendingIds.get(input.email);
    throw new DomainError("conflict", {
      fieldErrors: { email: CHECK_ERRORS[check] },
      details: check === "invited" && invitationId ? { invitationId } : undefined,
    });
  }
  // Checked before the rate limit, so a refused role or date costs no invitation (and again when writing).
  await resolveRoleChoice(db, actor.member, choice);
  const until = await accessUntilColumns(db, ws, input.accessUntil, null);
  const untilView = until?.access_until ? accessUntilView(until) : {};
  await checkInviteRateLimit(db, actor);
  const token = newToken();
  let invitationId: string;
  try {
    invitationId = await db.transaction().execute(async (trx) => {
      const to = await resolveRoleChoice(trx, actor.member, choice);
      const restrictions = cleanRestrictions(to.role, input.restrictions, to.roleId !== null);
      const access = { role: to.role, ...roleView(to.roleId, to.custom?.name), restrictions };
      const row = await trx
        .insertInto("invitations")
        .values({
          workspace_id: ws,
          email: input.email,
          role: to.role,
          role_id: to.roleId,
          restrictions,
          token_hash: hashToken(token),
          invited_by: actor.member.userId,
          locale: actor.locale,
          expires_at: expiry(),
          ...(until ?? {}),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, {
        workspaceId: ws,
        actorId: actor.member.userId,
        action: "invitation.created",
        target: input.email,
        after: { ...access, ...untilView },
        ip: actor.ip,
      });
      await enqueueWebhookEvent(trx, ws, "member.invited", {
        invitationId: row.id,
        email: input.email,
        ...access,
        invitedBy: actor.member.userId,
        ...untilView,
      });
      await enqueueInvitationEmail(trx, row.id, token);
      return row.id;
    });
  } catch (e) {
    // Lost a race with another invite of the same address: the unique index decides.
    if (isUniqueViolation(e)) {
      const winner = await findPendingByEmail(db, ws, input.email);
      throw new DomainError("conflict", {
        fieldErrors: { email: "errors.users.invite.alreadyInvited" },
        details: winner ? { invitationId: winner.id } : undefined,
      });
    }
    if (roleGone(e)) throw new DomainError("invalidInput", { fieldErrors: { role: "errors.roles.unknown" } });
    throw e;
  }
  kickMail();
  kickWebhooks();
  return { invitationId };
}

function findPendingByEmail(db: DbOrTrx, workspaceId: string, email: string) {
  return db
    .selectFrom("invitations")
    .select(["id"])
    .where("workspace_id", "=", workspaceId)
    .where("email", "=", email)
    .where(pendingInvitation(""))
    .executeTakeFirst();
}

/** A pending invitation of this workspace the actor may manage, locked for the change. */
async function lockPending(trx: DbOrTrx, actor: Actor, invitationId: string) {
  const inv = await trx
    .selectFrom("invitations")
    .select([
      "id",
      "email",
      "role",
      "role_id",
      "restrictions",
      "expires_at",
      "invited_by",
      "access_until",
      "access_until_reassign_to",
    ])
    .where("workspace_id", "=", actor.member.workspaceId)
    .where("id", "=", invitationId)
    .where(pendingInvitation(""))
    .forUpdate()
    .executeTakeFirst();
  if (!inv) throw new DomainError("notFound");
  if (!canManageRole(actor.member, inv.role))
    throw new DomainError("forbidden", { messageKey: "users.errors.managerAgentsOnly" });
  return inv;
}

/** A new link; the old token stops working because its hash is replaced. Expiry restarts. */
export async function resendInvitation(db: Db, actor: Actor, invitationId: string) {
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    const inv = await lockPending(trx, actor, invitationId);
    // Counted only once the resend is allowed (a refused call writes nothing), in the same transaction.
    await checkInviteRateLimit(trx, actor);
    await trx
      .updateTable("invitations")
      .set({ token_hash: hashToken(token), expires_at: expiry(), last_sent_at: sql`now()` })
      .where("id", "=", inv.id)
      .execute();
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "invitation.resent",
      target: inv.email,
      ip: actor.ip,
    });
    await enqueueInvitationEmail(trx, inv.id, token);
  });
  kickMail();
  return { invitationId };
}

/**
 * Copy invitation link: a fresh link for the inviter (or an Owner) to send by chat. The token is
 * rotated (the emailed link stops working, only the hash is stored) and the link is returned once;
 * it stays single-use and bound to the invited address (acceptance checks both). Expiry restarts.
 */
export async function copyInvitationLink(db: Db, actor: Actor, invitationId: string): Promise<{ url: string }> {
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    const inv = await lockPending(trx, actor, invitationId);
    if (actor.member.role !== "owner" && inv.invited_by !== actor.member.userId)
      throw new DomainError("forbidden", { messageKey: "users.errors.inviterOrOwner" });
    await trx
      .updateTable("invitations")
      .set({ token_hash: hashToken(token), expires_at: expiry() })
      .where("workspace_id", "=", actor.member.workspaceId)
      .where("id", "=", inv.id)
      .execute();
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "invitation.link_copied",
      target: inv.email,
      ip: actor.ip,
    });
  });
  return { url: invitationUrl(token) };
}

export async function cancelInvitation(db: Db, actor: Actor, invitationId: string) {
  const result = await db.transaction().execute(async (trx) => {
    const inv = await lockPending(trx, actor, invitationId);
    await trx
      .updateTable("invitations")
      .set({ cancelled_at: sql`now()` })
      .where("id", "=", inv.id)
      .execute();
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "invitation.cancelled",
      target: inv.email,
      before: { role: inv.role, restrictions: inv.restrictions },
      ip: actor.ip,
    });
    await enqueueWebhookEvent(trx, actor.member.workspaceId, "invitation.cancelled", {
      invitationId,
      email: inv.email,
    });
    return { invitationId };
  });
  kickWebhooks();
  return result;
}

export async function updateInvitation(
  db: Db,
  actor: Actor,
  input: {
    invitationId: string;
    role: Role;
    roleId?: string | null;
    restrictions: string[];
    accessUntil?: AccessUntilInput;
  },
) {
  if (!canManageRole(actor.member, input.role))
    throw new DomainError("forbidden", { fieldErrors: { role: "errors.users.role.notAllowed" } });
  return db.transaction().execute(async (trx) => {
    const inv = await lockPending(trx, actor, input.invitationId);
    const to = await resolveRoleChoice(trx, actor.member, { role: input.role, roleId: input.roleId ?? null });
    const restrictions = cleanRestrictions(to.role, input.restrictions, to.roleId !== null);
    const until = await accessUntilColumns(trx, actor.member.workspaceId, input.accessUntil, null);
    await trx
      .updateTable("invitations")
      .set({ role: to.role, role_id: to.roleId, restrictions, ...(until ?? {}) })
      .where("id", "=", inv.id)
      .execute();
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "invitation.updated",
      target: inv.email,
      before: {
        role: inv.role,
        ...roleView(inv.role_id),
        restrictions: inv.restrictions,
        ...(until ? accessUntilView(inv) : {}),
      },
      after: {
        role: to.role,
        ...roleView(to.roleId, to.custom?.name),
        restrictions,
        ...(until ? accessUntilView(until) : {}),
      },
      ip: actor.ip,
    });
    return { invitationId: inv.id };
  });
}

/** Pending invitations of the workspace, or those whose email contains q. */
export async function countPendingInvitations(db: DbOrTrx, workspaceId: string, q = ""): Promise<number> {
  let query = db
    .selectFrom("invitations")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("workspace_id", "=", workspaceId)
    .where(pendingInvitation(""));
  if (q) query = query.where("email", "like", likePattern(q));
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
