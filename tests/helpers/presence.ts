// Presence notifications as another app server sees them: LISTEN on the test database
// (PGlite in-process, or a separate pg connection on PostgreSQL). Not a test file.
import { PRESENCE_CHANNEL } from "@/lib/presence/activity";
import type { TestDb } from "./db";

export interface Announced {
  t: string;
  u: string;
  o?: boolean;
  at?: string;
  ws: string[];
}

/** Every presence notification until stop(). */
export async function listenPresence(t: TestDb): Promise<{ events: Announced[]; stop: () => Promise<void> }> {
  const events: Announced[] = [];
  const push = (payload: string) => events.push(JSON.parse(payload) as Announced);
  if (t.handle.pglite) {
    const unlisten = await t.handle.pglite.listen(PRESENCE_CHANNEL, push);
    return { events, stop: () => unlisten() };
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
  return { events, stop: () => client.end() };
}
