// The browser side of the presence stream, without React (lib/presence/client.ts wraps it),
// so the multi-server tier drives this very code with undici's EventSource.
//
// Nothing is lost across a reconnect: the server starts every connection with a snapshot of
// who is online (app/api/presence/stream/route.ts), which replaces what the client knew.
// EventSource reconnects by itself when a stream ends (the server's own end before its
// maximum duration, a server shutting down with a `retry:` hint); it gives up for good on an
// answer that is not an event stream (a 502 while every server restarts, a 401): then this
// opens a new one after a growing, jittered delay.

export interface PresenceHandlers {
  /** Who is online, and which of them are away. */
  snapshot(online: string[], away: string[]): void;
  presence(userId: string, online: boolean): void;
  /** Availability: away (set by hand or by the workspace's auto-away), or available again. */
  away?(userId: string, away: boolean): void;
  revoked(): void;
}

interface Source {
  readonly readyState: number;
  addEventListener(type: string, listener: (e: { data?: unknown }) => void): void;
  close(): void;
}

export interface ConnectOptions {
  /** The EventSource implementation (the browser's by default). */
  open?: (url: string) => Source;
  /** First and largest delay before a new connection after the stream gave up. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

const CLOSED = 2;

/** Keep a presence stream open until the returned function is called. */
export function connectPresence(url: string, handlers: PresenceHandlers, options: ConnectOptions = {}): () => void {
  const open = options.open ?? ((u: string) => new EventSource(u) as Source);
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let failures = 0;
  let stopped = false;
  let source: Source | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    if (stopped) return;
    const s = open(url);
    source = s;
    s.addEventListener("snapshot", (e) => {
      failures = 0;
      const data = JSON.parse(String(e.data)) as { online: string[]; away?: string[] };
      handlers.snapshot(data.online, data.away ?? []);
    });
    s.addEventListener("presence", (e) => {
      const { userId, online } = JSON.parse(String(e.data)) as { userId: string; online: boolean };
      handlers.presence(userId, online);
    });
    s.addEventListener("away", (e) => {
      const { userId, away } = JSON.parse(String(e.data)) as { userId: string; away: boolean };
      handlers.away?.(userId, away);
    });
    s.addEventListener("revoked", () => {
      stop();
      handlers.revoked();
    });
    s.addEventListener("error", () => {
      if (stopped || s !== source || s.readyState !== CLOSED) return; // CONNECTING: EventSource retries itself
      s.close();
      const base = Math.min(maxDelay, minDelay * 2 ** failures++);
      timer = setTimeout(connect, base / 2 + Math.random() * (base / 2));
    });
  };

  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    source?.close();
  };
  connect();
  return stop;
}
