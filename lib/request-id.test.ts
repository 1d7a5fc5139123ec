import { describe, expect, it } from "vitest";
import { requestIdOf, safeRequestId } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request id", () => {
  it.each(["abcdefgh", "0123456789abcdef", "req_1.2-3", "A".repeat(64), "1f4e0c2a-9b7d-4c1e-8f00-123456789abc"])(
    "keeps a safe incoming id %s",
    (id) => {
      expect(safeRequestId(id)).toBe(id);
      expect(requestIdOf(id)).toBe(id);
    },
  );

  it.each([
    ["too short", "abcdefg"],
    ["too long", "A".repeat(65)],
    ["a space", "abc defgh"],
    ["a newline (log injection)", "abcdefgh\nlevel=50"],
    ["a quote", 'abcdefgh"x'],
    ["a slash", "abcd/efgh"],
    ["non-ASCII", "abcdéfghi"],
    ["a comma (two headers joined)", "abcdefgh, ijklmnop"],
    ["empty", ""],
  ])("refuses %s and generates a fresh id instead", (_label, id) => {
    expect(safeRequestId(id)).toBeNull();
    expect(requestIdOf(id)).toMatch(UUID);
  });

  it("generates a fresh id when none is sent, a different one each time", () => {
    expect(safeRequestId(null)).toBeNull();
    expect(safeRequestId(undefined)).toBeNull();
    const a = requestIdOf(null);
    const b = requestIdOf(undefined);
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });
});
