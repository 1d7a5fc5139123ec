import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { Agent, buildConnector, request } from "undici";
import { isPublicAddress } from "./public-address";

/** Every address a host name resolves to. Injectable so tests can play a rebinding DNS server. */
export type Resolver = (hostname: string) => Promise<string[]>;
export const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

export interface NetPolicy {
  resolve: Resolver;
  /** Development, tests and WEBHOOK_ALLOW_PRIVATE=1: local receivers are allowed. */
  allowPrivate: boolean;
}

export class RefusedAddressError extends Error {
  constructor(host: string) {
    super(`refused: ${host} is not a public address`);
    this.name = "RefusedAddressError";
  }
}

/** The address to connect to: every answer must be public (a mixed answer is refused too). */
export async function resolvePublic(hostname: string, policy: NetPolicy): Promise<string> {
  const host = hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await policy.resolve(host);
  if (addresses.length === 0) throw new Error(`no address for ${host}`);
  if (!policy.allowPrivate && !addresses.every(isPublicAddress)) throw new RefusedAddressError(host);
  return addresses[0];
}

/**
 * An undici dispatcher that resolves and checks the host itself, at connect time, and connects
 * to exactly the address it checked: a DNS answer that changes between the check on save and the
 * delivery (rebinding) meets the check again here. TLS still verifies the certificate against the
 * original host name (undici derives the SNI name from `host`, which is left as it was).
 */
export function guardedAgent(policy: NetPolicy): Agent {
  const connect = buildConnector({ timeout: 5_000 });
  return new Agent({
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
    connections: 8,
    connect: (opts, callback) => {
      resolvePublic(opts.hostname, policy).then(
        (address) => connect({ ...opts, hostname: address }, callback),
        (error: Error) => callback(error, null),
      );
    },
  });
}

export const MAX_RESPONSE_BYTES = 64 * 1024;

export type PostOutcome = { status: number; error: string | null };

/**
 * POST a delivery. No redirect is followed (a 3xx is a failed delivery, never a second request
 * to wherever it points); at most MAX_RESPONSE_BYTES of the answer are read; 10 s in all.
 */
export async function postJson(
  agent: Agent,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<PostOutcome> {
  try {
    const res = await request(url, {
      method: "POST",
      dispatcher: agent,
      headers: { ...headers, "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    let read = 0;
    for await (const chunk of res.body) {
      read += (chunk as Buffer).length;
      if (read > MAX_RESPONSE_BYTES) {
        res.body.destroy();
        break;
      }
    }
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    return { status: res.statusCode, error: ok ? null : `HTTP ${res.statusCode}` };
  } catch (e) {
    const error = e as Error & { code?: string; cause?: Error };
    const refused = [error, error.cause].find((x) => x instanceof RefusedAddressError);
    if (refused) return { status: 0, error: "refused: private address" };
    const timeout = error.name === "TimeoutError" || /Timeout/.test(error.code ?? "");
    return { status: 0, error: timeout ? "timeout" : "connection failed" };
  }
}
