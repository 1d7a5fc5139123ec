import "server-only";
import type { DbOrTrx } from "@/db";
import { inTransaction } from "@/db/transaction";
import { canGrantCustomRole, cleanRestrictions, ROLES, type Restriction, type Role } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/member";
import { DomainError } from "@/lib/errors";
import { enqueueMails, kickMail } from "@/lib/mail/queue";
import { normalizeEmail } from "@/lib/validation/email";
import type { BulkRowInput, BulkRowStatus } from "@/lib/validation/bulk-invite";
import { auditMany } from "./audit";
import { holdPoint } from "./hold-point";
import { checkInvitees, INVITATION_TTL_DAYS, invitationMail, spendInviteBudget, type InviteActor } from "./invitations";
import { listCustomRoles, roleView } from "./roles";
import { hashToken, newToken } from "./tokens";
import { enqueueWebhookEvents, kickWebhooks } from "./webhooks";

export interface BulkRowPreview {
  /** The address normalised (as it would be stored), or as given when it is not one. */
  email: string;
  /** A level, or a custom role's name as stored (the row's `roleId` then names it). */
  role: string;
  roleId: string | null;
  restrictions: Restriction[];
  status: BulkRowStatus;
}

export type BulkSendStatus = Exclude<BulkRowStatus, "ready"> | "sent";
export interface BulkRowResult extends Omit<BulkRowPreview, "status"> {
  status: BulkSendStatus;
}

const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

/**
 * Each row's status (docs/PRODUCT.md, Users page "Bulk invite"), in order: an invalid address, the
 * same address earlier in the list, then the Add-user rules (checkInvitees: level, member,
 * deactivated, pending invitation). Reads only.
 */
async function statusesOf(
  db: DbOrTrx,
  actor: Actor,
  rows: readonly BulkRowInput[],
  lock = false,
): Promise<(BulkRowPreview & { base: Role | null })[]> {
  // A row's level cell may name one of the workspace's custom roles (case-insensitively): the ones the actor
  // may grant count as that role, the others as a level not allowed. Read in the caller's transaction.
  const customs = new Map(
    (await listCustomRoles(db, actor.member.workspaceId, { lock })).map((r) => [r.name.toLocaleLowerCase(), r]),
  );
  const seen = new Set<string>();
  const out: (BulkRowPreview & { base: Role | null })[] = rows.map((row) => {
    const email = normalizeEmail(row.email);
    const typed = row.role.trim().toLocaleLowerCase();
    const custom = isRole(typed) ? undefined : customs.get(typed);
    const base = isRole(typed) ? typed : (custom?.base ?? null);
    const role = custom ? custom.name : typed;
    const roleId = custom?.id ?? null;
    const restrictions = base ? cleanRestrictions(base, row.restrictions, Boolean(custom)) : [];
    const at = { role, roleId, restrictions, base };
    if (!email) return { email: row.email.trim(), ...at, status: "invalidEmail" };
    if (seen.has(email)) return { email, ...at, status: "duplicate" };
    seen.add(email);
    if (!base || (custom && !canGrantCustomRole(actor.member, custom)))
      return { email, ...at, status: "levelNotAllowed" };
    return { email, ...at, status: "ready" };
  });
  const candidates = out.filter((r) => r.status === "ready");
  const { checks } = await checkInvitees(
    db,
    actor,
    candidates.map((r) => ({ email: r.email, role: r.base! })),
  );
  candidates.forEach((r, i) => (r.status = checks[i]));
  return out;
}

export function countByStatus<S extends string>(rows: readonly { status: S }[]): Partial<Record<S, number>> {
  const counts: Partial<Record<S, number>> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** The preview: every row with its status; nothing is written. */
export async function previewBulkInvite(db: DbOrTrx, actor: Actor, rows: readonly BulkRowInput[]) {
  const previews = (await statusesOf(db, actor, rows)).map(({ base, ...r }) => (void base, r));
  return { rows: previews, counts: countByStatus(previews) };
}

/**
 * Send: one transaction re-checks every row, creates the ready invitations (a pending invitation
 * committed meanwhile by someone else wins through the unique index: that row is "invited"), counts
 * them against the invitation budget (refusing the whole batch beyond it), and writes their audit
 * rows, webhook events and emails. The emails are queued, delivered by the mail job after the commit.
 */
export async function sendBulkInvite(db: DbOrTrx, actor: InviteActor, rows: readonly BulkRowInput[]) {
  const ws = actor.member.workspaceId;
  const results = await inTransaction(db, async (trx) => {
    // The custom roles are held FOR SHARE until commit: an edit of one waits, and then sees the new invitations.
    const previews = await statusesOf(trx, actor, rows, true);
    // In address order: two batches sharing addresses then wait on each other's rows in one order
    // (the unique index), never in a cycle (a deadlock).
    const ready = previews
      .filter((r) => r.status === "ready")
      .map((r) => ({ ...r, base: r.base! }))
      .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    const out: BulkRowResult[] = previews.map(
      ({ base, ...r }) => (void base, { ...r, status: r.status === "ready" ? "sent" : r.status }),
    );
    if (ready.length === 0) return out;

    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
    const tokens = new Map(ready.map((r) => [r.email, newToken()]));
    const inserted = await trx
      .insertInto("invitations")
      .values(
        ready.map((r) => ({
          workspace_id: ws,
          email: r.email,
          role: r.base,
          role_id: r.roleId,
          restrictions: r.restrictions,
          token_hash: hashToken(tokens.get(r.email)!),
          invited_by: actor.member.userId,
          locale: actor.locale,
          expires_at: expiresAt,
        })),
      )
      // A concurrent invite of the same address that committed first: the unique index keeps one.
      .onConflict((oc) => oc.doNothing())
      .returning(["id", "email"])
      .execute();
    await holdPoint(trx, "invitation.bulk");
    const ids = new Map(inserted.map((r) => [r.email, r.id]));
    const created = ready.filter((r) => ids.has(r.email));
    for (const r of out) if (r.status === "sent" && !ids.has(r.email)) r.status = "invited";
    if (created.length === 0) return out;

    const budget = await spendInviteBudget(trx, actor, created.length);
    if (!budget.ok)
      throw new DomainError("rateLimited", {
        messageKey: "errors.users.bulk.rateLimited",
        messageValues: { count: created.length, remaining: budget.remaining, time: budget.resetAt },
        details: { remaining: String(budget.remaining), resetAt: budget.resetAt.toISOString() },
      });

    await auditMany(
      trx,
      created.map((r) => ({
        workspaceId: ws,
        actorId: actor.member.userId,
        action: "invitation.created" as const,
        target: r.email,
        after: { role: r.base, ...roleView(r.roleId, r.roleId ? r.role : null), restrictions: r.restrictions },
        ip: actor.ip,
      })),
    );
    await enqueueWebhookEvents(
      trx,
      ws,
      "member.invited",
      created.map((r) => ({
        invitationId: ids.get(r.email),
        email: r.email,
        role: r.base,
        ...roleView(r.roleId, r.roleId ? r.role : null),
        restrictions: r.restrictions,
        invitedBy: actor.member.userId,
      })),
    );
    const facts = await trx
      .selectFrom("workspaces as w")
      .innerJoin("users as u", (j) => j.on("u.id", "=", actor.member.userId))
      .select(["w.name as workspace", "u.name", "u.email"])
      .where("w.id", "=", ws)
      .executeTakeFirstOrThrow();
    const inviter = facts.name || facts.email || "Switchboard";
    await enqueueMails(
      trx,
      created.map((r) =>
        invitationMail(
          {
            workspaceId: ws,
            invitationId: ids.get(r.email)!,
            email: r.email,
            role: r.base,
            roleName: r.roleId ? r.role : null,
            locale: actor.locale,
            expiresAt,
            workspace: facts.workspace,
            inviter,
          },
          tokens.get(r.email)!,
        ),
      ),
    );
    return out;
  });
  if (results.some((r) => r.status === "sent")) {
    kickMail();
    kickWebhooks();
  }
  return { rows: results, counts: countByStatus(results) };
}
