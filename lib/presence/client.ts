"use client";
import { useEffect, useState } from "react";
import { connectPresence } from "./stream-client";

/**
 * userId → online, kept live by the presence stream (SSE). `initial` comes from the
 * server render; the stream's snapshot then corrects anything that changed in between, and
 * again after every reconnect (lib/presence/stream-client.ts).
 */
export function usePresence(workspaceId: string, initial: Record<string, boolean>): Record<string, boolean> {
  const [online, setOnline] = useState(initial);
  useEffect(
    () =>
      connectPresence(`/api/presence/stream?workspaceId=${encodeURIComponent(workspaceId)}`, {
        snapshot(list) {
          const ids = new Set(list);
          setOnline((prev) => {
            const next: Record<string, boolean> = {};
            for (const id of Object.keys(prev)) next[id] = ids.has(id);
            for (const id of ids) next[id] = true;
            return next;
          });
        },
        presence(userId, isOnline) {
          setOnline((prev) => (prev[userId] === isOnline ? prev : { ...prev, [userId]: isOnline }));
        },
        revoked() {
          window.location.reload();
        },
      }),
    [workspaceId],
  );
  return online;
}
