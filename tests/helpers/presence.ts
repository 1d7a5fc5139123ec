// Presence notifications as another app server sees them: LISTEN on the test database
// (PGlite in-process, or a separate pg connection on PostgreSQL). Not a test file.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { PRESENCE_CHANNEL } from "@/lib/presence/activity";
import type { TestDb } from "./db";

export interface Announced {
  t: string;
  u: string;
  o?: boolean;
  at?: string;
  ws: string[];
}

export interface PresenceBus {
  events: Announced[];
  /**
   * Every notification committed before this call. A marker is notified after them and
   * awaited: a channel's notifications arrive in commit order, so none is still on its way.
   */
  upToNow: () => Promise<Announced[]>;
  stop: () => Promise<void>;
}

/** Every presence notification until stop(). */
export async function listenPresence(t: TestDb): Promise<PresenceBus> {
  const events: Announced[] = [];
  const markers = new Map<string, () => void>();
  const push = (payload: string) => {
    const event = JSON.parse(payload) as Announced;
    if (event.t === "test-marker") markers.get(event.u)?.();
    else events.push(event);
  };
  const upToNow = async () => {
    const id = randomUUID();
    const arrived = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the marker notification never arrived")), 5000);
      markers.set(id, () => (clearTimeout(timer), resolve()));
    });
    const marker = JSON.stringify({ t: "test-marker", u: id, ws: [] });
    await sql`SELECT pg_notify(${PRESENCE_CHANNEL}, ${marker})`.execute(t.db);
    await arrived;
    markers.delete(id);
    return [...events];
  };
  if (t.handle.pglite) {
    const unlisten = await t.handle.pglite.listen(PRESENCE_CHANNEL, push);
    return { events, upToNow, stop: () => unlisten() };
  }
  const pg = await import("pg");
  const client = new (pg.default?.Client ?? pg.Client)({
    connectionString: (t.config as { connectionString: string }).connectionString,
  });
  await client.connect();
  client.on("notification", (msg) => {
    if (msg.channel === PRESENCE_CHANNEL && msg.payload) push(msg.payload);
  });
  await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
  return { events, upToNow, stop: () => client.end() };
}
