import { describe, expect, it } from "vitest";
import { wellFormed, wellFormedString } from "./well-formed";

describe("well-formed action input", () => {
  it("replaces lone surrogates and keeps pairs", () => {
    expect(wellFormedString("a\ud800b")).toBe("a\ufffdb");
    expect(wellFormedString("\udc00")).toBe("\ufffd");
    expect(wellFormedString("😀 مرحبا")).toBe("😀 مرحبا");
    expect(JSON.stringify(wellFormedString("x\ud83d"))).toBe('"x\ufffd"');
    expect(wellFormedString("a\u0000b\u0000")).toBe("ab");
  });

  it("walks plain objects and arrays only", () => {
    const form = new FormData();
    expect(wellFormed({ name: "\ud800", tags: ["\udfff"], n: 1, nested: { "\ud800": true } })).toEqual({
      name: "\ufffd",
      tags: ["\ufffd"],
      n: 1,
      nested: { "\ufffd": true },
    });
    expect(wellFormed(form)).toBe(form);
  });
});
