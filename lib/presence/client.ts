"use client";
import { useEffect, useState } from "react";

/**
 * userId → online, kept live by the presence stream (SSE). `initial` comes from the
 * server render; the stream's snapshot then corrects anything that changed in between.
 */
export function usePresence(workspaceId: string, initial: Record<string, boolean>): Record<string, boolean> {
  const [online, setOnline] = useState(initial);
  useEffect(() => {
    const source = new EventSource(`/api/presence/stream?workspaceId=${encodeURIComponent(workspaceId)}`);
    source.addEventListener("snapshot", (e) => {
      const ids = new Set<string>(JSON.parse((e as MessageEvent).data).online);
      setOnline((prev) => {
        const next: Record<string, boolean> = {};
        for (const id of Object.keys(prev)) next[id] = ids.has(id);
        for (const id of ids) next[id] = true;
        return next;
      });
    });
    source.addEventListener("presence", (e) => {
      const { userId, online: isOnline } = JSON.parse((e as MessageEvent).data) as { userId: string; online: boolean };
      setOnline((prev) => (prev[userId] === isOnline ? prev : { ...prev, [userId]: isOnline }));
    });
    source.addEventListener("revoked", () => {
      source.close();
      window.location.reload();
    });
    return () => source.close();
  }, [workspaceId]);
  return online;
}
