// No `server-only` marker: the background jobs (lib/jobs) import this module from instrumentation.
import { sql } from "kysely";
import { getDb, type DbOrTrx } from "@/db/connect";
import type { MailKind, MailStatus } from "@/db/schema";
import { isVitest, mailRetryBaseMs } from "@/lib/env";
import { inBackground } from "@/lib/startup/shutdown";
import {
  classifyMailError,
  configuredTransport,
  mailReason,
  type MailReason,
  type MailTransport,
  type OutgoingMail,
} from "./transport";
import { scoped } from "@/lib/log";

/**
 * Attempts before a mail is given up (status stays `failing`, next_attempt_at NULL): about 8 hours of
 * retries with the default base.
 */
export const MAX_MAIL_ATTEMPTS = 12;
/** How long a claim holds a row: longer than one SMTP attempt can take (lib/mail/transport.ts timeouts). */
export const CLAIM_SECONDS = 120;

/** Backoff after attempt n (1-based): base × 2^(n-1), at most 2 hours; base 30 s unless MAIL_RETRY_BASE_MS says so. */
export const mailRetryDelayMs = (attempt: number) =>
  Math.min(mailRetryBaseMs() * 2 ** Math.max(0, attempt - 1), 2 * 3_600_000);

export interface QueuedMail extends OutgoingMail {
  kind: MailKind;
  workspaceId?: string | null;
  invitationId?: string | null;
}

/**
 * Queue a mail inside the caller's transaction, so it exists iff what it belongs to committed. The job
 * delivers it; call kickMail() after the commit to try at once instead of at the next round.
 */
export async function enqueueMail(trx: DbOrTrx, mail: QueuedMail): Promise<string> {
  return (await enqueueMails(trx, [mail]))[0];
}

/** Several mails of one operation (a bulk invite) in one statement; ids in the order given. */
export async function enqueueMails(trx: DbOrTrx, mails: readonly QueuedMail[]): Promise<string[]> {
  if (mails.length === 0) return [];
  const rows = await trx
    .insertInto("mail_queue")
    .values(
      mails.map((mail) => ({
        to_address: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html,
        kind: mail.kind,
        workspace_id: mail.workspaceId ?? null,
        invitation_id: mail.invitationId ?? null,
      })),
    )
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

type Claimed = {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
};

async function settle(
  db: DbOrTrx,
  row: Claimed,
  outcome: { ok: true } | { ok: false; bounced: boolean; code: string },
) {
  if (outcome.ok) {
    await db
      .updateTable("mail_queue")
      .set({ status: "sent", sent_at: sql`now()`, next_attempt_at: null, last_error: null })
      .where("id", "=", row.id)
      .execute();
    return;
  }
  const giveUp = outcome.bounced || row.attempts >= MAX_MAIL_ATTEMPTS;
  await db
    .updateTable("mail_queue")
    .set({
      status: outcome.bounced ? "bounced" : "failing",
      last_error: outcome.code,
      next_attempt_at: giveUp ? null : new Date(Date.now() + mailRetryDelayMs(row.attempts)),
    })
    .where("id", "=", row.id)
    .execute();
}

/**
 * Deliver what is due. Rows are claimed with SKIP LOCKED (several servers may run this at once) and
 * their next attempt pushed CLAIM_SECONDS forward before anything is sent, in one statement that
 * commits on its own: a crash mid-way leaves the row to be retried after the claim expires (never
 * lost), and another server skips it meanwhile (never sent twice by two servers at once).
 */
export async function deliverDueMail(db: DbOrTrx, limit = 20, transport?: MailTransport): Promise<number> {
  const claimed = await sql<Claimed>`
    WITH due AS (
      SELECT id FROM mail_queue
      WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= now()
      ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )
    UPDATE mail_queue m SET next_attempt_at = now() + make_interval(secs => ${CLAIM_SECONDS}), attempts = m.attempts + 1
    FROM due WHERE m.id = due.id
    RETURNING m.id, m.to_address, m.subject, m.text_body, m.html_body, m.attempts
  `.execute(db);
  if (claimed.rows.length === 0) return 0;
  const via = transport ?? (await configuredTransport());
  // Rows are sent one after another: stop starting new attempts a minute before the claim ends (an
  // attempt takes at most ~50 s, lib/mail/transport.ts), so no row is sent after another server could
  // have claimed it again. What is left keeps its claim and is retried once it expires.
  const deadline = Date.now() + (CLAIM_SECONDS - 60) * 1000;
  for (const row of claimed.rows) {
    if (Date.now() > deadline) break;
    if (via.kind === "outbox") await settle(db, row, { ok: true });
    else if (via.kind === "none") await settle(db, row, { ok: false, bounced: false, code: "none" });
    else {
      try {
        await via.send({ to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body });
        await settle(db, row, { ok: true });
      } catch (error) {
        await settle(db, row, { ok: false, ...classifyMailError(error) });
      }
    }
  }
  return claimed.rows.length;
}

/** Try the due mail now, after a commit (the job loop or the cron route retries the rest). */
export function kickMail(): void {
  // Under vitest tests drive delivery themselves (and each file has its own database).
  if (isVitest()) return;
  inBackground(
    getDb()
      .then((db) => deliverDueMail(db))
      .catch((err) => scoped("mail").error({ err }, "delivery round failed")),
  );
}

export interface MailState {
  status: MailStatus;
  reason: MailReason | null;
}

/** The state of the newest mail of each of these invitations (pending invitations on the Users page). */
export async function invitationMailStates(
  db: DbOrTrx,
  workspaceId: string,
  invitationIds: string[],
): Promise<Map<string, MailState>> {
  if (invitationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("mail_queue")
    .select(["invitation_id", "status", "last_error"])
    .distinctOn("invitation_id")
    .where("workspace_id", "=", workspaceId)
    .where("invitation_id", "in", invitationIds)
    .orderBy("invitation_id")
    .orderBy("id", "desc")
    .execute();
  return new Map(
    rows.map((r) => [
      r.invitation_id!,
      { status: r.status, reason: r.status === "failing" || r.status === "bounced" ? mailReason(r.last_error) : null },
    ]),
  );
}
