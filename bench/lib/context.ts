// What every figure receives, and what it returns.
import type { BenchDb, LoggedQuery } from "./db";
import type { Server } from "./server";

export interface Ctx {
  /** Base URL of the server under test (undefined for in-process-only runs). */
  server?: Server;
  bench: BenchDb;
  secret: string;
  workspaceId: string;
  meta: Record<string, string>;
  ids: { owner: string; inboxAgent: string; heavy: string };
  runs: number;
  pglite: boolean;
  /** The PostgreSQL the server reads (the floor reads it too); undefined on PGlite. */
  databaseUrl?: string;
  /** The app server's port; figures that start another server use the ports after it. */
  port: number;
}

export type Verdict = "met" | "missed" | "n/a";

export interface Figure {
  id: string;
  name: string;
  target: string;
  unit: string;
  median: number | null;
  p95: number | null;
  verdict: Verdict;
  notes: string[];
  /** Page figures: where the time goes (database vs the rest). */
  breakdown?: Breakdown;
  extra?: Record<string, unknown>;
}

export interface Breakdown {
  totalMedianMs: number;
  dbWallMedianMs: number;
  restMedianMs: number;
  queries: { sql: string; medianMs: number }[];
}

export function verdict(ok: boolean | null): Verdict {
  return ok === null ? "n/a" : ok ? "met" : "missed";
}

/** Per-statement medians over several executions of the same sequence of queries. */
export function queryMedians(runs: LoggedQuery[][]): { sql: string; medianMs: number }[] {
  const by = new Map<string, number[]>();
  for (const run of runs) {
    for (const q of run) {
      const key = q.sql.replace(/\s+/g, " ").slice(0, 140);
      by.set(key, [...(by.get(key) ?? []), q.ms]);
    }
  }
  return [...by.entries()]
    .map(([sql, ms]) => ({ sql, medianMs: [...ms].sort((a, b) => a - b)[Math.floor((ms.length - 1) / 2)] }))
    .sort((a, b) => b.medianMs - a.medianMs);
}
