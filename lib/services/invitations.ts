import "server-only";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "@/db";
import { isUniqueViolation } from "@/db/pg-errors";
import { canManageRole, type Role } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/member";
import { DomainError } from "@/lib/errors";
import { baseUrl } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/catalog";
import { renderEmail } from "@/lib/mail/render";
import { enqueueMail, kickMail } from "@/lib/mail/queue";
import type { AccessUntilInput } from "@/lib/validation/users";
import { accessUntilColumns, accessUntilView } from "./access-until";
import { audit } from "./audit";
import { likePattern, pendingInvitation } from "./people-sql";
import { consumeRateLimit } from "./rate-limit";
import { hashToken, newToken } from "./tokens";
import { enqueueWebhookEvent, kickWebhooks } from "./webhooks";

export const INVITATION_TTL_DAYS = 7;
export const INVITE_LIMITS = {
  perActor: { limit: 30, windowSeconds: 3600 },
  perWorkspace: { limit: 200, windowSeconds: 3600 },
};

export interface InviteActor extends Actor {
  locale: Locale;
}

const expiry = () => new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);

async function checkInviteRateLimit(db: DbOrTrx, actor: Actor): Promise<void> {
  const { perActor, perWorkspace } = INVITE_LIMITS;
  const okActor = await consumeRateLimit(
    db,
    `invite:actor:${actor.member.userId}`,
    perActor.limit,
    perActor.windowSeconds,
  );
  const okWs = await consumeRateLimit(
    db,
    `invite:ws:${actor.member.workspaceId}`,
    perWorkspace.limit,
    perWorkspace.windowSeconds,
  );
  if (!okActor || !okWs) throw new DomainError("rateLimited", { fieldErrors: { email: "errors.rateLimited" } });
}

/** Queue the invitation's email in the caller's transaction (the job delivers it after the commit). */
async function enqueueInvitationEmail(trx: DbOrTrx, invitationId: string, token: string): Promise<void> {
  const inv = await trx
    .selectFrom("invitations as i")
    .innerJoin("workspaces as w", "w.id", "i.workspace_id")
    .leftJoin("users as u", "u.id", "i.invited_by")
    .select([
      "i.workspace_id",
      "i.email",
      "i.role",
      "i.locale",
      "i.expires_at",
      "w.name as workspace",
      "u.name as inviter_name",
      "u.email as inviter_email",
    ])
    .where("i.id", "=", invitationId)
    .executeTakeFirstOrThrow();
  const t = translatorFor(inv.locale);
  const values = {
    inviter: inv.inviter_name || inv.inviter_email || "Switchboard",
    workspace: inv.workspace,
    role: t(`common.roles.${inv.role}`),
    expires: inv.expires_at,
  };
  const { html, text } = renderEmail(inv.locale, {
    heading: t("mail.invite.heading", values),
    paragraphs: [t("mail.invite.body", values)],
    button: { label: t("mail.invite.button"), url: `${baseUrl()}/invite/${token}` },
    after: [t("mail.invite.expires", values), t("mail.invite.ignore")],
    footer: t("mail.footer"),
  });
  await enqueueMail(trx, {
    kind: "invitation",
    workspaceId: inv.workspace_id,
    invitationId,
    to: inv.email,
    subject: t("mail.invite.subject", values),
    text,
    html,
  });
}

/**
 * Add user (docs/PRODUCT.md, Users page): validate, refuse members and pending duplicates, then save the
 * invitation and queue its email in one transaction.
 */
export async function createInvitation(
  db: Db,
  actor: InviteActor,
  input: { email: string; role: Role; restrictions: string[]; accessUntil?: AccessUntilInput },
) {
  if (!canManageRole(actor.member, input.role))
    throw new DomainError("forbidden", { fieldErrors: { role: "errors.users.role.notAllowed" } });
  const ws = actor.member.workspaceId;
  const member = await db
    .selectFrom("workspace_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("m.user_id")
    .where("m.workspace_id", "=", ws)
    .where("u.email", "=", input.email)
    .executeTakeFirst();
  if (member) throw new DomainError("conflict", { fieldErrors: { email: "errors.users.invite.alreadyMember" } });
  // Read after the members: a deactivation committing in between moves the row from one table to the other.
  const deactivated = await db
    .selectFrom("deactivated_members as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .select("d.user_id")
    .where("d.workspace_id", "=", ws)
    .where("u.email", "=", input.email)
    .executeTakeFirst();
  if (deactivated) throw new DomainError("conflict", { fieldErrors: { email: "errors.users.invite.deactivated" } });
  const pending = await findPendingByEmail(db, ws, input.email);
  if (pending)
    throw new DomainError("conflict", {
      fieldErrors: { email: "errors.users.invite.alreadyInvited" },
      details: { invitationId: pending.id },
    });
  // Checked before the rate limit, so a refused date costs no invitation.
  const until = await accessUntilColumns(db, ws, input.accessUntil, null);
  const untilView = until?.access_until ? accessUntilView(until) : {};
  await checkInviteRateLimit(db, actor);
  const token = newToken();
  let invitationId: string;
  try {
    invitationId = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("invitations")
        .values({
          workspace_id: ws,
          email: input.email,
          role: input.role,
          restrictions: input.restrictions,
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
        after: { role: input.role, restrictions: input.restrictions, ...untilView },
        ip: actor.ip,
      });
      await enqueueWebhookEvent(trx, ws, "member.invited", {
        invitationId: row.id,
        email: input.email,
        role: input.role,
        restrictions: input.restrictions,
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
    .select(["id", "email", "role", "restrictions", "expires_at", "access_until", "access_until_reassign_to"])
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
  input: { invitationId: string; role: Role; restrictions: string[]; accessUntil?: AccessUntilInput },
) {
  if (!canManageRole(actor.member, input.role))
    throw new DomainError("forbidden", { fieldErrors: { role: "errors.users.role.notAllowed" } });
  return db.transaction().execute(async (trx) => {
    const inv = await lockPending(trx, actor, input.invitationId);
    const until = await accessUntilColumns(trx, actor.member.workspaceId, input.accessUntil, null);
    await trx
      .updateTable("invitations")
      .set({ role: input.role, restrictions: input.restrictions, ...(until ?? {}) })
      .where("id", "=", inv.id)
      .execute();
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "invitation.updated",
      target: inv.email,
      before: { role: inv.role, restrictions: inv.restrictions, ...(until ? accessUntilView(inv) : {}) },
      after: { role: input.role, restrictions: input.restrictions, ...(until ? accessUntilView(until) : {}) },
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
