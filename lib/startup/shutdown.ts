import http from "node:http";
import { shutdownGraceMs } from "@/lib/env";
import { scoped } from "@/lib/log";

// Graceful shutdown of `next start` on SIGTERM / SIGINT (a deploy, a scale-in, Ctrl-C):
//   1. stop accepting connections (the load balancer sends new ones to another server);
//   2. end every presence stream with an SSE `retry:` hint (browsers reconnect elsewhere and re-sync);
//   3. let in-flight requests finish, for SHUTDOWN_GRACE_MS at most (default 10 s), then cut what is left;
//   4. run the shutdown hooks: the presence bus's LISTEN client, background loops, the database pools;
//   5. exit 0 (1 if the hooks themselves hang).
// Next's own handler (server.close, then exit 143) is replaced: it would wait for the streams
// forever, and it cannot close our pools after the last request. Its only other work,
// awaiting `after()` callbacks, is not used by this app.

type Hook = { name: string; run: () => Promise<unknown>; last: boolean };

interface State {
  servers: Set<http.Server>;
  /** Work started outside a request (a delivery kicked after a commit), awaited before the hooks. */
  background: Set<Promise<unknown>>;
  hooks: Hook[];
  started: boolean;
  installed: boolean;
}

const globalForShutdown = globalThis as unknown as { __switchboardShutdown?: State };

function state(): State {
  globalForShutdown.__switchboardShutdown ??= {
    servers: new Set(),
    background: new Set(),
    hooks: [],
    started: false,
    installed: false,
  };
  return globalForShutdown.__switchboardShutdown;
}

/**
 * Work to do after the last request and before exit, in registration order; `last` ones (the
 * database pools) after all others. Registering the same name again replaces the hook.
 */
export function onShutdown(name: string, run: () => Promise<unknown>, opts: { last?: boolean } = {}): void {
  const hooks = state().hooks.filter((h) => h.name !== name);
  hooks.push({ name, run, last: Boolean(opts.last) });
  state().hooks = hooks;
}

/** Let a shutdown wait for this fire-and-forget work before it closes the pool (kickMail, kickWebhooks). */
export function inBackground(work: Promise<unknown>): void {
  const { background } = state();
  const tracked = work.catch(() => undefined);
  background.add(tracked);
  void tracked.finally(() => background.delete(tracked));
}

/**
 * Record the HTTP server(s) `next start` created: every connection passes through
 * `emit("connection")`. A server that never had a connection has nothing to drain.
 */
function trackServers(s: State): void {
  const proto = http.Server.prototype as http.Server & { __switchboardTracked?: boolean };
  if (proto.__switchboardTracked) return;
  proto.__switchboardTracked = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "connection" || event === "request") s.servers.add(this);
    return (emit as (...a: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof proto.emit;
}

const log = (message: string) => scoped("shutdown").info(message);

/** Close a server: no new connections; idle keep-alive ones closed as soon as they are idle. */
function drain(server: http.Server, deadline: number): Promise<"drained" | "cut"> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve("drained");
    const poll = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(
      () => {
        clearInterval(poll);
        server.closeAllConnections();
        resolve("cut");
      },
      Math.max(0, deadline - Date.now()),
    );
    server.close(() => {
      clearInterval(poll);
      clearTimeout(cut);
      resolve("drained");
    });
    server.closeIdleConnections();
  });
}

export async function shutdown(signal: string, exit: (code: number) => void = process.exit): Promise<void> {
  const s = state();
  if (s.started) return;
  s.started = true;
  const t0 = Date.now();
  const grace = shutdownGraceMs();
  log(`${signal}: draining (in-flight requests get up to ${grace} ms)`);
  const { endAllStreams } = await import("@/lib/presence/streams");
  const servers = [...s.servers];
  // Stop accepting first, so no new stream opens on this server after the others are ended.
  const drained = Promise.all(servers.map((server) => drain(server, t0 + grace)));
  const streams = endAllStreams();
  const outcomes = await drained;
  const cut = outcomes.filter((o) => o === "cut").length;
  log(
    `${streams} presence stream(s) ended; requests ${cut ? `cut after ${grace} ms on ${cut} server(s)` : "all finished"} (${Date.now() - t0} ms)`,
  );
  const hard = setTimeout(() => {
    log("shutdown hooks did not finish within 5 s: exiting 1");
    exit(1);
  }, 5000);
  hard.unref?.();
  // Deliveries kicked by the last requests go out before the pool closes.
  await Promise.all([...s.background]);
  const hooks = [...s.hooks.filter((h) => !h.last), ...s.hooks.filter((h) => h.last)];
  for (const hook of hooks) {
    try {
      await hook.run();
    } catch (error) {
      scoped("shutdown").error({ err: error, hook: hook.name }, "shutdown hook failed");
    }
  }
  clearTimeout(hard);
  log(`closed ${hooks.map((h) => h.name).join(", ") || "nothing"}; exiting 0 after ${Date.now() - t0} ms`);
  exit(0);
}

/** Tests: forget servers, hooks and that a shutdown ran (the prototype patch stays). */
export function resetShutdownState(): void {
  const s = state();
  s.servers.clear();
  s.background.clear();
  s.hooks = [];
  s.started = false;
}

/** Record the servers that get connections from now on (installGracefulShutdown does it too). */
export function trackHttpServers(): void {
  trackServers(state());
}

/** Called once from instrumentation.ts on the Node runtime of `next start`. */
export function installGracefulShutdown(): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  trackServers(s);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    // Next's handler (see above) is replaced, not joined: two handlers would race to exit.
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
  // The presence bus registers its own hook when it starts (lib/presence/bus.ts): it is server-only.
  onShutdown(
    "database pool",
    async () => {
      const { getDbHandle } = await import("@/db/connect");
      await (await getDbHandle()).close();
    },
    { last: true },
  );
}
