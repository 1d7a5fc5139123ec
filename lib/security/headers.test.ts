import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./headers";

describe("security headers", () => {
  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("allows scripts by nonce only in production, with eval only in development", () => {
    const prod = contentSecurityPolicy("abc", { development: false });
    expect(prod).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(prod).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(contentSecurityPolicy("abc", { development: true })).toMatch(/script-src[^;]*'unsafe-eval'/);
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"])
      expect(prod).toContain(d);
  });

  it("sends HSTS only for an https base URL", () => {
    expect(securityHeaders("n", { development: false, https: true }).get("strict-transport-security")).toMatch(
      /^max-age=\d{8}; includeSubDomains$/,
    );
    expect(securityHeaders("n", { development: false, https: false }).has("strict-transport-security")).toBe(false);
    expect(securityHeaders("n", { development: false, https: false }).get("permissions-policy")).toContain(
      "geolocation=()",
    );
  });
});
