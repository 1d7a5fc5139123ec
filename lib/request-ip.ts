import ipaddr from "ipaddr.js";
import { proxyEnv } from "@/lib/env";

/**
 * The header our own process stamps on every incoming request with the socket's peer address
 * (lib/startup/peer-address.ts), after deleting any copy a client sent. Next.js does not expose
 * the socket to route handlers, and it only fills `x-forwarded-for` when the client did not.
 */
export const PEER_HEADER = "x-switchboard-peer";

export interface ProxyTrust {
  /** How many reverse proxies stand in front of the app (each appends to X-Forwarded-For). */
  hops: number;
  /** Addresses of proxies trusted wherever they appear in the chain. */
  cidrs: [ipaddr.IPv4 | ipaddr.IPv6, number][];
  /** On Vercel the platform overwrites X-Forwarded-For with the client's address. */
  vercel: boolean;
}

/** TRUSTED_PROXY_HOPS (default 0), TRUSTED_PROXY_CIDRS (comma separated), VERCEL. */
export function proxyTrustFrom(env: Record<string, string | undefined>): ProxyTrust {
  const hops = Math.max(0, Math.min(10, Number.parseInt(env.TRUSTED_PROXY_HOPS ?? "0", 10) || 0));
  const cidrs = (env.TRUSTED_PROXY_CIDRS ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((cidr) => (cidr.includes("/") ? ipaddr.parseCIDR(cidr) : toCidr(ipaddr.parse(cidr))));
  return { hops, cidrs, vercel: env.VERCEL === "1" };
}

function toCidr(ip: ipaddr.IPv4 | ipaddr.IPv6): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  return [ip, ip.kind() === "ipv4" ? 32 : 128];
}

/** A parsed address, IPv4-mapped IPv6 folded to IPv4; null when it is not an address. */
function parse(value: string | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const text = value?.trim().replace(/^\[|\]$/g, "");
  if (!text || !ipaddr.isValid(text)) return null;
  const ip = ipaddr.parse(text);
  return ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip;
}

function inCidrs(ip: ipaddr.IPv4 | ipaddr.IPv6, cidrs: ProxyTrust["cidrs"]): boolean {
  return cidrs.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));
}

/**
 * The client's address for rate limits and the audit log. The chain is X-Forwarded-For followed
 * by the socket peer; walking from the right, the peer and the next `hops - 1` entries are our
 * own proxies, as is any address in the trusted CIDRs; the first other address is the client.
 * A client that reaches the app directly can write whatever it likes into X-Forwarded-For: with
 * no trusted hop the peer address alone counts, so forged entries change nothing.
 */
export function clientIpFrom(headers: Headers, trust: ProxyTrust): string {
  if (trust.vercel) {
    const ip = parse(headers.get("x-real-ip") ?? headers.get("x-forwarded-for")?.split(",")[0]);
    if (ip) return ip.toString();
  }
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").filter((s) => s.trim());
  const chain = [...forwarded, headers.get(PEER_HEADER) ?? ""];
  for (let i = chain.length - 1; i >= 0; i--) {
    const ip = parse(chain[i]);
    // A proxy position holding garbage means the chain cannot be trusted past it.
    if (!ip) return "unknown";
    const fromRight = chain.length - 1 - i;
    if (fromRight < trust.hops || inCidrs(ip, trust.cidrs)) continue;
    return ip.toString();
  }
  // Everything was a trusted proxy: the left-most one is as close to the client as we know.
  return parse(chain[0])?.toString() ?? "unknown";
}

let cached: { key: string; trust: ProxyTrust } | undefined;

export function clientIp(headers: Headers): string {
  const env = proxyEnv();
  const key = `${env.TRUSTED_PROXY_HOPS}|${env.TRUSTED_PROXY_CIDRS}|${env.VERCEL}`;
  if (cached?.key !== key) cached = { key, trust: proxyTrustFrom(env) };
  return clientIpFrom(headers, cached.trust);
}
