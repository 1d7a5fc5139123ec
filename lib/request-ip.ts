import { trustProxy } from "@/lib/env";

/**
 * The client's IP for audit and rate limits. Behind a proxy (Vercel, a load balancer)
 * the first x-forwarded-for entry is the client; TRUST_PROXY=0 ignores forwarded headers.
 */
export function clientIp(headers: Headers): string {
  if (trustProxy()) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
    const real = headers.get("x-real-ip")?.trim();
    if (real) return real.slice(0, 64);
  }
  return "unknown";
}
