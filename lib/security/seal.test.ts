import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openWithKey, seal, sealWithKey, unseal } from "./seal";

describe("sealWithKey / openWithKey (AES-256-GCM)", () => {
  const key = randomBytes(32);
  it("round-trips, with a fresh IV each time", () => {
    const a = sealWithKey(key, "client-secret ✓", "org-1");
    const b = sealWithKey(key, "client-secret ✓", "org-1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("client-secret");
    expect(openWithKey(key, a, "org-1")).toBe("client-secret ✓");
    expect(openWithKey(key, b, "org-1")).toBe("client-secret ✓");
  });
  it("refuses another key, other additional data, a changed byte, garbage", () => {
    const sealed = sealWithKey(key, "secret", "org-1");
    expect(openWithKey(randomBytes(32), sealed, "org-1")).toBeNull();
    expect(openWithKey(key, sealed, "org-2")).toBeNull();
    const [v, iv, tag, body] = sealed.split(".");
    const flipped = Buffer.from(body, "base64url");
    flipped[0] ^= 1;
    expect(openWithKey(key, [v, iv, tag, flipped.toString("base64url")].join("."), "org-1")).toBeNull();
    expect(openWithKey(key, [v, iv, Buffer.alloc(16).toString("base64url"), body].join("."), "org-1")).toBeNull();
    for (const bad of ["", "v1", "v2.a.b.c", "v1..."]) expect(openWithKey(key, bad, "org-1")).toBeNull();
  });
});

describe("seal / unseal (a key derived from the server's secret per purpose)", () => {
  const secret = "a-server-secret-of-enough-length-0123456789";
  it("round-trips and refuses another purpose or another secret", () => {
    const sealed = seal("totp", "JBSWY3DPEHPK3PXP", secret);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(unseal("totp", sealed, secret)).toBe("JBSWY3DPEHPK3PXP");
    expect(unseal("other", sealed, secret)).toBeNull();
    expect(unseal("totp", sealed, `${secret}-changed`)).toBeNull();
  });
});
