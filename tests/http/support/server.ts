import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

// `next build` (only when the dist dir has no BUILD_ID) and `next start` for the HTTP suite.

const NEXT_BIN = "node_modules/next/dist/bin/next";

/** The env a `next` child gets: nothing about databases or mail leaks in from the shell. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    "DATABASE_URL",
    "POSTGRES_URL",
    "SMTP_URL",
    "MAIL_OUTBOX",
    "DEMO_SEED",
    "PGLITE_DIR",
    "APP_URL",
    "NODE_ENV",
  ])
    delete env[key];
  return { ...env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Build into `distDir` unless it already holds a build; warn when sources are newer. */
export function ensureBuild(root: string, distDir: string): void {
  const buildId = join(root, distDir, "BUILD_ID");
  if (existsSync(buildId)) {
    const builtAt = statSync(buildId).mtimeMs;
    const newest = Math.max(newestSource(join(root, "app")), newestSource(join(root, "lib")));
    if (newest > builtAt) {
      console.warn(
        `[http] WARNING: ${distDir}/BUILD_ID is older than the newest file in app/ or lib/; the suite tests that older build. ` +
          `Rebuild with: NEXT_DIST_DIR=${distDir} npx next build`,
      );
    }
    return;
  }
  console.log(`[http] no ${distDir}/BUILD_ID: building (NEXT_DIST_DIR=${distDir} next build)…`);
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: root,
    env: childEnv({ NEXT_DIST_DIR: distDir }),
    stdio: "inherit",
    timeout: 900_000,
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

export interface StartedServer {
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(opts: {
  root: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
}): Promise<StartedServer> {
  mkdirSync(join(opts.logFile, ".."), { recursive: true });
  const log = createWriteStream(opts.logFile);
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(opts.port)], {
    cwd: opts.root,
    env: childEnv(opts.env),
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so teardown can stop next and whatever it spawned, by id.
    detached: true,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  child.once("exit", () => (exited = true));

  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 5_000);
    await gone;
    clearTimeout(timer);
    log.end();
  };

  const deadline = Date.now() + 180_000;
  const health = `http://localhost:${opts.port}/api/health`;
  for (;;) {
    if (exited) throw new Error(`next start exited early; see ${opts.logFile}`);
    try {
      const res = await fetch(health, { signal: AbortSignal.timeout(10_000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer ${health} within 180 s; see ${opts.logFile}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { child, stop };
}
