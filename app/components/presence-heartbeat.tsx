"use client";
import { useEffect } from "react";

const EVERY_MS = 25_000;

/** Mounted by the workspace layout: every open app page tells the server it is open. */
export function PresenceHeartbeat({ workspaceId }: { workspaceId: string }) {
  useEffect(() => {
    let stopped = false;
    const beat = async () => {
      if (stopped || document.visibilityState === "hidden") return;
      try {
        const res = await fetch("/api/presence/heartbeat", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ workspaceId }),
          keepalive: true,
        });
        // Signed out or access revoked: the next navigation shows why.
        if (res.status === 401 || res.status === 404) window.location.reload();
      } catch {
        /* offline for a moment: the next beat retries */
      }
    };
    beat();
    const timer = setInterval(beat, EVERY_MS);
    const onVisible = () => document.visibilityState === "visible" && beat();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [workspaceId]);
  return null;
}
