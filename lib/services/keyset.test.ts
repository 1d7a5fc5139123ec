import { describe, expect, it } from "vitest";
import { bigintId, decodeKeyset, encodeKeyset } from "./keyset";

const ID = "3f2b9c4e-8a1d-4e6f-9b2a-7c5d1e0f4a3b";
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("keyset cursors", () => {
  it("round-trips a cursor of its own sort", () => {
    expect(decodeKeyset("name", encodeKeyset("name", "zoë", ID))).toEqual(["zoë", ID]);
    const time = "2026-11-23 10:00:00.123456+00";
    expect(decodeKeyset("time", encodeKeyset("time", time, ID))).toEqual([time, ID]);
    expect(decodeKeyset("time", encodeKeyset("time", "2026-11-23 10:00:00+05:30", "42"), bigintId)).toEqual([
      "2026-11-23 10:00:00+05:30",
      "42",
    ]);
  });

  it("reads a cursor of another sort, or one the database could not cast, as no cursor", () => {
    expect(decodeKeyset("time", encodeKeyset("name", "2026-11-23 10:00:00+00", ID))).toBeNull();
    expect(decodeKeyset("name", encodeKeyset("time", "2026-11-23 10:00:00+00", ID))).toBeNull();
    for (const key of ["yesterday", "2026-02-30 10:00:00+00", "0000-01-01 00:00:00+00", "2026-11-23 24:00:00+00"])
      expect(decodeKeyset("time", encodeKeyset("time", key, ID)), key).toBeNull();
    expect(decodeKeyset("name", encodeKeyset("name", "a\u0000b", ID))).toBeNull();
    expect(decodeKeyset("name", encodeKeyset("name", "a", "-".repeat(36)))).toBeNull();
    expect(decodeKeyset("time", encodeKeyset("time", "2026-11-23 10:00:00+00", ID), bigintId)).toBeNull();
    for (const cursor of ["!!", b64(["zed", ID]), b64({}), b64(["name", 1, ID]), "", undefined])
      expect(decodeKeyset("name", cursor), String(cursor)).toBeNull();
  });
});
