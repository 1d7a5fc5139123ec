// Presence and activity (docs/PRODUCT.md, Presence): heartbeats, the offline sweep, NOTIFY once per
// transition, who is online in a workspace, the live stream, and last_active_at at most
// once a minute. Notifications are observed the way another app server would: a LISTEN
// on the database (PGlite in-process, a separate pg connection on PostgreSQL).
import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { revokeMemberAction } from "@/app/w/[workspaceId]/settings/users/actions";
import { POST as heartbeatPOST } from "@/app/api/presence/heartbeat/route";
import { GET as streamGET } from "@/app/api/presence/stream/route";
import { forgetHeartbeat, heartbeat, onlineMemberIds, sweepOffline } from "@/lib/presence/service";
import { setupTestDb } from "@/tests/helpers/db";
import { listenPresence, type PresenceBus } from "@/tests/helpers/presence";
import { addMember, asUser, createUser, createWorkspace } from "@/tests/helpers/request";
import { membership } from "./support";

const t = setupTestDb();

const listen = () => listenPresence(t);

/** Every notification about `userId` committed so far. */
const about = async (bus: PresenceBus, userId: string) => (await bus.upToNow()).filter((e) => e.u === userId);

const presenceRow = (userId: string) =>
  t.db.selectFrom("presence").selectAll().where("user_id", "=", userId).executeTakeFirst();
const lastSeen = (userId: string, secondsAgo: number) =>
  t.db
    .updateTable("presence")
    .set({ last_seen_at: sql<Date>`now() - make_interval(secs => ${secondsAgo})` })
    .where("user_id", "=", userId)
    .execute();
const beat = (workspaceId: string) =>
  heartbeatPOST(
    new Request("http://localhost/api/presence/heartbeat", { method: "POST", body: JSON.stringify({ workspaceId }) }),
  );

afterEach(() => {
  vi.restoreAllMocks();
  forgetHeartbeat();
});

describe("heartbeat", () => {
  it("marks the user online and announces it once per offline→online transition", async () => {
    const ws = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    const bus = await listen();
    try {
      for (let i = 0; i < 3; i++) {
        forgetHeartbeat(agent.id); // past the per-process coalescing: the database decides
        await heartbeat(t.db, agent.id);
      }
      expect(await presenceRow(agent.id)).toMatchObject({ online: true });
      const events = await about(bus, agent.id);
      expect(events).toEqual([expect.objectContaining({ t: "presence", u: agent.id, o: true, ws: [ws.workspaceId] })]);

      // Gone quiet for > 60 s, swept offline (announced once), then back: a second "online".
      await lastSeen(agent.id, 61);
      expect(await sweepOffline(t.db)).toBe(1);
      expect(await sweepOffline(t.db)).toBe(0);
      forgetHeartbeat(agent.id);
      await heartbeat(t.db, agent.id);
      const after = await about(bus, agent.id);
      expect(after.map((e) => e.o)).toEqual([true, false, true]);
    } finally {
      await bus.stop();
    }
  });

  it("through the route: 204, online, and repeated beats within the window write nothing new", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    const bus = await listen();
    try {
      expect((await beat(ws.workspaceId)).status).toBe(204);
      const first = (await presenceRow(ws.ownerId))!;
      expect(first.online).toBe(true);
      expect((await beat(ws.workspaceId)).status).toBe(204);
      expect((await presenceRow(ws.ownerId))!.last_seen_at).toEqual(first.last_seen_at);
      expect(await about(bus, ws.ownerId)).toHaveLength(1);
    } finally {
      await bus.stop();
    }
  });

  it("rejects a malformed body with 400 and writes nothing", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    for (const body of ["", "{}", '{"workspaceId":"nope"}', "[]"]) {
      const res = await heartbeatPOST(new Request("http://localhost/api/presence/heartbeat", { method: "POST", body }));
      expect(res.status).toBe(400);
    }
    expect(await presenceRow(ws.ownerId)).toBeUndefined();
  });
});

describe("sweepOffline", () => {
  it("flips users unseen for 60 s and announces each once; recent ones stay online", async () => {
    const ws = await createWorkspace();
    const stale = await createUser();
    const fresh = await createUser();
    await addMember(ws, stale, "agent");
    await addMember(ws, fresh, "agent");
    await heartbeat(t.db, stale.id);
    await heartbeat(t.db, fresh.id);
    await lastSeen(stale.id, 61);
    await lastSeen(fresh.id, 30);
    const bus = await listen();
    try {
      expect(await sweepOffline(t.db)).toBe(1);
      expect(await sweepOffline(t.db)).toBe(0);
      expect(await presenceRow(stale.id)).toMatchObject({ online: false });
      expect(await presenceRow(fresh.id)).toMatchObject({ online: true });
      expect(await about(bus, stale.id)).toEqual([
        expect.objectContaining({ t: "presence", u: stale.id, o: false, ws: [ws.workspaceId] }),
      ]);
      expect(await about(bus, fresh.id)).toEqual([]);
    } finally {
      await bus.stop();
    }
  });
});

describe("onlineMemberIds", () => {
  it("lists only this workspace's members seen within 60 s", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    const both = await createUser();
    const onlyB = await createUser();
    const staleA = await createUser();
    const offlineA = await createUser();
    await addMember(a, both, "agent");
    await addMember(b, both, "agent");
    await addMember(b, onlyB, "agent");
    await addMember(a, staleA, "agent");
    await addMember(a, offlineA, "agent");
    for (const u of [a.ownerId, b.ownerId, both.id, onlyB.id, staleA.id]) await heartbeat(t.db, u);
    await lastSeen(staleA.id, 90); // not swept yet, but no longer online

    expect((await onlineMemberIds(t.db, a.workspaceId)).sort()).toEqual([a.ownerId, both.id].sort());
    expect((await onlineMemberIds(t.db, b.workspaceId)).sort()).toEqual([b.ownerId, both.id, onlyB.id].sort());
  });
});

describe("last_active_at", () => {
  it("is written by the member's requests at most once a minute", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    expect((await membership(t.db, ws.workspaceId, ws.ownerId))!.last_active_at).toBeNull();
    await beat(ws.workspaceId);
    const first = (await membership(t.db, ws.workspaceId, ws.ownerId))!.last_active_at;
    expect(first).not.toBeNull();

    // At once again: nothing written (the per-process memory answers).
    await beat(ws.workspaceId);
    expect((await membership(t.db, ws.workspaceId, ws.ownerId))!.last_active_at).toEqual(first);

    // The process forgot (another app server, say) but the database says 30 s ago: no write.
    const real = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(real + 61_000);
    await t.db
      .updateTable("workspace_members")
      .set({ last_active_at: sql<Date>`now() - interval '30 seconds'` })
      .where("user_id", "=", ws.ownerId)
      .execute();
    const thirtyAgo = (await membership(t.db, ws.workspaceId, ws.ownerId))!.last_active_at!;
    await beat(ws.workspaceId);
    expect((await membership(t.db, ws.workspaceId, ws.ownerId))!.last_active_at).toEqual(thirtyAgo);

    // Over a minute later for both: it writes again.
    vi.spyOn(Date, "now").mockReturnValue(real + 122_000);
    await t.db
      .updateTable("workspace_members")
      .set({ last_active_at: sql<Date>`now() - interval '2 minutes'` })
      .where("user_id", "=", ws.ownerId)
      .execute();
    await beat(ws.workspaceId);
    const latest = (await membership(t.db, ws.workspaceId, ws.ownerId))!.last_active_at!;
    expect(latest.getTime()).toBeGreaterThan(thirtyAgo.getTime());
  });
});

describe("the presence stream", () => {
  /** Read SSE text until `needle` appears; returns what was read and whether the stream ended. */
  async function readTo(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string, timeoutMs = 5000) {
    const decoder = new TextDecoder();
    let text = "";
    let ended = false;
    const deadline = Date.now() + timeoutMs;
    while (!text.includes(needle) && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const next = await Promise.race([
        reader.read(),
        new Promise<"timeout">((r) => {
          timer = setTimeout(() => r("timeout"), Math.max(1, deadline - Date.now()));
        }),
      ]);
      clearTimeout(timer);
      if (next === "timeout") break;
      if (next.done) {
        ended = true;
        break;
      }
      text += decoder.decode(next.value, { stream: true });
    }
    return { text, ended };
  }

  it("pushes other members' presence changes live, and only this workspace's", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    await asUser(ws.ownerId);
    const res = await streamGET(new Request(`http://localhost/api/presence/stream?workspaceId=${ws.workspaceId}`));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    try {
      const first = await readTo(reader, "event: snapshot");
      expect(first.text).toContain(`"online":["${ws.ownerId}"]`);
      await heartbeat(t.db, other.ownerId); // another workspace: not pushed here
      await heartbeat(t.db, agent.id);
      const next = await readTo(reader, agent.id);
      expect(next.text).toContain(`event: presence\ndata: {"userId":"${agent.id}","online":true`);
      expect(next.text).not.toContain(other.ownerId);
    } finally {
      await reader.cancel();
    }
  });

  it("closes at once for the user whose access is revoked", async () => {
    const ws = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    await asUser(agent);
    const res = await streamGET(new Request(`http://localhost/api/presence/stream?workspaceId=${ws.workspaceId}`));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    try {
      await readTo(reader, "event: snapshot");
      await asUser(ws.ownerId);
      expect((await revokeMemberAction(ws.workspaceId, { userId: agent.id })).ok).toBe(true);
      const { text } = await readTo(reader, "event: revoked");
      expect(text).toContain("event: revoked");
      const end = await readTo(reader, "never", 2000);
      expect(end.ended, "the stream ends after the revocation").toBe(true);
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  });
});
