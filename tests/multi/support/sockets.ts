import { readFileSync, readdirSync, readlinkSync } from "node:fs";

// Which local process holds the client end of a TCP connection, from /proc (Linux): the
// webhook receiver uses it to tell which app server delivered each event.

function inodesOfPort(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const localPort = parseInt(cols[1].split(":")[1] ?? "", 16);
      if (localPort === port) inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** The pid among `pids` that owns the socket whose local port is `port`, or null. */
export function pidOfLocalPort(port: number, pids: number[]): number | null {
  const inodes = inodesOfPort(port);
  if (inodes.size === 0) return null;
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return pid;
      } catch {
        /* closed meanwhile */
      }
    }
  }
  return null;
}
