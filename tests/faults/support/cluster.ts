import { execFile, execFileSync, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A PostgreSQL server of the test's own (initdb in a temporary directory, its own port), so the
// fault tier can restart and stop it under traffic without touching the machine's server that
// every other tier uses. Debian's binaries; run as the `postgres` user when we are root
// (PostgreSQL refuses to run as root).

export interface Cluster {
  port: number;
  url(database?: string): string;
  /** Fast shutdown (every session is ended) and start again; resolves when it accepts connections. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): void;
  log(): string;
}

const execFileAsync = promisify(execFile);

/** Debian's newest PostgreSQL binaries, or null. */
export function postgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(a) - Number(b));
  for (const v of versions.reverse()) if (existsSync(join(root, v, "bin/initdb"))) return join(root, v, "bin");
  return null;
}

export function startCluster(port: number): Cluster {
  const bin = postgresBin();
  if (!bin) throw new Error("no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)");
  const dir = mkdtempSync(join(tmpdir(), "sb-faults-pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const ids = execFileSync("id", ["-u", "postgres"]).toString().trim();
    const gid = execFileSync("id", ["-g", "postgres"]).toString().trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  const run = (tool: string, args: string[]) => {
    const cmd = asRoot ? "runuser" : join(bin, tool);
    const full = asRoot ? ["-u", "postgres", "--", join(bin, tool), ...args] : args;
    const r = spawnSync(cmd, full, { encoding: "utf8", timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed: ${r.stderr || r.stdout}`);
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  // Asynchronous, so the test's own traffic keeps flowing while the server stops and starts.
  const pgCtl = async (...args: string[]) => {
    const tool = join(bin, "pg_ctl");
    const full = ["-D", data, "-w", "-t", "30", ...args];
    await execFileAsync(asRoot ? "runuser" : tool, asRoot ? ["-u", "postgres", "--", tool, ...full] : full, {
      timeout: 60_000,
    });
  };
  // Always with -l: a postmaster writing to our stdout would keep the pipe (and pg_ctl) open.
  const start = () => pgCtl("-o", options, "-l", join(dir, "server.log"), "start");
  try {
    run("pg_ctl", ["-D", data, "-w", "-t", "30", "-o", options, "-l", join(dir, "server.log"), "start"]);
  } catch (error) {
    const log = existsSync(join(dir, "server.log")) ? execFileSync("tail", ["-n", "20", join(dir, "server.log")]) : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: async () => {
      await pgCtl("-m", "fast", "stop");
      await start();
    },
    stop: () => pgCtl("-m", "fast", "stop"),
    start,
    destroy: () => {
      try {
        run("pg_ctl", ["-D", data, "-w", "-m", "immediate", "stop"]);
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => {
      try {
        return execFileSync("tail", ["-n", "40", join(dir, "server.log")]).toString();
      } catch {
        return "";
      }
    },
  };
}
