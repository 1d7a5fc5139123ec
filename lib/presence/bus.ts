import "server-only";
import { getDbHandle } from "@/db/connect";
import { PRESENCE_CHANNEL } from "./service";

export type PresenceEvent =
  | { t: "presence"; u: string; o: boolean; at: string; ws: string[] }
  | { t: "revoked"; u: string; ws: string[] }
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
      console.error("[presence] listener failed", error);
    }
  }
}

/**
 * One LISTEN per process, fanned out to every open stream. PGlite notifies in-process;
 * pg (and Neon's pg-compatible client for POSTGRES_URL) across processes, so several app
 * servers agree. Stale users are swept offline by the presence job (lib/jobs/registry.ts).
 */
async function start(bus: Bus): Promise<void> {
  const handle = await getDbHandle();
  if (handle.pglite) {
    await handle.pglite.listen(PRESENCE_CHANNEL, (payload) => dispatch(bus, payload));
  } else {
    const connect = async (): Promise<void> => {
      const connectionString = (handle.config as { connectionString: string }).connectionString;
      const pg = await import("pg");
      const client: ListenClient =
        handle.config.kind === "vercel"
          ? (new (await import("@neondatabase/serverless")).Client({ connectionString }) as unknown as ListenClient)
          : (new (pg.default?.Client ?? pg.Client)({ connectionString }) as unknown as ListenClient);
      const retry = () => {
        client.removeAllListeners();
        client.end().catch(() => undefined);
        setTimeout(() => connect().catch((e) => console.error("[presence] reconnect failed", e)), 1000).unref?.();
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
}

export async function subscribe(listener: Listener): Promise<() => void> {
  if (!globalForBus.__switchboardPresenceBus) {
    const bus: Bus = { listeners: new Set(), ready: Promise.resolve() };
    bus.ready = start(bus).catch((error) => {
      globalForBus.__switchboardPresenceBus = undefined;
      throw error;
    });
    globalForBus.__switchboardPresenceBus = bus;
  }
  const bus = globalForBus.__switchboardPresenceBus;
  await bus.ready;
  bus.listeners.add(listener);
  return () => bus.listeners.delete(listener);
}
