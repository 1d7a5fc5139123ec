// Build and run the production server under test (`next build` / `next start`), and read
// its memory from /proc (RSS of the whole process tree: `next start` may fork workers).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
export const DIST_DIR = process.env.BENCH_DIST_DIR || ".next-bench";

/**
 * A production build without the type check (`--experimental-build-mode compile`, then
 * `generate`): the bench measures run time, and a type error in someone's unfinished test
 * file must not stop it. Type checking is CI's job (`npm run typecheck`).
 */
export function build(env: Record<string, string>): void {
  console.log(`[bench] next build → ${DIST_DIR} (production build; --no-build reuses the last one)`);
  const t = Date.now();
  for (const mode of ["compile", "generate"]) {
    const r = spawnSync(process.execPath, [NEXT_BIN, "build", "--experimental-build-mode", mode], {
      cwd: ROOT,
      env: { ...process.env, ...env, NEXT_DIST_DIR: DIST_DIR },
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
    if (r.status !== 0) {
      console.error(r.stdout.slice(-4000), r.stderr.slice(-4000));
      throw new Error(`next build (${mode}) failed`);
    }
  }
  console.log(`[bench] built in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

export const FLOOR_DIR = path.join(ROOT, "bench", "floor");

/**
 * The floor's production build (bench/floor/.next-floor). webpack, not Turbopack: Turbopack takes the repository
 * (the lockfile's folder) as the project root and bundles the app's middleware.ts and instrumentation.ts into the
 * floor, which would then not be the floor.
 */
export function buildFloor(): void {
  const r = spawnSync(process.execPath, [NEXT_BIN, "build", "--webpack"], {
    cwd: FLOOR_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (r.status !== 0) {
    console.error(r.stdout.slice(-4000), r.stderr.slice(-4000));
    throw new Error("next build of the floor failed");
  }
}

export function hasBuild(): boolean {
  return existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"));
}

export interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
  /** Resident set size of the server's process tree, in bytes. */
  rss(): number;
  log(): string;
}

/**
 * `next start` of the app's bench build; `app` names another Next.js app directory (the floor: bench/floor), with
 * its own build and `/` as the page that says it is up.
 */
export async function startServer(
  port: number,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  app?: { dir: string; health: string },
): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, NEXT_BIN, "start", "-p", String(port)], {
    cwd: app?.dir ?? ROOT,
    // The floor names its own build directory (bench/floor/next.config.mjs).
    env: {
      ...process.env,
      ...env,
      ...(app ? {} : { NEXT_DIST_DIR: DIST_DIR }),
      NODE_ENV: "production",
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${url}${app?.health ?? "/api/health"}`);
      await r.arrayBuffer();
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    log: () => output,
    rss: () => treeRss(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return out;
}

export function treeRss(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      continue;
    }
    stack.push(...childrenOf(p));
  }
  return total;
}

/** Sample RSS every `everyMs` until stopped; returns the peak (bytes). */
export function rssSampler(server: Server, everyMs = 20) {
  let peak = server.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, server.rss());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, server.rss());
      return peak;
    },
  };
}
