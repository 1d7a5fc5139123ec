import { request } from "node:http";

// A raw HTTP client on node:http: no redirect following, no cookie jar, any header
// (fetch refuses or rewrites `Host`, and follows redirects by default).

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Stop reading after the headers (Server-Sent Events never end). */
  headersOnly?: boolean;
  timeoutMs?: number;
}

export async function raw(base: string, path: string, opts: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(base);
  // The path as given (a fuzzed "//x" is a path, not a protocol-relative URL), with what
  // Node refuses to send (spaces, quotes, non-ASCII) percent-encoded.
  const target = path.replace(/[^\x21-\x7e]|["<>\\^`{|}]/g, (c) => encodeURIComponent(c));
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: target,
        method: opts.method ?? "GET",
        // A socket of its own, closed by us once the answer is read. Not "Connection: close":
        // a server that answers before reading the body (a redirect, a 404) then hangs up with
        // unread data, the kernel resets the connection, and the answer is lost to ECONNRESET.
        agent: false,
        headers: opts.headers ?? {},
        timeout: opts.timeoutMs ?? 60_000,
      },
      (res) => {
        const head = { status: res.statusCode ?? 0, headers: res.headers };
        if (opts.headersOnly) {
          // Read a little of the body (for the deny check), then hang up.
          let first = "";
          const done = () => {
            res.destroy();
            req.destroy();
            resolve({ ...head, body: first });
          };
          const timer = setTimeout(done, 1_500);
          res.once("data", (chunk: Buffer) => {
            first = chunk.toString("utf8");
            clearTimeout(timer);
            done();
          });
          res.once("end", () => {
            clearTimeout(timer);
            done();
          });
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          req.destroy();
          resolve({ ...head, body: Buffer.concat(chunks).toString("utf8") });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${opts.method ?? "GET"} ${path}`)));
    req.on("error", reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export const header = (res: RawResponse, name: string): string => {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(", ") : (v ?? "");
};

/** Run `fn` over `items` with at most `limit` in flight (the machine has 2 cores). */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return out;
}
