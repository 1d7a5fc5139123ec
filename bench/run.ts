// npm run bench [-- --only B1,B3] [--runs 7] [--no-build] [--port 3300] [--pglite [dir]] [--profile]
//
// Measures the figures of issue #5 against the production build (`next start`, started and
// stopped here) and the bench database (`npm run bench:seed` first), prints one table —
// figure, target, median, p95, verdict — plus each page's breakdown (database vs the
// rest), and merges the results into bench/results.json. See bench/README.md.
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { setDbHandle, type Db } from "../db/connect";
import type { Ctx, Figure } from "./lib/context";
import { openBenchKysely, readMeta, uid, WORKSPACE_ID, type BenchDb } from "./lib/db";
import { summariseProfiles } from "./lib/profile";
import { build, DIST_DIR, hasBuild, startServer, type Server } from "./lib/server";
import { fmt, table } from "./lib/stats";
import { DEFAULT_BENCH_URL, DEFAULT_PGLITE_DIR } from "./seed";

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(ROOT, "bench", "results.json");

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] && !argv[i + 1].startsWith("--") ? argv[i + 1] : undefined;
};
const pgliteMode = argv.includes("--pglite");
const pgliteDir = arg("pglite") ?? process.env.BENCH_PGLITE_DIR ?? DEFAULT_PGLITE_DIR;
const url = arg("url") ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL;
const runs = Number(arg("runs") ?? 7);
const port = Number(arg("port") ?? process.env.BENCH_PORT ?? 3300);
const ALL = pgliteMode
  ? ["B10"]
  : ["B2", "P1", "P3", "P4", "P8", "B1", "B3", "B5", "B6", "B4", "B7", "B8", "B9", "B11", "B12", "B13"];
const only = arg("only")?.toUpperCase().split(",").filter(Boolean);
const selected = ALL.filter((f) => !only || only.includes(f));
// P1, P3, P4 and P8 share one run of the floor (bench/figures/floor.ts): the first of them runs them all.
const FLOOR_PAGES = selected.filter((f) => ["P1", "P3", "P4", "P8"].includes(f));
const steps = selected.filter((f) => !FLOOR_PAGES.includes(f) || f === FLOOR_PAGES[0]);
const profileDir = argv.includes("--profile")
  ? path.join(os.tmpdir(), `switchboard-bench-prof-${process.pid}`)
  : undefined;
const NEEDS_SERVER = new Set(["P1", "P3", "P4", "P8", "B1", "B3", "B5", "B6", "B7", "B8", "B9", "B10"]);

type FigureFn = (ctx: Ctx) => Promise<Figure[]>;

async function figures(): Promise<Record<string, FigureFn>> {
  // Imported lazily: the app modules read the environment at import time.
  const pages = await import("./figures/pages");
  const edge = await import("./figures/edge");
  const revoke = await import("./figures/revoke");
  const exports = await import("./figures/exports");
  const presence = await import("./figures/presence");
  const bulk = await import("./figures/bulk-invite");
  const floor = await import("./figures/floor");
  const audience = await import("./figures/audience");
  return {
    B1: (c) => pages.usersPage(c),
    B2: edge.edgeDecision,
    B3: (c) => pages.inbox(c),
    B4: revoke.revoke,
    B5: exports.usersExport,
    B6: exports.contactsExport,
    B7: presence.presenceFanout,
    B8: presence.heartbeats,
    B9: pages.usersPageLoad,
    B11: bulk.bulkInvite,
    B12: audience.whoCanSee,
    B13: audience.edgeCustomRoles,
    P1: (c) => floor.pagesVsFloor(c, FLOOR_PAGES),
    P3: (c) => floor.pagesVsFloor(c, FLOOR_PAGES),
    P4: (c) => floor.pagesVsFloor(c, FLOOR_PAGES),
    P8: (c) => floor.pagesVsFloor(c, FLOOR_PAGES),
    B10: async (c) => [
      ...(await pages.usersPage(c, "B10", 60)),
      ...(await pages.inbox(c, "B10", { queryP95Ms: null, pageMedianMs: null })),
    ],
  };
}

function printResults(all: Figure[], machine: Record<string, unknown>) {
  const rows = [["figure", "what", "target", "median", "p95", "× floor", "verdict"]];
  for (const f of all) {
    const ratio = f.extra?.ratioToFloor;
    rows.push([
      f.id,
      f.name,
      f.target,
      fmt(f.median, f.unit),
      fmt(f.p95, f.unit),
      typeof ratio === "number" ? `${ratio.toFixed(2)} ×` : "—",
      f.verdict.toUpperCase(),
    ]);
  }
  console.log("\n" + table(rows));
  console.log("\nNotes:");
  for (const f of all) for (const n of f.notes) console.log(`  ${f.id} ${f.name}: ${n}`);
  const withBreakdown = all.filter((f) => f.breakdown);
  if (withBreakdown.length) {
    console.log(
      "\nPage breakdown (database work replayed in-process with the same concurrency; rest = HTTP median − database):",
    );
    for (const f of withBreakdown) {
      const b = f.breakdown!;
      console.log(
        `  ${f.id} ${f.name}: ${b.totalMedianMs.toFixed(1)} ms = database ${b.dbWallMedianMs.toFixed(1)} ms + rest ${b.restMedianMs.toFixed(1)} ms (render, auth, network)`,
      );
      for (const q of b.queries.slice(0, 5)) console.log(`      ${q.medianMs.toFixed(2).padStart(7)} ms  ${q.sql}`);
    }
  }
  for (const f of all) {
    const plan = f.extra?.explain;
    if (typeof plan === "string") console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — ${f.id} ${f.name}:\n${plan}`);
  }
  console.log(`\nMachine: ${JSON.stringify(machine)}`);
}

async function main() {
  if (selected.length === 0) throw new Error(`nothing selected; figures: ${ALL.join(",")}`);
  // In PGlite mode the server owns the data directory (no lock: docs/ARCHITECTURE.md, known trap 3), so
  // in-process measurements read a copy of it.
  let copyDir: string | undefined;
  let bench: BenchDb;
  if (pgliteMode) {
    if (!existsSync(pgliteDir))
      throw new Error(
        `no PGlite bench data at ${pgliteDir}: npm run bench:seed -- --pglite --members 10000 --contacts 100000`,
      );
    copyDir = path.join(os.tmpdir(), `switchboard-bench-pglite-${process.pid}`);
    cpSync(pgliteDir, copyDir, { recursive: true });
    bench = await openBenchKysely({ pgliteDir: copyDir });
  } else {
    bench = await openBenchKysely({ url });
  }
  const meta = await readMeta(bench.db);
  const version = (await sql<{ v: string }>`SELECT version() AS v`.execute(bench.db)).rows[0].v;
  // App code run in-process (services) that calls getDb() gets the bench database.
  setDbHandle({
    db: bench.db as unknown as Db,
    config: pgliteMode ? { kind: "pglite", dataDir: copyDir } : { kind: "pg", connectionString: url },
    close: bench.close,
  });

  const secret = randomBytes(32).toString("hex");
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    loadavgAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
    node: process.version,
    database: pgliteMode ? `PGlite (${version.split(" on ")[0]})` : version.split(" on ")[0],
    seeded: `${meta.members} members, ${meta.invitations} invitations, ${meta.teams} teams, ${meta.contacts} contacts, ${meta.messages} messages`,
  };
  console.log(
    `[bench] ${machine.database}; ${machine.seeded}; ${machine.cpus} CPUs, load ${machine.loadavgAtStart.join(" ")}`,
  );

  let server: Server | undefined;
  const all: Figure[] = [];
  try {
    if (selected.some((f) => NEEDS_SERVER.has(f))) {
      if (argv.includes("--no-build") && hasBuild()) console.log(`[bench] reusing the build in ${DIST_DIR}`);
      else build({});
      const env: Record<string, string> = {
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: `http://localhost:${port}`,
        MAIL_OUTBOX: "1",
        DATABASE_URL: "",
        POSTGRES_URL: "",
      };
      if (pgliteMode) env.PGLITE_DIR = path.resolve(pgliteDir);
      else env.DATABASE_URL = url;
      // --profile: V8 CPU profile of the server, summarised after it stops.
      server = await startServer(port, env, profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []);
      console.log(
        `[bench] server up at ${server.url} (pid ${server.pid}, RSS ${(server.rss() / 1048576).toFixed(0)} MB)`,
      );
    }
    const ctx: Ctx = {
      server,
      bench,
      secret,
      workspaceId: WORKSPACE_ID,
      meta,
      ids: { owner: uid(1), inboxAgent: uid(meta.inbox_agent_n), heavy: uid(meta.heavy_n) },
      runs,
      pglite: pgliteMode,
      databaseUrl: pgliteMode ? undefined : url,
      port,
    };
    const fns = await figures();
    for (const id of steps) {
      const t = Date.now();
      process.stdout.write(`[bench] ${id} … `);
      try {
        const got = await fns[id](ctx);
        all.push(...got);
        console.log(
          `${((Date.now() - t) / 1000).toFixed(0)} s: ${got.map((g) => `${fmt(g.median, g.unit)} ${g.verdict}`).join("; ")}`,
        );
      } catch (error) {
        console.log("failed");
        console.error(error);
        all.push({
          id,
          name: "(failed)",
          target: "",
          unit: "",
          median: null,
          p95: null,
          verdict: "n/a",
          notes: [`error: ${(error as Error).message}`],
        });
      }
    }
  } finally {
    if (server) {
      if (all.some((f) => f.name === "(failed)"))
        console.log(`[bench] last server output:\n${server.log().slice(-3000)}`);
      await server.stop();
    }
    await bench.close();
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
  }
  let profile: string | undefined;
  if (profileDir && existsSync(profileDir)) {
    profile = summariseProfiles(profileDir);
    if (process.env.BENCH_KEEP_PROFILE) console.log(`[bench] raw profile kept in ${profileDir}`);
    else rmSync(profileDir, { recursive: true, force: true });
  }

  const finished = {
    ...machine,
    loadavgAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))),
    at: new Date().toISOString(),
  };
  printResults(all, finished);
  if (profile) console.log(`\n${profile}`);
  // Merge: a run of some figures keeps the others' last results.
  const previous = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, "utf8")) as { figures?: (Figure & { at?: string })[] })
    : {};
  const ran = new Set(all.map((f) => f.id));
  const kept = (previous.figures ?? []).filter((f) => !ran.has(f.id));
  const stamped = all.map((f) => ({ ...f, at: finished.at, machine: finished }));
  const order = (f: Figure) => Number(f.id.slice(1));
  const out = {
    updatedAt: finished.at,
    figures: [...kept, ...stamped].sort((a, b) => order(a) - order(b)),
    ...(profile ? { profile: { figures: selected, summary: profile.split("\n") } } : {}),
  };
  writeFileSync(RESULTS, JSON.stringify(out, null, 2) + "\n");
  console.log(`\n[bench] wrote ${path.relative(ROOT, RESULTS)}`);
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error("[bench] failed:", error);
    process.exit(1);
  });
