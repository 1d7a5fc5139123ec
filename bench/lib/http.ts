// Timed HTTP from outside the server process, over loopback.

export interface Timed {
  status: number;
  ttfbMs: number;
  totalMs: number;
  bytes: number;
  text?: string;
}

/**
 * GET as a browser would (fetch asks for gzip, so `next start` compresses the page);
 * `encoding: "identity"` asks for the uncompressed body, as a compressing proxy in front
 * of the app would.
 */
export async function timedGet(
  url: string,
  cookie: string,
  opts: { keepText?: boolean; encoding?: string; onChunk?: (chunk: Uint8Array) => void } = {},
): Promise<Timed> {
  const t0 = performance.now();
  const res = await fetch(url, {
    headers: { cookie, ...(opts.encoding ? { "accept-encoding": opts.encoding } : {}) },
    redirect: "manual",
  });
  const ttfb = performance.now() - t0;
  let bytes = 0;
  const parts: Uint8Array[] = [];
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      if (opts.keepText) parts.push(chunk);
      opts.onChunk?.(chunk);
    }
  }
  const total = performance.now() - t0;
  return {
    status: res.status,
    ttfbMs: ttfb,
    totalMs: total,
    bytes,
    text: opts.keepText ? Buffer.concat(parts).toString("utf8") : undefined,
  };
}
