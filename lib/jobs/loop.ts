// No `server-only` marker: started from lib/startup/node.ts (instrumentation).
import { getDb } from "@/db/connect";
import { onShutdown } from "@/lib/startup/shutdown";
import { JOBS, type Job } from "./registry";
import { scoped } from "@/lib/log";
import { countJobRun } from "@/lib/observability/metrics";

const globalForJobs = globalThis as unknown as {
  __switchboardJobTimers?: NodeJS.Timeout[];
  __switchboardJobRounds?: Set<Promise<void>>;
};

/** Rounds under way in this process, so a graceful shutdown waits for them before the pool closes. */
function track(round: Promise<void>): void {
  const rounds = (globalForJobs.__switchboardJobRounds ??= new Set());
  rounds.add(round);
  void round.finally(() => rounds.delete(round));
}

async function runOnce(job: Job, busy: Set<string>): Promise<void> {
  // One round of a job at a time in this process; other servers are kept apart by the jobs' own claims.
  if (busy.has(job.name)) return;
  busy.add(job.name);
  try {
    await job.run(await getDb());
    countJobRun(job.name, "ok");
  } catch (error) {
    countJobRun(job.name, "failed");
    // A database that is down must not become an unhandled rejection: the next tick tries again.
    scoped("jobs").error({ err: error, job: job.name }, "job round failed");
  } finally {
    busy.delete(job.name);
  }
}

/** One timer per job in this Node process (not under vitest, not on Vercel: lib/env.ts, inProcessJobsEnabled). */
export function startJobLoop(): void {
  if (globalForJobs.__switchboardJobTimers) return;
  const busy = new Set<string>();
  globalForJobs.__switchboardJobTimers = Object.values(JOBS).map((job) => {
    track(runOnce(job, busy));
    const timer = setInterval(() => track(runOnce(job, busy)), job.everyMs);
    timer.unref?.();
    return timer;
  });
  onShutdown("job loops", stopJobLoop);
}

/** Stop the timers and wait for the rounds under way (graceful shutdown, lib/startup/shutdown.ts). */
export async function stopJobLoop(): Promise<void> {
  for (const timer of globalForJobs.__switchboardJobTimers ?? []) clearInterval(timer);
  globalForJobs.__switchboardJobTimers = undefined;
  await Promise.allSettled([...(globalForJobs.__switchboardJobRounds ?? [])]);
}
