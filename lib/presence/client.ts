"use client";
import { useEffect, useState } from "react";

export interface PresenceState {
  online: boolean;
  away: boolean;
}

/**
 * userId → online and away, kept live by the presence stream (SSE). `initial` comes from the
 * server render; the stream's snapshot then corrects anything that changed in between (it
 * names who is online and which of them are away; an offline member keeps the away state
 * the render gave, which later events update).
 */
export function usePresence(
  workspaceId: string,
  initial: Record<string, PresenceState>,
): Record<string, PresenceState> {
  const [state, setState] = useState(initial);
  useEffect(() => {
    const source = new EventSource(`/api/presence/stream?workspaceId=${encodeURIComponent(workspaceId)}`);
    const patch = (userId: string, change: Partial<PresenceState>) =>
      setState((prev) => {
        const current = prev[userId] ?? { online: false, away: false };
        const next = { ...current, ...change };
        return next.online === current.online && next.away === current.away ? prev : { ...prev, [userId]: next };
      });
    source.addEventListener("snapshot", (e) => {
      const data = JSON.parse((e as MessageEvent).data) as { online: string[]; away?: string[] };
      const online = new Set(data.online);
      const away = new Set(data.away ?? []);
      setState((prev) => {
        const next: Record<string, PresenceState> = {};
        for (const [id, s] of Object.entries(prev))
          next[id] = { online: online.has(id), away: online.has(id) ? away.has(id) : s.away };
        for (const id of online) next[id] = { online: true, away: away.has(id) };
        return next;
      });
    });
    source.addEventListener("presence", (e) => {
      const { userId, online } = JSON.parse((e as MessageEvent).data) as { userId: string; online: boolean };
      patch(userId, { online });
    });
    source.addEventListener("away", (e) => {
      const { userId, away } = JSON.parse((e as MessageEvent).data) as { userId: string; away: boolean };
      patch(userId, { away });
    });
    source.addEventListener("revoked", () => {
      source.close();
      window.location.reload();
    });
    return () => source.close();
  }, [workspaceId]);
  return state;
}
