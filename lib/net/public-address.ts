import ipaddr from "ipaddr.js";

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

/**
 * True only for an address on the public internet. ipaddr.js names every special range
 * (private, loopback, link-local, multicast, reserved, benchmarking, carrier-grade NAT, 6to4,
 * Teredo, NAT64, IPv4-mapped, unique-local, site-local, documentation, …): anything it does not
 * call "unicast" is refused. IPv6 must also lie in 2000::/3, which excludes forms ipaddr.js
 * still calls unicast, such as the deprecated IPv4-compatible ::7f00:1 (127.0.0.1).
 */
export function isPublicAddress(text: string): boolean {
  const value = text.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(value)) return false;
  const ip = ipaddr.parse(value);
  if (ip.range() !== "unicast") return false;
  return ip.kind() === "ipv4" || (ip as ipaddr.IPv6).match(GLOBAL_UNICAST_V6);
}
