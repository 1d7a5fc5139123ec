// Two things a JavaScript string may hold that PostgreSQL text cannot, and no keyboard types:
// a lone UTF-16 surrogate ("\ud800"), refused inside json/jsonb (audit details, webhook
// payloads) with a 22P02, and NUL ("\u0000"), refused in any text value with a 22021. Every
// action input is made well-formed before zod sees it (lib/actions/wrap.ts): each lone
// surrogate becomes U+FFFD, as TextEncoder would write it, and NUL characters are dropped.

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const wellFormedString = (s: string) => s.replace(LONE_SURROGATE, "\ufffd").replaceAll("\u0000", "");

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
