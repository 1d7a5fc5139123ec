import ipaddr from "ipaddr.js";

/** The most ranges an organization's IP allow-list holds. */
export const ALLOWLIST_MAX = 200;

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * One line of an allow-list in its canonical form ("10.1.0.0/16", "2001:db8::/32"), or null when it
 * is not a range. A bare address is a range of one (/32, /128); host bits are cleared, so
 * "10.1.2.3/16" is stored as "10.1.0.0/16".
 */
export function normalizeCidr(text: string): string | null {
  const value = text.trim();
  if (!value) return null;
  const withBits = value.includes("/") ? value : `${value}/${value.includes(":") ? 128 : 32}`;
  if (!ipaddr.isValidCIDR(withBits)) return null;
  const [address, bits] = ipaddr.parseCIDR(withBits);
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(withBits)
      : ipaddr.IPv6.networkAddressFromCIDR(withBits);
  return `${network.toString()}/${bits}`;
}

// Parsed lists by their text: a handful of organizations' lists, read on every request.
const parsed = new Map<string, Range[]>();

function ranges(list: readonly string[]): Range[] {
  const key = list.join(",");
  let hit = parsed.get(key);
  if (!hit) {
    hit = list.filter((c) => ipaddr.isValidCIDR(c)).map((c) => ipaddr.parseCIDR(c));
    if (parsed.size >= 500) parsed.clear();
    parsed.set(key, hit);
  }
  return hit;
}

/**
 * Whether a client address may reach an organization with this allow-list: an empty list is no
 * restriction; otherwise the address must lie in one of the ranges (an unknown address never does).
 * IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function ipAllowed(list: readonly string[] | undefined, ip: string): boolean {
  if (!list || list.length === 0) return true;
  if (!ipaddr.isValid(ip)) return false;
  let address = ipaddr.parse(ip);
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress())
    address = (address as ipaddr.IPv6).toIPv4Address();
  return ranges(list).some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}
