import { getDb } from "@/db";
import { memberOrResponse } from "@/lib/access/guard";
import { getSessionToken } from "@/lib/auth/session";
import { loadMember } from "@/lib/access/member";
import { ipAllowed } from "@/lib/net/allowlist";
import { clientIp } from "@/lib/request-ip";
import { subscribe, type PresenceEvent } from "@/lib/presence/bus";
import { heartbeat, onlineMemberIds } from "@/lib/presence/service";
import { onlineAwayIds } from "@/lib/presence/availability";
import { reconnectHintMs, streamLifetimeMs, streamsDraining, trackStream } from "@/lib/presence/streams";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
/** Serverless hosts (Vercel) end a function at maxDuration; the stream ends itself before that. */
export const maxDuration = 300;

const KEEPALIVE_MS = 20_000;
const RETRY_MS = 5000;

const sse = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

/**
 * Server-Sent Events of presence and availability changes in one workspace (the snapshot
 * lists who is online and which of them are away). The stream itself counts as
 * "app open": every keepalive marks the member seen and re-reads the membership and the
 * session, and a revocation or the end of the session (announced on the bus by whichever
 * server ended it) closes the stream at once.
 *
 * Every connection starts with a snapshot of who is online, so a client that reconnects
 * (after the stream's own end at its lifetime, a server shutting down, a network drop)
 * re-syncs and loses nothing that happened while it was away. Events that arrive while the
 * snapshot is being read are held and sent after it, never before it (the snapshot would
 * otherwise overwrite them with an older state).
 */
export async function GET(req: Request) {
  const workspaceId = new URL(req.url).searchParams.get("workspaceId") ?? "";
  const member = await memberOrResponse(workspaceId, []);
  if (member instanceof Response) return member;
  const sid = (await getSessionToken())?.sid;
  const ip = clientIp(req.headers);
  if (!sid || !member.sessionId) return new Response("Unauthorized", { status: 401 });
  const sessionId = member.sessionId;
  const encoder = new TextEncoder();
  if (streamsDraining()) {
    // This server is shutting down: come back (through the load balancer) to another one.
    return new Response(encoder.encode(`retry: ${reconnectHintMs()}\n\n`), { headers: sse });
  }
  const db = await getDb();
  const lifetimeMs = streamLifetimeMs(maxDuration);
  let cleanup = () => {};
  let cancelled = false;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
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
      /** End with a reconnect delay: the client comes back and re-syncs. */
      const endWithRetry = (retryMs: number) => {
        write(`retry: ${retryMs}\n\n`);
        close();
      };
      // Until the snapshot is sent, events wait here.
      let held: PresenceEvent[] | null = [];
      const onEvent = (e: PresenceEvent) => {
        if (e.t === "session_ended") {
          // Signed out: the page's next request goes to sign-in.
          if (e.u === member.userId && e.s.includes(sessionId)) {
            send("revoked", {});
            close();
          }
          return;
        }
        if (!e.ws.includes(workspaceId)) return;
        if (held) return void held.push(e);
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
      const untrack = trackStream(endWithRetry);
      const timer = setInterval(async () => {
        try {
          // Ended session, revoked member, an allow-list the stream's address is now outside of,
          // or a two-step requirement the user does not meet.
          const current = await loadMember(db, workspaceId, member.userId, { sid });
          if (!current || !ipAllowed(current.ipAllowlist, ip) || current.needsFactor) {
            send("revoked", {});
            return close();
          }
          await heartbeat(db, member.userId);
          write(": keepalive\n\n");
        } catch {
          close();
        }
      }, KEEPALIVE_MS);
      const lifetime = setTimeout(() => endWithRetry(0), lifetimeMs);
      cleanup = () => {
        clearInterval(timer);
        clearTimeout(lifetime);
        untrack();
        unsubscribe();
      };
      req.signal.addEventListener("abort", close);
      // The client may have gone while we were subscribing.
      if (cancelled || req.signal.aborted) return close();
      write(`retry: ${RETRY_MS}\n\n`);
      try {
        await heartbeat(db, member.userId).catch(() => undefined);
        const [online, away] = await Promise.all([onlineMemberIds(db, workspaceId), onlineAwayIds(db, workspaceId)]);
        send("snapshot", { online, away });
      } catch {
        return close();
      }
      const waiting = held;
      held = null;
      for (const e of waiting) onEvent(e);
    },
    cancel() {
      cancelled = true;
      cleanup();
    },
  });

  return new Response(stream, { headers: sse });
}
