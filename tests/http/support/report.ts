import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// Every request the suite makes is recorded (one JSON line per check, one file per test
// file); the global teardown prints the actor × route/action matrix from them.

export interface CheckRecord {
  group: string; // "routes", "actions", "bypass", …
  mode: string; // "honest" or "stale-owner", or the bypass variant
  actor: string;
  target: string; // route or action
  expected: string; // "allow" | "deny" | other outcome names
  observed: string;
  pass: boolean;
}

export function recorder(resultsDir: string, file: string) {
  const path = join(resultsDir, "results", `${file}.jsonl`);
  return (record: CheckRecord) => appendFileSync(path, JSON.stringify(record) + "\n");
}

function load(resultsDir: string): CheckRecord[] {
  const dir = join(resultsDir, "results");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) =>
      readFileSync(join(dir, f), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as CheckRecord),
    );
}

const cell = (records: CheckRecord[]) => {
  if (records.length === 0) return "·";
  const fail = records.some((r) => !r.pass);
  const allowed = records.every((r) => r.expected === "allow");
  const denied = records.every((r) => r.expected === "deny");
  const mark = allowed ? "A" : denied ? "D" : "o"; // o: another expected outcome (conflict, redirect…)
  return fail ? `${mark}!` : mark;
};

/** Prints (and writes test-results/http/matrix.txt) the matrix of the honest-claims run. */
export function printMatrix(resultsDir: string): void {
  const records = load(resultsDir);
  if (records.length === 0) return;
  const lines: string[] = [];
  for (const group of ["routes", "actions"]) {
    const rows = records.filter((r) => r.group === group && r.mode === "honest");
    if (rows.length === 0) continue;
    const actors = [...new Set(rows.map((r) => r.actor))];
    const targets = [...new Set(rows.map((r) => r.target))];
    lines.push(
      `\n${group.toUpperCase()}: ${actors.length} actors × ${targets.length} ${group} = ${actors.length * targets.length} cells (A allowed, D denied, o other outcome, ! mismatch)`,
    );
    const width = Math.max(...actors.map((a) => a.length));
    lines.push(`${"".padEnd(width)}  ${targets.map((_, i) => String(i + 1).padStart(3)).join("")}`);
    for (const actor of actors) {
      lines.push(
        `${actor.padEnd(width)}  ${targets.map((t) => cell(rows.filter((r) => r.actor === actor && r.target === t)).padStart(3)).join("")}`,
      );
    }
    lines.push(targets.map((t, i) => `  ${String(i + 1).padStart(3)} ${t}`).join("\n"));
  }
  const byGroup = new Map<string, { total: number; failed: number }>();
  for (const r of records) {
    const key = `${r.group} (${r.mode})`;
    const g = byGroup.get(key) ?? { total: 0, failed: 0 };
    g.total++;
    if (!r.pass) g.failed++;
    byGroup.set(key, g);
  }
  lines.push("\nChecks made over HTTP:");
  for (const [key, g] of [...byGroup].sort())
    lines.push(`  ${key.padEnd(46)} ${String(g.total).padStart(5)} checks, ${g.failed} failed`);
  lines.push(
    `  ${"total".padEnd(46)} ${String(records.length).padStart(5)} checks, ${records.filter((r) => !r.pass).length} failed`,
  );
  const failures = records.filter((r) => !r.pass);
  if (failures.length) {
    lines.push("\nMismatches:");
    for (const f of failures.slice(0, 200))
      lines.push(`  [${f.group}/${f.mode}] ${f.actor} → ${f.target}: expected ${f.expected}, observed ${f.observed}`);
  }
  const text = lines.join("\n");
  writeFileSync(join(resultsDir, "matrix.txt"), text + "\n");
  console.log(text);
}
