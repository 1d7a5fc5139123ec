// P1 of the speed issue (bench/README.md, "The floor"): the Users page against the floor, a minimal Next.js page
// (bench/floor) on the same next/react, same machine, same database, same run, its requests interleaved with the
// app's so that whatever else the shared machine does weighs on both alike. Reported as a ratio to the floor.
import { existsSync } from "node:fs";
import path from "node:path";
import { verdict, type Ctx, type Figure } from "../lib/context";
import { timedGet } from "../lib/http";
import { buildFloor, FLOOR_DIR, startServer } from "../lib/server";
import { cookieFor } from "../lib/session";
import { median, p95 } from "../lib/stats";
import { SEARCH } from "./pages";

const RATIO_TARGET = 2.0;
const WEIGHT_TARGET_KIB = 100;

export async function usersPageVsFloor(ctx: Ctx): Promise<Figure[]> {
  if (!ctx.databaseUrl) throw new Error("the floor reads PostgreSQL: run P1 without --pglite");
  if (!existsSync(path.join(FLOOR_DIR, ".next-floor", "BUILD_ID"))) buildFloor();
  const floor = await startServer(
    ctx.port + 1,
    { DATABASE_URL: ctx.databaseUrl, BENCH_WORKSPACE_ID: ctx.workspaceId, NEXT_TELEMETRY_DISABLED: "1" },
    [],
    { dir: FLOOR_DIR, health: "/" },
  );
  try {
    const cookie = await cookieFor(ctx.bench.db, ctx.secret, ctx.ids.owner);
    const users = `${ctx.server!.url}/w/${ctx.workspaceId}/settings/users`;
    const targets = { floor: `${floor.url}/`, page: users, search: `${users}?q=${SEARCH}` } as const;
    const times: Record<keyof typeof targets, number[]> = { floor: [], page: [], search: [] };
    const runs = Math.max(ctx.runs, 30);
    for (let i = 0; i < runs + 5; i++) {
      for (const key of Object.keys(targets) as (keyof typeof targets)[]) {
        const r = await timedGet(targets[key], key === "floor" ? "" : cookie);
        if (r.status !== 200) throw new Error(`${key}: HTTP ${r.status}`);
        if (i >= 5) times[key].push(r.totalMs);
      }
    }
    // Page weight as the issue counts it: HTML with its flight data, decoded (uncompressed).
    const weight = (await timedGet(users, cookie, { encoding: "identity" })).bytes / 1024;
    const floorMedian = median(times.floor);
    const fig = (name: string, key: "page" | "search"): Figure => {
      const m = median(times[key]);
      const ratio = m / floorMedian;
      return {
        id: "P1",
        name,
        target: `≤ ${RATIO_TARGET.toFixed(1)} × floor`,
        unit: "ms",
        median: m,
        p95: p95(times[key]),
        verdict: verdict(ratio <= RATIO_TARGET),
        notes: [
          `${ratio.toFixed(2)} × the floor's ${floorMedian.toFixed(1)} ms (${times[key].length} interleaved runs)`,
        ],
        extra: { ratioToFloor: Number(ratio.toFixed(3)), floorMedianMs: Number(floorMedian.toFixed(2)) },
      };
    };
    return [
      {
        id: "P1",
        name: "Floor: 50 members from one indexed query, plain table",
        target: "—",
        unit: "ms",
        median: floorMedian,
        p95: p95(times.floor),
        verdict: "n/a",
        notes: ["bench/floor, production build (webpack), same next/react, interleaved with the app's requests"],
      },
      fig("Users page, Owner, first page", "page"),
      fig(`Users page, search "${SEARCH}"`, "search"),
      {
        id: "P1",
        name: "Users page weight (HTML + flight data, decoded)",
        target: `≤ ${WEIGHT_TARGET_KIB} KiB`,
        unit: "KiB",
        median: Number(weight.toFixed(1)),
        p95: null,
        verdict: verdict(weight <= WEIGHT_TARGET_KIB),
        notes: [],
      },
    ];
  } finally {
    await floor.stop();
  }
}
