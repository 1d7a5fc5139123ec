// No `server-only` marker: lib/startup/node.ts (instrumentation) starts the loop over these jobs.
import type { DbOrTrx } from "@/db/connect";
import { deliverDueMail } from "@/lib/mail/queue";
import { foldWorkspaceCounts } from "@/lib/services/workspace-counts";
import { runAccessJob } from "@/lib/services/access-until";
import { announceAway } from "@/lib/presence/availability";
import { sweepOffline } from "@/lib/presence/service";
import { deliverDueWebhooks } from "@/lib/services/webhooks";

/**
 * A background job: one round of work, returning how many items it handled. Every job is safe to run
 * at the same time on several servers (the in-process loop of each, and the cron route):
 * - mail and webhooks claim rows with FOR UPDATE SKIP LOCKED and push them forward before working, so
 *   a round that crashes half-way leaves its rows to be picked up again when the claim expires;
 * - the presence sweep is one UPDATE … WHERE online: a second sweep waits for the first one's row locks,
 *   sees those rows no longer online and announces nothing twice;
 * - access (lib/services/access-until.ts) claims memberships FOR UPDATE SKIP LOCKED and ends each in its own
 *   transaction, re-reading the date under the lock, so two servers never end one twice;
 * - counts folds rows with one DELETE … RETURNING feeding an INSERT: a second run folds only what it deleted.
 */
export interface Job {
  name: JobName;
  /** How often the in-process loop runs it (lib/jobs/loop.ts). */
  everyMs: number;
  /** `now` is for tests: a job that depends on time reads the database's clock unless one is injected. */
  run(db: DbOrTrx, now?: Date): Promise<number>;
}

export const JOB_NAMES = ["mail", "webhooks", "presence", "access", "counts"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const JOBS: Record<JobName, Job> = {
  mail: { name: "mail", everyMs: 5_000, run: (db) => deliverDueMail(db) },
  webhooks: { name: "webhooks", everyMs: 15_000, run: (db) => deliverDueWebhooks(db) },
  // Offline first, then who turned away (or back) by the workspace's auto-away delay.
  presence: {
    name: "presence",
    everyMs: 10_000,
    run: async (db) => (await sweepOffline(db)) + (await announceAway(db)),
  },
  // Access until a date: reminders three days before, the end at the date (docs/PRODUCT.md).
  access: { name: "access", everyMs: 60_000, run: (db, now) => runAccessJob(db, now) },
  // The dashboard's counts: fold the rows the triggers append (lib/services/workspace-counts.ts).
  counts: { name: "counts", everyMs: 60_000, run: (db) => foldWorkspaceCounts(db) },
};

export function findJob(name: string): Job | null {
  return (JOB_NAMES as readonly string[]).includes(name) ? JOBS[name as JobName] : null;
}
