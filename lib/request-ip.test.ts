import { describe, expect, it } from "vitest";
import { PEER_HEADER, clientIpFrom, proxyTrustFrom } from "./request-ip";

const h = (xff: string | null, peer: string | null, extra: Record<string, string> = {}) => {
  const headers = new Headers(extra);
  if (xff !== null) headers.set("x-forwarded-for", xff);
  if (peer !== null) headers.set(PEER_HEADER, peer);
  return headers;
};
const none = proxyTrustFrom({});
const oneHop = proxyTrustFrom({ TRUSTED_PROXY_HOPS: "1" });
const twoHops = proxyTrustFrom({ TRUSTED_PROXY_HOPS: "2" });
const cidrs = proxyTrustFrom({ TRUSTED_PROXY_CIDRS: "10.0.0.0/8, 2001:db8::/32,192.0.2.7" });

describe("clientIpFrom: the right-most untrusted address", () => {
  it("trusts no forwarded header by default: a direct client's forged X-Forwarded-For changes nothing", () => {
    expect(clientIpFrom(h("1.2.3.4", "203.0.113.9"), none)).toBe("203.0.113.9");
    expect(clientIpFrom(h("1.2.3.4, 5.6.7.8", "203.0.113.9"), none)).toBe("203.0.113.9");
    expect(clientIpFrom(h(null, "203.0.113.9", { "x-real-ip": "9.9.9.9" }), none)).toBe("203.0.113.9");
  });

  it("with one trusted hop takes what that proxy appended, not what the client wrote before it", () => {
    // nginx appends the address it saw: "forged, real client".
    expect(clientIpFrom(h("6.6.6.6, 198.51.100.20", "127.0.0.1"), oneHop)).toBe("198.51.100.20");
    expect(clientIpFrom(h("198.51.100.20", "127.0.0.1"), oneHop)).toBe("198.51.100.20");
  });

  it("with two hops skips both proxies", () => {
    expect(clientIpFrom(h("6.6.6.6, 198.51.100.20, 10.1.1.1", "127.0.0.1"), twoHops)).toBe("198.51.100.20");
  });

  it("skips trusted CIDRs wherever they are, IPv4 and IPv6", () => {
    expect(clientIpFrom(h("198.51.100.20, 10.2.3.4", "10.9.9.9"), cidrs)).toBe("198.51.100.20");
    expect(clientIpFrom(h("2001:db9::1, 2001:db8::5", "192.0.2.7"), cidrs)).toBe("2001:db9::1");
    // An untrusted peer is the client even when it forwards a header.
    expect(clientIpFrom(h("198.51.100.20", "203.0.113.9"), cidrs)).toBe("203.0.113.9");
  });

  it("folds IPv4-mapped IPv6 peers (how Node reports IPv4 on a dual-stack socket)", () => {
    expect(clientIpFrom(h(null, "::ffff:203.0.113.9"), none)).toBe("203.0.113.9");
  });

  it("answers unknown when the address that would count is not an address", () => {
    expect(clientIpFrom(h("<script>, 198.51.100.20", "127.0.0.1"), twoHops)).toBe("unknown");
    expect(clientIpFrom(h("garbage", "127.0.0.1"), oneHop)).toBe("unknown");
    expect(clientIpFrom(h(null, null), none)).toBe("unknown");
  });

  it("on Vercel takes the platform's header (it overwrites what the client sent)", () => {
    const vercel = proxyTrustFrom({ VERCEL: "1" });
    expect(clientIpFrom(h("198.51.100.20", null, { "x-real-ip": "198.51.100.20" }), vercel)).toBe("198.51.100.20");
  });

  it("refuses a configuration that is not an address or range", () => {
    expect(() => proxyTrustFrom({ TRUSTED_PROXY_CIDRS: "not-a-range" })).toThrow();
  });
});
