import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";

// A real nginx (Debian's package) in front of the app servers, run as the current user from a
// config in a temporary directory (pid, logs and temp files there too): round-robin, no sticky
// sessions, buffering off so Server-Sent Events pass through as they are written.

export const NGINX = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));

/** The essentials the README quotes: one upstream, no affinity, SSE unbuffered, one trusted hop. */
export function nginxConfig(dir: string, listenPort: number, upstreams: number[]): string {
  const asRoot = process.getuid?.() === 0;
  return `# Written by tests/multi/support/nginx.ts
${asRoot ? `user ${userInfo().username};` : ""}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log notice;
events { worker_connections 512; }
http {
  log_format upstream '$remote_addr "$request" $status upstream=$upstream_addr';
  access_log ${dir}/access.log upstream;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;

  upstream switchboard {
    # Round-robin (nginx's default), no ip_hash / sticky cookie: any request may land on any server.
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join("\n")}
  }

  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://switchboard;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      # The app trusts exactly one hop (TRUSTED_PROXY_HOPS=1): this one.
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Server-Sent Events: pass each event on at once, and keep an idle stream open.
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
      # A server that is shutting down refuses connections: try the next one.
      proxy_next_upstream error timeout;
      # Which server answered (the tests prove round-robin with it).
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

export interface StartedNginx {
  pid: number;
  stop(): Promise<void>;
}

export async function startNginx(dir: string, listenPort: number, upstreams: number[]): Promise<StartedNginx> {
  if (!NGINX) throw new Error("nginx is not installed (apt-get install nginx)");
  mkdirSync(join(dir, "tmp"), { recursive: true });
  const conf = join(dir, "nginx.conf");
  writeFileSync(conf, nginxConfig(dir, listenPort, upstreams));
  const check = spawnSync(NGINX, ["-p", dir, "-c", conf, "-t"], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
  const child = spawn(NGINX, ["-p", dir, "-c", conf], { stdio: "ignore", detached: true });
  let exited = false;
  child.once("exit", () => (exited = true));
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid, "SIGQUIT"); // graceful: the master and its worker
    } catch {
      /* gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 3000);
    await gone;
    clearTimeout(timer);
  };
  for (let i = 0; i < 100; i++) {
    if (exited) throw new Error(`nginx exited at start; see ${dir}/error.log`);
    try {
      await fetch(`http://127.0.0.1:${listenPort}/`, { signal: AbortSignal.timeout(1000) });
      return { pid: child.pid!, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stop();
  throw new Error("nginx did not start listening");
}
