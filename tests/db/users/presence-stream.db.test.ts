// The presence stream's life cycle (app/api/presence/stream/route.ts): every connection starts
// with a snapshot, so a change made while a client was away is there when it comes back; the
// stream ends itself before the route's maxDuration with a `retry:`; a shutting-down server ends
// every open stream with a reconnect hint and answers new ones with that hint alone.
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as streamGET, maxDuration } from "@/app/api/presence/stream/route";
import { forgetHeartbeat, heartbeat } from "@/lib/presence/service";
import { endAllStreams, resetStreams, streamLifetimeMs } from "@/lib/presence/streams";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace } from "@/tests/helpers/request";

const t = setupTestDb();

afterEach(() => {
  vi.unstubAllEnvs();
  resetStreams();
  forgetHeartbeat();
});

/** Read SSE text until `needle` appears or the stream ends. */
async function readTo(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string | null, timeoutMs = 5000) {
  const decoder = new TextDecoder();
  let text = "";
  let ended = false;
  const deadline = Date.now() + timeoutMs;
  while ((needle === null || !text.includes(needle)) && Date.now() < deadline) {
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

const open = async (workspaceId: string) => {
  const res = await streamGET(new Request(`http://localhost/api/presence/stream?workspaceId=${workspaceId}`));
  expect(res.status).toBe(200);
  return res.body!.getReader();
};

const snapshotOf = (text: string) =>
  (JSON.parse(/event: snapshot\ndata: (.*)\n/.exec(text)![1]) as { online: string[] }).online;

async function workspaceWithAgent() {
  const ws = await createWorkspace();
  const agent = await createUser();
  await addMember(ws, agent, "agent");
  await asUser(ws.ownerId);
  return { ws, agent };
}

describe("the presence stream across reconnects", () => {
  it("a change made while the client was disconnected is in the snapshot it gets on reconnect", async () => {
    const { ws, agent } = await workspaceWithAgent();
    const first = await open(ws.workspaceId);
    const before = await readTo(first, "event: snapshot");
    expect(snapshotOf(before.text)).toEqual([ws.ownerId]);
    await first.cancel(); // disconnected

    await heartbeat(t.db, agent.id); // happens while nobody listens on this client's behalf

    const again = await open(ws.workspaceId);
    try {
      const after = await readTo(again, "event: snapshot");
      expect(after.text.indexOf("retry: ")).toBeLessThan(after.text.indexOf("event: snapshot"));
      expect(snapshotOf(after.text).sort()).toEqual([ws.ownerId, agent.id].sort());
    } finally {
      await again.cancel();
    }
  });

  it("ends itself before maxDuration with `retry: 0` (the client reconnects at once)", async () => {
    expect(maxDuration).toBe(300);
    vi.stubEnv("PRESENCE_STREAM_MAX_SECONDS", "1");
    const { ws } = await workspaceWithAgent();
    const reader = await open(ws.workspaceId);
    const t0 = Date.now();
    const { text, ended } = await readTo(reader, null, 4000);
    expect(ended).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(text).toContain("event: snapshot");
    expect(text.endsWith("retry: 0\n\n")).toBe(true);
  });

  it("a lifetime asked beyond maxDuration is capped 15 s below it", () => {
    vi.stubEnv("PRESENCE_STREAM_MAX_SECONDS", "100000");
    expect(streamLifetimeMs(maxDuration)).toBe((maxDuration - 15) * 1000);
    vi.stubEnv("PRESENCE_STREAM_MAX_SECONDS", "");
    expect(streamLifetimeMs(maxDuration)).toBe(285_000);
  });

  it("a shutdown ends every open stream with a reconnect hint, and a new stream gets only that hint", async () => {
    const { ws, agent } = await workspaceWithAgent();
    const owner = await open(ws.workspaceId);
    await asUser(agent);
    const other = await open(ws.workspaceId);
    await readTo(owner, "event: snapshot");
    await readTo(other, "event: snapshot");

    expect(endAllStreams()).toBe(2);
    for (const reader of [owner, other]) {
      const { text, ended } = await readTo(reader, null, 2000);
      expect(ended).toBe(true);
      const hint = /retry: (\d+)\n\n$/.exec(text);
      expect(hint, text).not.toBeNull();
      expect(Number(hint![1])).toBeGreaterThanOrEqual(500);
      expect(Number(hint![1])).toBeLessThan(1500);
    }

    const late = await open(ws.workspaceId);
    const { text, ended } = await readTo(late, null, 2000);
    expect(ended).toBe(true);
    expect(text).toMatch(/^retry: \d+\n\n$/);
    expect(endAllStreams()).toBe(0);
  });
});
