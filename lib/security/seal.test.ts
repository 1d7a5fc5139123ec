import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, seal } from "./seal";

describe("seal / open (AES-256-GCM)", () => {
  const key = randomBytes(32);
  it("round-trips, with a fresh IV each time", () => {
    const a = seal(key, "client-secret ✓", "org-1");
    const b = seal(key, "client-secret ✓", "org-1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("client-secret");
    expect(open(key, a, "org-1")).toBe("client-secret ✓");
    expect(open(key, b, "org-1")).toBe("client-secret ✓");
  });
  it("refuses another key, other additional data, a changed byte, garbage", () => {
    const sealed = seal(key, "secret", "org-1");
    expect(open(randomBytes(32), sealed, "org-1")).toBeNull();
    expect(open(key, sealed, "org-2")).toBeNull();
    const [v, iv, tag, body] = sealed.split(".");
    const flipped = Buffer.from(body, "base64url");
    flipped[0] ^= 1;
    expect(open(key, [v, iv, tag, flipped.toString("base64url")].join("."), "org-1")).toBeNull();
    expect(open(key, [v, iv, Buffer.alloc(16).toString("base64url"), body].join("."), "org-1")).toBeNull();
    for (const bad of ["", "v1", "v2.a.b.c", "v1..."]) expect(open(key, bad, "org-1")).toBeNull();
  });
});
