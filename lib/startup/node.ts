import type { Kysely } from "kysely";
import {
  authSecretConfigured,
  demoSeedEnabled,
  inProcessJobsEnabled,
  isProduction,
  outboxRequested,
  smtpConfig,
} from "@/lib/env";
import { scoped } from "@/lib/log";

const log = scoped("startup");

// Node-only start-up work, imported by instrumentation.ts on the Node runtime.
export async function startNode(): Promise<void> {
  const production = isProduction();
  if (production && !smtpConfig()) {
    if (!outboxRequested()) {
      log.fatal(
        "Refusing to start: SMTP_URL is not set, so sign-in and invitation emails could not be sent. " +
          "Set SMTP_URL=smtp://user:pass@host:587 (see README), or MAIL_OUTBOX=1 to keep mail in the database " +
          "and show it at /dev/mailbox — never on a public server: that page hands out sign-in links.",
      );
      process.exit(1);
    }
    log.warn(
      "MAIL_OUTBOX=1 in production. Emails are NOT sent; they are stored and shown at " +
        "/dev/mailbox to anyone who can reach this server, including sign-in links. Use only for local tests.",
    );
  }
  if (production && !authSecretConfigured()) {
    log.fatal("Refusing to start: NEXTAUTH_SECRET is not set (see README).");
    process.exit(1);
  }
  // Migrate (and, in development, seed the demo data) before the first request.
  const { getDb } = await import("@/db/connect");
  const { migrateToLatest } = await import("@/db/migrate");
  const db = await getDb();
  await migrateToLatest(db as Kysely<unknown>);
  if (demoSeedEnabled()) {
    const { seedDemoIfEmpty } = await import("@/db/seed/demo");
    await seedDemoIfEmpty(db);
  }
  // Background jobs (mail, webhook retries, presence sweep) in this process; on serverless hosts the
  // cron route (app/api/cron/[job]) runs them instead.
  if (inProcessJobsEnabled()) {
    const { startJobLoop } = await import("@/lib/jobs/loop");
    startJobLoop();
  }
  log.info({ jobs: inProcessJobsEnabled() }, "started");
}
