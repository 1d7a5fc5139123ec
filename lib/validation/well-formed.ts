// A lone UTF-16 surrogate ("\ud800") is a valid JavaScript string but not valid Unicode:
// PostgreSQL refuses it inside json/jsonb (audit details, webhook payloads) with a 22P02, and
// no keyboard types it. Every action input is made well-formed before zod sees it
// (lib/actions/wrap.ts): each lone surrogate becomes U+FFFD, as TextEncoder would write it.

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const wellFormedString = (s: string) => s.replace(LONE_SURROGATE, "\ufffd");

/** Strings in plain objects and arrays made well-formed; anything else (FormData, files) as it is. */
export function wellFormed(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return wellFormedString(value);
  if (depth > 32) return value;
  if (Array.isArray(value)) return value.map((v) => wellFormed(v, depth + 1));
  if (value !== null && typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[wellFormedString(k)] = wellFormed(v, depth + 1);
    return out;
  }
  return value;
}
