// Summarise a V8 .cpuprofile (written by the server under `--cpu-prof`): self time by
// package and the hottest functions, so a missed target shows where the time goes.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function bucket(url: string): string {
  if (!url) return "(native / idle / gc)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return "node core";
  if (url.includes("/.next")) return "app (compiled chunks)";
  return path.basename(url);
}

export function summariseProfiles(dir: string, top = 15): string {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  const byBucket = new Map<string, number>();
  const byFn = new Map<string, number>();
  let total = 0;
  for (const f of files) {
    const p = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as CpuProfile;
    const node = new Map(p.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < p.samples.length; i++) {
      const n = node.get(p.samples[i]);
      const dt = (p.timeDeltas[i] ?? 0) / 1000;
      if (!n) continue;
      total += dt;
      const b = n.callFrame.functionName === "(idle)" ? "(idle)" : bucket(n.callFrame.url);
      byBucket.set(b, (byBucket.get(b) ?? 0) + dt);
      const where =
        bucket(n.callFrame.url) === "app (compiled chunks)" || bucket(n.callFrame.url) === "next"
          ? `${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`
          : bucket(n.callFrame.url);
      const fn = `${n.callFrame.functionName || "(anonymous)"} ${where}`;
      byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
    }
  }
  const busy = total - (byBucket.get("(idle)") ?? 0);
  const lines = [
    `CPU profile of the server (${files.length} file(s)): ${(total / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy`,
    "  self time by package:",
  ];
  for (const [b, ms] of [...byBucket].sort((a, b) => b[1] - a[1]).slice(0, top))
    if (b !== "(idle)") lines.push(`    ${((ms / busy) * 100).toFixed(1).padStart(5)} %  ${b}`);
  lines.push("  hottest functions (self):");
  for (const [fn, ms] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top))
    if (!fn.startsWith("(idle)")) lines.push(`    ${((ms / busy) * 100).toFixed(1).padStart(5)} %  ${fn}`);
  return lines.join("\n");
}
