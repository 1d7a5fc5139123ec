"use client";
import { useEffect, useState } from "react";
import { connectPresence } from "./stream-client";

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
    const patch = (userId: string, change: Partial<PresenceState>) =>
      setState((prev) => {
        const current = prev[userId] ?? { online: false, away: false };
        const next = { ...current, ...change };
        return next.online === current.online && next.away === current.away ? prev : { ...prev, [userId]: next };
      });
    // Every (re)connect starts with a snapshot (lib/presence/stream-client.ts): nothing is missed.
    return connectPresence(`/api/presence/stream?workspaceId=${encodeURIComponent(workspaceId)}`, {
      snapshot(list, awayList) {
        const online = new Set(list);
        const away = new Set(awayList);
        setState((prev) => {
          const next: Record<string, PresenceState> = {};
          for (const [id, s] of Object.entries(prev))
            next[id] = { online: online.has(id), away: online.has(id) ? away.has(id) : s.away };
          for (const id of online) next[id] = { online: true, away: away.has(id) };
          return next;
        });
      },
      presence(userId, online) {
        patch(userId, { online });
      },
      away(userId, away) {
        patch(userId, { away });
      },
      revoked() {
        window.location.reload();
      },
    });
  }, [workspaceId]);
  return state;
}
