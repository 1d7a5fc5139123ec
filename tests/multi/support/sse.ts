import { request, type ClientRequest } from "node:http";
import { Agent, EventSource } from "undici";

// Presence streams held the way a browser holds them: a raw one (every byte kept, to check
// `retry:` hints and the end), and undici's EventSource (real reconnects) for the client code.

export interface RawStream {
  status: number;
  /** Which server answered, through the proxy (nginx's X-Upstream). */
  upstream: string;
  text(): string;
  /** Resolves once `needle` has arrived (rejects after timeoutMs). */
  waitFor(needle: string | RegExp, timeoutMs?: number): Promise<string>;
  ended: Promise<number>;
  close(): void;
}

export function openRawStream(base: string, workspaceId: string, cookie: string): Promise<RawStream> {
  const url = new URL(`/api/presence/stream?workspaceId=${workspaceId}`, base);
  return new Promise((resolve, reject) => {
    let req: ClientRequest | undefined = undefined;
    req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, headers: { cookie } },
      (res) => {
        let text = "";
        const waiters = new Set<() => void>();
        let endedAt: (t: number) => void = () => {};
        const ended = new Promise<number>((r) => (endedAt = r));
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
          for (const w of waiters) w();
        });
        res.on("end", () => endedAt(Date.now()));
        res.on("error", () => endedAt(Date.now()));
        res.on("close", () => endedAt(Date.now()));
        const waitFor = (needle: string | RegExp, timeoutMs = 10_000) =>
          new Promise<string>((ok, fail) => {
            const hit = () => (typeof needle === "string" ? text.includes(needle) : needle.test(text));
            if (hit()) return ok(text);
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no ${String(needle)} on the stream within ${timeoutMs} ms; got:\n${text}`));
            }, timeoutMs);
            const check = () => {
              if (!hit()) return;
              clearTimeout(timer);
              waiters.delete(check);
              ok(text);
            };
            waiters.add(check);
          });
        resolve({
          status: res.statusCode ?? 0,
          upstream: String(res.headers["x-upstream"] ?? ""),
          text: () => text,
          waitFor,
          ended,
          close: () => {
            res.destroy();
            req?.destroy();
          },
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** undici's EventSource with a session cookie on every (re)connection. */
export function eventSourceWithCookie(cookie: string): { open: (url: string) => EventSource; close(): Promise<void> } {
  const agent = new Agent().compose((dispatch) => (opts, handler) => {
    const headers = opts.headers;
    const withCookie = Array.isArray(headers)
      ? [...headers, "cookie", cookie]
      : { ...((headers as Record<string, string>) ?? {}), cookie };
    return dispatch({ ...opts, headers: withCookie }, handler);
  });
  const sources: EventSource[] = [];
  return {
    open: (url) => {
      const source = new EventSource(url, { node: { dispatcher: agent } });
      sources.push(source);
      return source;
    },
    close: async () => {
      for (const s of sources) s.close();
      await agent.close().catch(() => undefined);
    },
  };
}
