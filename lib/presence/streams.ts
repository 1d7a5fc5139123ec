// The presence streams (SSE) this process holds open, so a graceful shutdown can end them
// with a reconnect hint instead of leaving them to hold the server open (lib/startup/shutdown.ts).
// No `server-only` marker: the start-up hook imports it, and it holds nothing secret.

import { presenceStreamMaxSeconds } from "@/lib/env";
import { scoped } from "@/lib/log";

type End = (retryMs: number) => void;

const globalForStreams = globalThis as unknown as {
  __switchboardStreams?: { open: Set<End>; draining: boolean };
};

function state() {
  globalForStreams.__switchboardStreams ??= { open: new Set(), draining: false };
  return globalForStreams.__switchboardStreams;
}

/** Time kept in hand before a route's maxDuration, so a stream's own end is never cut short. */
const MARGIN_SECONDS = 15;

/** How long one stream stays open: PRESENCE_STREAM_MAX_SECONDS, at most `maxDuration` − 15 s. */
export function streamLifetimeMs(maxDurationSeconds: number): number {
  return Math.max(1, Math.min(presenceStreamMaxSeconds(), maxDurationSeconds - MARGIN_SECONDS)) * 1000;
}

/** Track an open stream; returns its untrack function. */
export function trackStream(end: End): () => void {
  const s = state();
  s.open.add(end);
  return () => s.open.delete(end);
}

/** True once shutdown began: a new stream gets the reconnect hint and ends at once. */
export function streamsDraining(): boolean {
  return state().draining;
}

/** The reconnect delay a closing server asks for: soon, spread a little so clients do not all arrive at once. */
export function reconnectHintMs(): number {
  return 500 + Math.floor(Math.random() * 1000);
}

/** Shutdown: refuse new streams and end every open one with `retry:`. Returns how many were open. */
export function endAllStreams(): number {
  const s = state();
  s.draining = true;
  const ends = [...s.open];
  s.open.clear();
  for (const end of ends) {
    try {
      end(reconnectHintMs());
    } catch (error) {
      scoped("presence").error({ err: error }, "ending a stream failed");
    }
  }
  return ends.length;
}

/** Tests: back to accepting streams. */
export function resetStreams(): void {
  globalForStreams.__switchboardStreams = { open: new Set(), draining: false };
}
