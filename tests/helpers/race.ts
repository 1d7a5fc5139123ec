// Two calls that race, made to meet inside the window instead of hoping they do. Not a test file.
import { randomInt } from "node:crypto";
import { sql } from "kysely";
import { setHoldHook, type HoldPoint } from "@/lib/services/hold-point";
import type { TestDb } from "./db";

/**
 * On PostgreSQL: start `first` and hold its transaction at `point` (right after the locking
 * read that serializes it) on an advisory lock this helper holds; start `second`; wait
 * until pg_blocking_pids shows `second` blocked by `first`'s transaction; then release.
 * Throws if `second` finishes, or never waits, while `first` is held: then nothing
 * serializes the two. PGlite has one connection, so there the two calls simply queue.
 */
export async function heldRace<A, B>(
  t: TestDb,
  point: HoldPoint,
  first: () => Promise<A>,
  second: () => Promise<B>,
): Promise<[PromiseSettledResult<A>, PromiseSettledResult<B>]> {
  if (t.config.kind !== "pg") return Promise.allSettled([first(), second()]);

  const pg = await import("pg");
  const holder = new (pg.default?.Client ?? pg.Client)({ connectionString: t.config.connectionString });
  await holder.connect();
  const key = randomInt(2 ** 31);
  const query = async <R>(text: string, values: unknown[] = []) => (await holder.query(text, values)).rows as R[];
  await query("SELECT pg_advisory_lock($1)", [key]);
  const [{ pid: holderPid }] = await query<{ pid: number }>("SELECT pg_backend_pid() AS pid");

  let firstPid: number | undefined;
  setHoldHook(async (trx, at) => {
    if (at !== point || firstPid !== undefined) return;
    firstPid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0].pid;
    await sql`SELECT pg_advisory_xact_lock_shared(${key})`.execute(trx);
  });

  const a = settle(first());
  let b: Promise<PromiseSettledResult<B>> | undefined;
  try {
    await until("the first call finished before it was held at its hold point", a, async () =>
      firstPid === undefined ? false : blockedBy(query, firstPid, holderPid),
    );
    b = settle(second());
    await until("the second call did not wait for the first one's lock: nothing serializes them", b, async () => {
      const rows = await query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND $1 = ANY(pg_blocking_pids(pid))",
        [firstPid],
      );
      return rows.length > 0;
    });
  } finally {
    setHoldHook(undefined);
    await query("SELECT pg_advisory_unlock($1)", [key]);
    await holder.end();
  }
  return [await a, await b!];
}

const settle = <T>(p: Promise<T>) => Promise.allSettled([p]).then(([r]) => r);

async function blockedBy(
  query: <R>(text: string, values?: unknown[]) => Promise<R[]>,
  pid: number,
  blocker: number,
): Promise<boolean> {
  const [{ blocked }] = await query<{ blocked: boolean }>("SELECT $2 = ANY(pg_blocking_pids($1)) AS blocked", [
    pid,
    blocker,
  ]);
  return blocked;
}

/** Poll `check` until true; fail with `failure` if `call` settles first or 10 s pass. */
async function until(failure: string, call: Promise<unknown>, check: () => Promise<boolean>): Promise<void> {
  let settled = false;
  void call.then(() => (settled = true));
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (settled || Date.now() > deadline) throw new Error(failure);
    await new Promise((r) => setTimeout(r, 10));
  }
}
