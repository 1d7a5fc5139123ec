// No `server-only` marker: the access job (lib/jobs/registry.ts) is started from instrumentation.
import { sql } from "kysely";
import type { DbOrTrx } from "@/db/connect";
import { DomainError } from "@/lib/errors";
import { baseUrl } from "@/lib/env";
import { translatorFor } from "@/lib/i18n/catalog";
import { enqueueMail, kickMail } from "@/lib/mail/queue";
import { renderEmail } from "@/lib/mail/render";
import type { AccessUntilInput } from "@/lib/validation/users";
import { audit } from "./audit";
import { afterDeactivation, deactivateLocked } from "./deactivation";
import { isBuiltInOwner, lockOwners } from "./member-locks";
import { enqueueWebhookEvent, kickWebhooks } from "./webhooks";

/** The Owners are reminded this many days before a membership's access ends. */
export const REMINDER_DAYS = 3;
/** Rows one round handles per step; the rest wait for the next round. */
const BATCH = 50;

/** The stored end of access and its hand-over (workspace_members and invitations carry the same two columns). */
export interface AccessUntilColumns {
  access_until: string | null;
  access_until_reassign_to: string | null;
}

/** What the audit rows and webhooks say about an end date. */
export const accessUntilView = (c: {
  access_until: Date | string | null;
  access_until_reassign_to: string | null;
}) => ({
  accessUntil: c.access_until ? new Date(c.access_until).toISOString() : null,
  accessUntilReassignTo: c.access_until ? c.access_until_reassign_to : null,
});

const badTarget = () =>
  new DomainError("invalidInput", { fieldErrors: { accessUntil: "errors.users.accessUntil.badTarget" } });

/**
 * The columns to write for a requested end of access, checked inside the caller's transaction: the instant
 * must be in the future by the database's clock (never the browser's), and the member who will receive the
 * contacts must be an active member of the workspace other than `memberId` (the member whose access ends).
 * `undefined` asks for no change (null is returned); `null` removes the date.
 */
export async function accessUntilColumns(
  trx: DbOrTrx,
  workspaceId: string,
  input: AccessUntilInput,
  memberId: string | null,
): Promise<AccessUntilColumns | null> {
  if (input === undefined) return null;
  if (input === null) return { access_until: null, access_until_reassign_to: null };
  const at = new Date(input.at).toISOString();
  const check = await sql<{ future: boolean }>`SELECT ${at}::timestamptz > now() AS future`.execute(trx);
  if (!check.rows[0]?.future)
    throw new DomainError("invalidInput", { fieldErrors: { accessUntil: "errors.users.accessUntil.past" } });
  if (input.reassignTo) {
    if (input.reassignTo === memberId) throw badTarget();
    const heir = await trx
      .selectFrom("workspace_members")
      .select("user_id")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", input.reassignTo)
      .executeTakeFirst();
    if (!heir) throw badTarget();
  }
  return { access_until: at, access_until_reassign_to: input.reassignTo };
}

/** A round's time as a SQL value. */
const at = (t: string) => sql<Date>`${t}::timestamptz`;

/** The time a round works at: the database's clock, unless a test injects one. */
async function roundTime(db: DbOrTrx, now?: Date): Promise<string> {
  if (now) return now.toISOString();
  const row = await sql<{ now: string }>`SELECT to_json(now())#>>'{}' AS now`.execute(db);
  return row.rows[0]!.now;
}

/**
 * One round of the access job (docs/PRODUCT.md, Access until a date), safe on several servers at once:
 * (a) reminders: memberships ending within REMINDER_DAYS whose Owners were not reminded yet, claimed
 *     FOR UPDATE SKIP LOCKED; the emails are queued in the transaction that marks the reminder sent;
 * (b) ends: each membership whose date passed is deactivated in its own transaction with the stored hand-over
 *     (unassigned when that member is no longer active), audited with no actor (System); the last active
 *     Owner is kept and the date removed instead;
 * (c) pending invitations whose date passed expire (their expiry moves to the end of access).
 * Returns how many rows it handled. A round that crashes half-way leaves the rest to the next.
 */
export async function runAccessJob(db: DbOrTrx, now?: Date): Promise<number> {
  const t = await roundTime(db, now);
  const reminded = await sendReminders(db, t);
  const ended = await endDueAccess(db, t);
  const expired = await db
    .updateTable("invitations")
    .set({ expires_at: sql`access_until` })
    .where("access_until", "<=", at(t))
    .where(sql<boolean>`access_until < expires_at`)
    .where("accepted_at", "is", null)
    .where("cancelled_at", "is", null)
    .executeTakeFirst();
  if (reminded) kickMail();
  return reminded + ended + Number(expired.numUpdatedRows);
}

async function sendReminders(db: DbOrTrx, t: string): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom("workspace_members as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .innerJoin("workspaces as w", "w.id", "m.workspace_id")
        .select(["m.workspace_id", "m.user_id", "m.access_until", "u.name", "u.email", "w.name as workspace"])
        .where("m.access_until", "is not", null)
        .where("m.access_reminder_sent_at", "is", null)
        .where("m.access_until", ">", at(t))
        .where(sql<boolean>`m.access_until <= ${t}::timestamptz + make_interval(days => ${REMINDER_DAYS})`)
        .orderBy("m.access_until")
        .limit(BATCH)
        .forUpdate(["m"])
        .skipLocked()
        .execute();
      for (const row of due) {
        const owners = await trx
          .selectFrom("workspace_members as o")
          .innerJoin("users as u", "u.id", "o.user_id")
          .select(["u.email", "u.locale"])
          .where("o.workspace_id", "=", row.workspace_id)
          .where("o.role", "=", "owner")
          // The built-in Owners (an Owner-like custom role may not manage users).
          .where("o.role_id", "is", null)
          .orderBy("o.user_id")
          .execute();
        for (const owner of owners) await enqueueReminder(trx, owner, row);
        await trx
          .updateTable("workspace_members")
          .set({ access_reminder_sent_at: t })
          .where("workspace_id", "=", row.workspace_id)
          .where("user_id", "=", row.user_id)
          .execute();
      }
      return due.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}

async function enqueueReminder(
  trx: DbOrTrx,
  owner: { email: string; locale: "en" | "ar" | null },
  row: { workspace_id: string; name: string | null; email: string; access_until: Date | null; workspace: string },
) {
  const locale = owner.locale ?? "en";
  const tr = translatorFor(locale);
  const values = {
    name: row.name || row.email,
    email: row.email,
    workspace: row.workspace,
    until: row.access_until ?? new Date(),
  };
  const { html, text } = renderEmail(locale, {
    heading: tr("mail.accessReminder.heading", values),
    paragraphs: [tr("mail.accessReminder.body", values)],
    button: { label: tr("mail.accessReminder.button"), url: `${baseUrl()}/w/${row.workspace_id}/settings/users` },
    after: [tr("mail.accessReminder.change")],
    footer: tr("mail.footer"),
  });
  await enqueueMail(trx, {
    kind: "access_reminder",
    workspaceId: row.workspace_id,
    to: owner.email,
    subject: tr("mail.accessReminder.subject", values),
    text,
    html,
  });
}

async function endDueAccess(db: DbOrTrx, t: string): Promise<number> {
  let total = 0;
  for (let round = 0; round < 20; round++) {
    const due = await db
      .selectFrom("workspace_members")
      .select(["workspace_id", "user_id"])
      .where("access_until", "<=", at(t))
      .orderBy("access_until")
      .limit(BATCH)
      .execute();
    let handled = 0;
    for (const row of due) if (await endAccess(db, row.workspace_id, row.user_id, t)) handled++;
    total += handled;
    if (due.length < BATCH || handled === 0) break;
  }
  return total;
}

/**
 * End one membership at its date, in one transaction, with the locks a deactivation takes in their order (the
 * workspace's Owner rows, then the member's row, here SKIP LOCKED: a row another server or an edit holds is
 * left to the next round, which reads it again). Returns whether this call did it.
 */
export async function endAccess(db: DbOrTrx, ws: string, userId: string, t: string): Promise<boolean> {
  const outcome = await db.transaction().execute(async (trx): Promise<"ended" | "kept" | null> => {
    const owners = await lockOwners(trx, ws);
    const target = await trx
      .selectFrom("workspace_members")
      .select(["role", "role_id", "restrictions", "access_until", "access_until_reassign_to"])
      .where("workspace_id", "=", ws)
      .where("user_id", "=", userId)
      .where("access_until", "<=", at(t))
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    // Gone (another server ended it), the date moved or removed meanwhile, or busy: nothing to do now.
    if (!target) return null;
    if (isBuiltInOwner(target) && owners <= 1) {
      // Never the last active Owner: the date is removed, and the log says why.
      await trx
        .updateTable("workspace_members")
        .set({ access_until: null, access_until_reassign_to: null, access_reminder_sent_at: null })
        .where("workspace_id", "=", ws)
        .where("user_id", "=", userId)
        .execute();
      const change = {
        userId,
        before: accessUntilView(target),
        after: { ...accessUntilView({ access_until: null, access_until_reassign_to: null }), reason: "lastOwner" },
      };
      await audit(trx, {
        workspaceId: ws,
        actorId: null,
        action: "member.updated",
        target: userId,
        before: change.before,
        after: change.after,
      });
      await enqueueWebhookEvent(trx, ws, "member.updated", change);
      return "kept";
    }
    let heir = target.access_until_reassign_to;
    if (heir) {
      // The chosen member, if still active, is held until commit; otherwise the contacts become unassigned.
      const active = await trx
        .selectFrom("workspace_members")
        .select("user_id")
        .where("workspace_id", "=", ws)
        .where("user_id", "=", heir)
        .where("user_id", "!=", userId)
        .forShare()
        .executeTakeFirst();
      if (!active) heir = null;
    }
    await deactivateLocked(
      trx,
      ws,
      target,
      { userId, reassignTo: heir },
      { actorId: null, ip: null, reason: "accessUntil" },
    );
    return "ended";
  });
  if (outcome === "ended") await afterDeactivation(db, ws, userId);
  else if (outcome === "kept") kickWebhooks();
  return outcome !== null;
}
