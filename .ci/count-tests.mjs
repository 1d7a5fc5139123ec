// Sums the JSON reports of the CI's test runs into one closing line:
// "Total: N passed, N failed, N skipped". Usage: node .ci/count-tests.mjs <dir>
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "test-results/ci";
const read = (name) => {
  const file = join(dir, name);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
};

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
for (const [label, name] of [
  ["vitest (PGlite)", "vitest.json"],
  ["vitest (PostgreSQL)", "vitest-db.json"],
  ["vitest (HTTP)", "vitest-http.json"],
  ["vitest (faults)", "vitest-faults.json"],
  ["vitest (OpenTelemetry)", "vitest-otel.json"],
  ["vitest (two servers + nginx)", "vitest-multi.json"],
]) {
  const r = read(name);
  if (!r) continue;
  const s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += s;
  lines.push(`${label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${s} skipped`);
}
const pw = read("playwright.json");
if (pw) {
  const { expected = 0, unexpected = 0, flaky = 0, skipped: s = 0 } = pw.stats ?? {};
  passed += expected + flaky;
  failed += unexpected;
  skipped += s;
  lines.push(`playwright: ${expected + flaky} passed, ${unexpected} failed, ${s} skipped`);
}
for (const line of lines) console.log(`  ${line}`);
console.log(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
