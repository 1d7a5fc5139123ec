import "server-only";
import { sql, type Kysely } from "kysely";
import type { DbOrTrx } from "@/db";
import { pendingMigrations } from "@/db/migrate";
import { queueStuckMinutes } from "@/lib/env";
import { scoped } from "@/lib/log";

const log = scoped("health");

/** Why a server is not ready: closed codes, never error text. */
export type NotReadyReason = "database_unreachable" | "migrations_pending" | "mail_queue_stuck" | "webhook_queue_stuck";

export interface Readiness {
  ready: boolean;
  reasons: NotReadyReason[];
}

/**
 * Ready = the database answers, every migration of this build is applied, and neither queue has a row
 * that has been due for longer than QUEUE_STUCK_MINUTES (the jobs are not running: no loop, no cron).
 * A failing SMTP server or webhook receiver does not make a server unready: those rows wait with a
 * next attempt in the future.
 */
export async function readiness(open: () => Promise<DbOrTrx>): Promise<Readiness> {
  let db: DbOrTrx;
  try {
    db = await open();
    await sql`select 1`.execute(db);
  } catch (error) {
    log.error({ err: error }, "database check failed");
    return { ready: false, reasons: ["database_unreachable"] };
  }
  try {
    const reasons: NotReadyReason[] = [];
    if ((await pendingMigrations(db as Kysely<unknown>)).length > 0) reasons.push("migrations_pending");
    else {
      const stuckBefore = sql<Date>`now() - make_interval(mins => ${queueStuckMinutes()})`;
      const { rows } = await sql<{ mail: boolean; webhooks: boolean }>`
        SELECT
          EXISTS (SELECT 1 FROM mail_queue WHERE next_attempt_at IS NOT NULL AND next_attempt_at < ${stuckBefore}) AS mail,
          EXISTS (SELECT 1 FROM webhook_deliveries WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL
            AND next_attempt_at < ${stuckBefore}) AS webhooks
      `.execute(db);
      if (rows[0]?.mail) reasons.push("mail_queue_stuck");
      if (rows[0]?.webhooks) reasons.push("webhook_queue_stuck");
    }
    return { ready: reasons.length === 0, reasons };
  } catch (error) {
    log.error({ err: error }, "readiness check failed");
    return { ready: false, reasons: ["database_unreachable"] };
  }
}
