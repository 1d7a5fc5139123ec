// No `server-only` marker: started from lib/startup/node.ts (instrumentation).
import { getDb } from "@/db/connect";
import { JOBS, type Job } from "./registry";

const globalForJobs = globalThis as unknown as { __switchboardJobTimers?: NodeJS.Timeout[] };

async function runOnce(job: Job, busy: Set<string>): Promise<void> {
  // One round of a job at a time in this process; other servers are kept apart by the jobs' own claims.
  if (busy.has(job.name)) return;
  busy.add(job.name);
  try {
    await job.run(await getDb());
  } catch (error) {
    // A database that is down must not become an unhandled rejection: the next tick tries again.
    console.error(`[jobs] ${job.name} failed`, error);
  } finally {
    busy.delete(job.name);
  }
}

/** One timer per job in this Node process (not under vitest, not on Vercel: lib/env.ts, inProcessJobsEnabled). */
export function startJobLoop(): void {
  if (globalForJobs.__switchboardJobTimers) return;
  const busy = new Set<string>();
  globalForJobs.__switchboardJobTimers = Object.values(JOBS).map((job) => {
    void runOnce(job, busy);
    const timer = setInterval(() => void runOnce(job, busy), job.everyMs);
    timer.unref?.();
    return timer;
  });
}
