// The speed issue's page figures against the floor (bench/README.md, "The floor"): a minimal Next.js page
// (bench/floor) on the same next/react, same machine, same database, same run. Its requests are interleaved
// with the app pages' (P1 Users page and search, P3 inbox page, P4 dashboard and contacts list with a search),
// so whatever else the shared machine does weighs on all alike. Each page is reported as a ratio to the floor.
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { verdict, type Ctx, type Figure } from "../lib/context";
import { timedGet } from "../lib/http";
import { buildFloor, FLOOR_DIR, startServer } from "../lib/server";
import { cookieFor } from "../lib/session";
import { median, p95 } from "../lib/stats";
import { SEARCH } from "./pages";

const RATIO_TARGET = 2.0;
const WEIGHT_TARGET_KIB = 100;
/** A contacts search: the seed's contacts carry English and Arabic names; ~1 in 30 matches. */
export const CONTACT_SEARCH = "walker";

interface Target {
  id: "P1" | "P3" | "P4" | "P8";
  name: string;
  path: string;
  /** Who asks: the bench workspace's Owner or inbox Agent, or another tenant's Owner (a user id). */
  as: "owner" | "inboxAgent" | { userId: string };
}

/**
 * P8: the pages of other tenants (npm run bench:seed-tenants): a small, a mid-sized and a large workspace among
 * 20,000, each as its Owner. Empty when the tenants were not seeded.
 */
function tenantTargets(ctx: Ctx): Target[] {
  return (["small", "mid", "large"] as const).flatMap((size): Target[] => {
    const ws = ctx.meta[`tenant_${size}_ws`];
    const owner = ctx.meta[`tenant_${size}_owner`];
    if (!ws || !owner) return [];
    const label = `${size} tenant (${ctx.meta[`tenant_${size}_members`]} members)`;
    const as = { userId: owner };
    return [
      { id: "P8", name: `Users page, ${label}`, path: `/w/${ws}/settings/users`, as },
      { id: "P8", name: `Users page, search "${SEARCH}", ${label}`, path: `/w/${ws}/settings/users?q=${SEARCH}`, as },
      { id: "P8", name: `Inbox page, ${label}`, path: `/w/${ws}/inbox`, as },
      { id: "P8", name: `Contacts list, ${label}`, path: `/w/${ws}/contacts`, as },
    ];
  });
}

function targets(ctx: Ctx): Target[] {
  const w = `/w/${ctx.workspaceId}`;
  return [
    { id: "P1", name: "Users page, Owner, first page", path: `${w}/settings/users`, as: "owner" },
    { id: "P1", name: `Users page, search "${SEARCH}"`, path: `${w}/settings/users?q=${SEARCH}`, as: "owner" },
    { id: "P3", name: "Inbox page, Agent (self and team), ?tab=team", path: `${w}/inbox?tab=team`, as: "inboxAgent" },
    { id: "P4", name: "Dashboard, Owner", path: `${w}/dashboard`, as: "owner" },
    { id: "P4", name: "Contacts list, Owner, first page", path: `${w}/contacts`, as: "owner" },
    {
      id: "P4",
      name: `Contacts list, search "${CONTACT_SEARCH}"`,
      path: `${w}/contacts?q=${CONTACT_SEARCH}`,
      as: "owner",
    },
    ...tenantTargets(ctx),
  ];
}

/** `--only P1` (or P3, P4) selects those pages; the floor is measured with whichever run. */
export async function pagesVsFloor(ctx: Ctx, ids: string[]): Promise<Figure[]> {
  if (!ctx.databaseUrl) throw new Error("the floor reads PostgreSQL: run P1/P3/P4 without --pglite");
  if (!existsSync(path.join(FLOOR_DIR, ".next-floor", "BUILD_ID"))) buildFloor();
  const floor = await startServer(
    ctx.port + 1,
    { DATABASE_URL: ctx.databaseUrl, BENCH_WORKSPACE_ID: ctx.workspaceId, NEXT_TELEMETRY_DISABLED: "1" },
    [],
    { dir: FLOOR_DIR, health: "/" },
  );
  try {
    const cookies = {
      owner: await cookieFor(ctx.bench.db, ctx.secret, ctx.ids.owner),
      inboxAgent: await cookieFor(ctx.bench.db, ctx.secret, ctx.ids.inboxAgent),
    };
    const pages = targets(ctx).filter((p) => ids.includes(p.id));
    const tenantCookies = new Map<string, string>();
    for (const p of pages)
      if (typeof p.as === "object" && !tenantCookies.has(p.as.userId))
        tenantCookies.set(p.as.userId, await cookieFor(ctx.bench.db, ctx.secret, p.as.userId));
    const cookieOf = (as: Target["as"]) => (typeof as === "object" ? tenantCookies.get(as.userId)! : cookies[as]);
    const floorTimes: number[] = [];
    const times = pages.map(() => [] as number[]);
    const runs = Math.max(ctx.runs, 30);
    for (let i = 0; i < runs + 5; i++) {
      const f = await timedGet(`${floor.url}/`, "");
      if (f.status !== 200) throw new Error(`floor: HTTP ${f.status}`);
      if (i >= 5) floorTimes.push(f.totalMs);
      for (const [k, p] of pages.entries()) {
        const r = await timedGet(`${ctx.server!.url}${p.path}`, cookieOf(p.as));
        if (r.status !== 200) throw new Error(`${p.name}: HTTP ${r.status}`);
        if (i >= 5) times[k].push(r.totalMs);
      }
    }
    const floorMedian = median(floorTimes);
    const out: Figure[] = [
      {
        id: ids.join("/"),
        name: "Floor: 50 members from one indexed query, plain table",
        target: "—",
        unit: "ms",
        median: floorMedian,
        p95: p95(floorTimes),
        verdict: "n/a",
        notes: ["bench/floor, production build (webpack), same next/react, interleaved with the app's requests"],
      },
    ];
    if (ids.includes("P8") && !pages.some((p) => p.id === "P8"))
      out.push({
        id: "P8",
        name: "Other tenants' pages",
        target: `≤ ${RATIO_TARGET.toFixed(1)} × floor`,
        unit: "ms",
        median: null,
        p95: null,
        verdict: "n/a",
        notes: ["not measured: the other tenants are not seeded (npm run bench:seed-tenants)"],
      });
    for (const [k, p] of pages.entries()) {
      const m = median(times[k]);
      const ratio = m / floorMedian;
      out.push({
        id: p.id,
        name: p.name,
        target: `≤ ${RATIO_TARGET.toFixed(1)} × floor`,
        unit: "ms",
        median: m,
        p95: p95(times[k]),
        verdict: verdict(ratio <= RATIO_TARGET),
        notes: [`${ratio.toFixed(2)} × the floor's ${floorMedian.toFixed(1)} ms (${times[k].length} interleaved runs)`],
        extra: { ratioToFloor: Number(ratio.toFixed(3)), floorMedianMs: Number(floorMedian.toFixed(2)) },
      });
    }
    if (ids.includes("P1")) {
      // Page weight as the issue counts it: HTML with its flight data, decoded (uncompressed).
      const users = `${ctx.server!.url}${targets(ctx)[0].path}`;
      const page = await timedGet(users, cookies.owner, { encoding: "identity", keepText: true });
      const weight = page.bytes / 1024;
      // BENCH_SAVE_HTML=file: keep the decoded page to see what weighs (bench/README.md, The floor).
      if (process.env.BENCH_SAVE_HTML) writeFileSync(process.env.BENCH_SAVE_HTML, page.text ?? "");
      out.push({
        id: "P1",
        name: "Users page weight (HTML + flight data, decoded)",
        target: `≤ ${WEIGHT_TARGET_KIB} KiB`,
        unit: "KiB",
        median: Number(weight.toFixed(1)),
        p95: null,
        verdict: verdict(weight <= WEIGHT_TARGET_KIB),
        notes: [],
      });
    }
    return out;
  } finally {
    await floor.stop();
  }
}
