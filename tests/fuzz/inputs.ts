// Malformed and random input for the fuzz tiers (tests/db/fuzz, tests/http/fuzz.http.test.ts).
// Only values a browser can actually send: what JSON, React's reply encoding (undefined, NaN,
// ±Infinity, -0, BigInt, Date, Map, Set, FormData, Blob) or a raw HTTP request can carry.
import fc from "fast-check";

/** Cases per property; FUZZ_RUNS=50 for a quick local run. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS) || 1000;

/** What a response or an ActionResult must never show: stack traces, SQL, driver or file names. */
export const RAW_ERROR_TEXT =
  /\bError:|\bat [\w.<>]+ \(|\bat (file|node):|\bundefined\b|\[object \w+\]|node_modules|\/work\/|\.(ts|tsx|js|mjs):\d|\bSQLSTATE\b|\b(syntax error|violates|duplicate key|relation "|column "|invalid input syntax)|\b(SELECT|INSERT|UPDATE|DELETE) .* (FROM|INTO|SET|WHERE)\b|\b(22P02|23505|23503|23502|22001|42P01|42703|40001|57014)\b|\b(ZodError|TypeError|RangeError|ReferenceError|DomainError|PostgresError)\b/;

export const uuidLike = fc.uuid({ version: [4] });

/** Ids that are almost uuids, or not at all. */
export const malformedId = fc.oneof(
  uuidLike.map((u) => u.slice(1)),
  uuidLike.map((u) => `${u}0`),
  uuidLike.map((u) => u.replace(/-/g, "")),
  uuidLike.map((u) => `{${u}}`),
  uuidLike.map((u) => ` ${u} `),
  uuidLike.map((u) => u.replace(/[0-9a-f]/, "g")),
  uuidLike.map((u) => `${u}' OR '1'='1`),
  fc.constantFrom("0", "-1", "1", "1e309", "null", "undefined", "NaN", "00000000-0000-0000-0000-000000000000"),
  fc.nat().map(String),
);

/** Strings that break naive code: unicode, control characters, injections, huge lengths. */
export const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\r\n",
    "\ud800",
    "__proto__",
    "constructor",
    "toString",
    "' OR 1=1 --",
    "'; DROP TABLE users; --",
    "<script>alert(1)</script>",
    "../../../etc/passwd",
    "%00%2e%2e%2f",
    "${7*7}{{7*7}}",
    "ليلى حداد",
    "👩🏽‍💻🏳️‍🌈",
    "\u202eevil",
    "Zalgo z̴̢̛a̸l̷g̶o̴",
    "a@example.com",
    "http://127.0.0.1:9/hook",
    "https://example.invalid/x",
    "javascript:alert(1)",
  ),
  fc
    .tuple(fc.constantFrom("x", "é", "😀", "a ", "\u0000"), fc.constantFrom(121, 201, 255, 5_001, 10_001, 100_000))
    .map(([unit, n]) => unit.repeat(n)),
);

const scalar = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: malformedId },
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
);

/** Object keys: real field names (so the schemas see them), prototype keys, anything. */
export const fieldName = (known: readonly string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "then", "toJSON"),
    fc.string({ maxLength: 12 }),
  );

/** An object whose own key is "__proto__" (as JSON.parse makes it), not a prototype change. */
const protoKeyed = (value: fc.Arbitrary<unknown>) =>
  value.map((v) => {
    const o: Record<string, unknown> = {};
    Object.defineProperty(o, "__proto__", { value: v, enumerable: true, configurable: true, writable: true });
    return o;
  });

/** Any value, nested a little: arrays where objects go, objects with extra and prototype keys. */
export function anyValue(known: readonly string[], leaf: fc.Arbitrary<unknown> = scalar): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 5, arbitrary: leaf },
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fieldName(known), tie("value"), { maxKeys: 5, noNullPrototype: true }),
      protoKeyed(tie("value")),
      fc.array(fc.tuple(nastyString, tie("value")), { maxLength: 3 }).map((entries) => new Map(entries)),
      fc.array(tie("value"), { maxLength: 3 }).map((items) => new Set(items)),
    ),
  }));
  return value;
}

/** File bytes: random, or starting like a real image (the avatar sniffer reads the first bytes). */
const fileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .tuple(
      fc.constantFrom([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0xff, 0xd8, 0xff], [0x47, 0x49, 0x46, 0x38]),
      fc.uint8Array({ maxLength: 32 }),
    )
    .map(([head, tail]) => new Uint8Array([...head, ...tail])),
);

/** A FormData where JSON is expected (or where a file is expected, with the wrong things in it). */
export const formData = (known: readonly string[]) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom("avatar", ...known), nastyString),
        fc.oneof(
          nastyString,
          fc
            .tuple(fileBytes, fc.constantFrom("image/png", "text/html", "", "application/x-evil"), nastyString)
            .map(([bytes, type, name]) => new File([bytes as BlobPart], name || "f", { type })),
        ),
      ),
      { maxLength: 4 },
    )
    .map((entries) => {
      const form = new FormData();
      for (const [k, v] of entries) form.append(k, v);
      return form;
    });
