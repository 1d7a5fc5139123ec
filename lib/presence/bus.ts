import "server-only";
import { getDbHandle, type DbHandle } from "@/db/connect";
import { onShutdown } from "@/lib/startup/shutdown";
import { PRESENCE_CHANNEL } from "./service";
import { scoped } from "@/lib/log";

const log = scoped("presence");

export type PresenceEvent =
  | { t: "presence"; u: string; o: boolean; at: string; ws: string[] }
  | { t: "revoked"; u: string; ws: string[] }
  // These sessions (user_sessions ids) of this user ended (lib/services/sessions.ts); `ws` is empty.
  | { t: "session_ended"; u: string; s: string[]; ws: string[] }
  // Away in these workspaces, or available again (lib/presence/availability.ts).
  | { t: "away"; u: string; a: boolean; ws: string[] };

type Listener = (event: PresenceEvent) => void;

interface ListenClient {
  connect(): Promise<unknown>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: "error", cb: (e: Error) => void): void;
  on(event: "notification", cb: (msg: { channel: string; payload?: string }) => void): void;
  removeAllListeners(): void;
}

interface Bus {
  listeners: Set<Listener>;
  ready: Promise<void>;
  /** Set once closeBus() is called: no reconnect. */
  closed: boolean;
  /** Stops the LISTEN (client or PGlite). */
  stop: () => Promise<void>;
}

const globalForBus = globalThis as unknown as { __switchboardPresenceBus?: Bus };

function dispatch(bus: Bus, payload: string): void {
  let event: PresenceEvent;
  try {
    event = JSON.parse(payload);
  } catch {
    return;
  }
  for (const listener of bus.listeners) {
    try {
      listener(event);
    } catch (error) {
      log.error({ err: error }, "listener failed");
    }
  }
}

/**
 * Where LISTEN connects. A pooled endpoint (POSTGRES_URL on Vercel, Neon's `-pooler` host,
 * PgBouncer in transaction mode) accepts the statement but never delivers a notification, so
 * the bus uses the direct URL when one is configured: POSTGRES_URL_NON_POOLING with
 * @vercel/postgres, DATABASE_URL_UNPOOLED with DATABASE_URL (docs/ARCHITECTURE.md, known trap 8).
 */
export function listenUrl(config: DbHandle["config"]): string | undefined {
  if (config.kind === "pglite") return undefined;
  return config.listenConnectionString ?? config.connectionString;
}

/** Likely to LISTEN on a pooler: @vercel/postgres, or a Neon `-pooler` host, with no direct URL. */
function listensOnPooler(config: DbHandle["config"]): boolean {
  if (config.kind === "pglite" || config.listenConnectionString) return false;
  return config.kind === "vercel" || /-pooler[.]/.test(config.connectionString);
}

async function listenClient(config: DbHandle["config"], connectionString: string): Promise<ListenClient> {
  if (config.kind === "vercel") {
    const { Client } = await import("@neondatabase/serverless");
    return new Client({ connectionString }) as unknown as ListenClient;
  }
  const pg = await import("pg");
  return new (pg.default?.Client ?? pg.Client)({ connectionString }) as unknown as ListenClient;
}

/**
 * One LISTEN per process, fanned out to every open stream. PGlite notifies in-process;
 * pg (and Neon's pg-compatible client for POSTGRES_URL) across processes, so several app
 * servers agree. Stale users are swept offline by the presence job (lib/jobs/registry.ts).
 */
async function start(bus: Bus): Promise<void> {
  onShutdown("presence bus", closeBus);
  const handle = await getDbHandle();
  const stops: (() => Promise<void>)[] = [];
  bus.stop = async () => {
    await Promise.all(stops.map((s) => s().catch(() => undefined)));
  };
  if (handle.pglite) {
    const unlisten = await handle.pglite.listen(PRESENCE_CHANNEL, (payload) => dispatch(bus, payload));
    stops.push(() => unlisten());
    return;
  }
  if (listensOnPooler(handle.config)) {
    log.warn(
      "LISTEN goes to a pooled database URL, where notifications may never arrive (presence would not cross servers): set POSTGRES_URL_NON_POOLING (with POSTGRES_URL) or DATABASE_URL_UNPOOLED (with DATABASE_URL).",
    );
  }
  const url = listenUrl(handle.config)!;
  let current: ListenClient | undefined;
  stops.push(async () => {
    const client = current;
    current = undefined;
    client?.removeAllListeners();
    await client?.end();
  });
  const connect = async (): Promise<void> => {
    if (bus.closed) return;
    const client = await listenClient(handle.config, url);
    current = client;
    const retry = () => {
      client.removeAllListeners();
      client.end().catch(() => undefined);
      if (current === client) current = undefined;
      if (bus.closed) return;
      setTimeout(() => connect().catch((err) => log.error({ err }, "reconnect failed")), 1000).unref?.();
    };
    client.on("error", retry);
    client.on("notification", (msg: { channel: string; payload?: string }) => {
      if (msg.channel === PRESENCE_CHANNEL && msg.payload) dispatch(bus, msg.payload);
    });
    await client.connect();
    await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
  };
  await connect();
}

export async function subscribe(listener: Listener): Promise<() => void> {
  if (!globalForBus.__switchboardPresenceBus) {
    const bus: Bus = { listeners: new Set(), ready: Promise.resolve(), closed: false, stop: async () => undefined };
    bus.ready = start(bus).catch(async (error) => {
      await bus.stop();
      if (globalForBus.__switchboardPresenceBus === bus) globalForBus.__switchboardPresenceBus = undefined;
      throw error;
    });
    globalForBus.__switchboardPresenceBus = bus;
  }
  const bus = globalForBus.__switchboardPresenceBus;
  await bus.ready;
  bus.listeners.add(listener);
  return () => bus.listeners.delete(listener);
}

/** Close the LISTEN connection (graceful shutdown, tests). A later subscribe starts a new bus. */
export async function closeBus(): Promise<void> {
  const bus = globalForBus.__switchboardPresenceBus;
  if (!bus) return;
  globalForBus.__switchboardPresenceBus = undefined;
  bus.closed = true;
  bus.listeners.clear();
  await bus.ready.catch(() => undefined);
  await bus.stop();
}
