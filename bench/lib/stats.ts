// Small statistics and formatting helpers for the bench.

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least q of the sample at or below it.
  const rank = Math.max(1, Math.ceil(q * s.length));
  return s[rank - 1];
}

export const median = (v: readonly number[]) => quantile(v, 0.5);
export const p95 = (v: readonly number[]) => quantile(v, 0.95);

export function fmt(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  if (unit === "ms")
    return value < 1 ? `${value.toFixed(3)} ms` : value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
  if (unit === "s") return `${value.toFixed(2)} s`;
  if (unit === "MB") return `${value.toFixed(1)} MB`;
  if (unit === "rows/s" || unit === "req/s") return `${Math.round(value).toLocaleString("en-US")} ${unit}`;
  return `${value} ${unit}`;
}

/** Run fn `warmup` times untimed, then `runs` times timed (ms, wall clock). */
export async function sample(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => "| " + r.map((c, i) => (c ?? "").padEnd(widths[i])).join(" | ") + " |";
  const sep = "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|";
  return [line(rows[0]), sep, ...rows.slice(1).map(line)].join("\n");
}
