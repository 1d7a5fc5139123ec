import { getDb } from "@/db";
import { memberOrResponse } from "@/lib/access/guard";
import { loadMember } from "@/lib/access/member";
import { subscribe, type PresenceEvent } from "@/lib/presence/bus";
import { heartbeat, onlineMemberIds } from "@/lib/presence/service";
import { onlineAwayIds } from "@/lib/presence/availability";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const KEEPALIVE_MS = 20_000;

/**
 * Server-Sent Events of presence and availability changes in one workspace (the snapshot
 * lists who is online and which of them are away). The stream itself counts as
 * "app open": every keepalive marks the member seen and re-reads the membership, and a
 * revocation closes the stream at once.
 */
export async function GET(req: Request) {
  const workspaceId = new URL(req.url).searchParams.get("workspaceId") ?? "";
  const member = await memberOrResponse(workspaceId, []);
  if (member instanceof Response) return member;
  const db = await getDb();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  let cancelled = false;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (event: string, data: unknown) => {
        if (!closed) controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      const onEvent = (e: PresenceEvent) => {
        if (!e.ws.includes(workspaceId)) return;
        if (e.t === "revoked") {
          if (e.u === member.userId) {
            send("revoked", {});
            close();
          } else send("presence", { userId: e.u, online: false, removed: true });
          return;
        }
        if (e.t === "away") return send("away", { userId: e.u, away: e.a });
        send("presence", { userId: e.u, online: e.o, at: e.at });
      };
      const unsubscribe = await subscribe(onEvent);
      const timer = setInterval(async () => {
        try {
          if (!(await loadMember(db, workspaceId, member.userId))) {
            send("revoked", {});
            return close();
          }
          await heartbeat(db, member.userId);
          if (!closed) controller.enqueue(encoder.encode(": keepalive\n\n"));
        } catch {
          close();
        }
      }, KEEPALIVE_MS);
      cleanup = () => {
        clearInterval(timer);
        unsubscribe();
      };
      req.signal.addEventListener("abort", close);
      // The client may have gone while we were subscribing.
      if (cancelled || req.signal.aborted) return close();
      controller.enqueue(encoder.encode("retry: 5000\n\n"));
      await heartbeat(db, member.userId).catch(() => undefined);
      const [online, away] = await Promise.all([onlineMemberIds(db, workspaceId), onlineAwayIds(db, workspaceId)]);
      send("snapshot", { online, away });
    },
    cancel() {
      cancelled = true;
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
