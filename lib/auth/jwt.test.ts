// lib/auth/jwt.ts must be interchangeable with next-auth v4's own encode/decode (sessions
// issued before the switch stay valid, and tokens we issue decode anywhere next-auth's do),
// must reject what next-auth rejects, and must derive the key once per secret.
import hkdf from "@panva/hkdf";
import { decodeProtectedHeader } from "jose";
import { decode as nextAuthDecode, encode as nextAuthEncode, getToken, type JWT } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { decode, encode, encryptionKey } from "./jwt";

const secret = "test-secret-0123456789abcdef0123456789";
const claims: JWT = {
  sub: "2b0e6a53-3c64-4f4e-9a43-6f5d1c2b7a10",
  email: "ann@example.com",
  name: "Ann",
  uid: "2b0e6a53-3c64-4f4e-9a43-6f5d1c2b7a10",
  loc: "ar",
  ws: { "7d4c9b1e-0f7a-4f0c-8d7e-1c2b3a4d5e6f": { r: "agent", x: ["see_self"], v: 3 } },
  oa: [],
  cat: 1_700_000_000,
};

/** Flip one character of a base64url segment (keeps it valid base64url). */
function tamper(jwe: string, segment: number): string {
  const parts = jwe.split(".");
  const s = parts[segment];
  const i = Math.floor(s.length / 2);
  parts[segment] = s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
  return parts.join(".");
}

describe("session JWT (wire-compatible with next-auth v4)", () => {
  it("decodes next-auth's tokens, and next-auth decodes ours, with the same claims", async () => {
    const theirs = await nextAuthEncode({ secret, token: claims });
    const ours = await encode({ secret, token: claims });
    expect(await decode({ secret, token: theirs })).toMatchObject(claims);
    expect(await nextAuthDecode({ secret, token: ours })).toMatchObject(claims);
    expect(await decode({ secret, token: ours })).toMatchObject(claims);
  });

  it("issues the same header and registered claims as next-auth (dir + A256GCM, iat, exp = iat + maxAge, jti)", async () => {
    const maxAge = 3600;
    const ours = await encode({ secret, token: claims, maxAge });
    const theirs = await nextAuthEncode({ secret, token: claims, maxAge });
    expect(decodeProtectedHeader(ours)).toEqual(decodeProtectedHeader(theirs));
    expect(decodeProtectedHeader(ours)).toEqual({ alg: "dir", enc: "A256GCM" });
    const a = (await nextAuthDecode({ secret, token: ours }))!;
    const b = (await nextAuthDecode({ secret, token: theirs }))!;
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a.exp).toBe((a.iat as number) + maxAge);
    expect(Math.abs((a.iat as number) - Date.now() / 1000)).toBeLessThan(5);
    expect(a.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const again = (await decode({ secret, token: await encode({ secret, token: claims, maxAge }) }))!;
    expect(again.jti).not.toBe(a.jti);
  });

  it("honours the salt like next-auth (a salted token needs the same salt)", async () => {
    const theirs = await nextAuthEncode({ secret, token: claims, salt: "authjs.session-token" });
    expect(await decode({ secret, token: theirs, salt: "authjs.session-token" })).toMatchObject(claims);
    expect(await decode({ secret, token: theirs })).toBeNull();
    const ours = await encode({ secret, token: claims, salt: "x" });
    expect(await nextAuthDecode({ secret, token: ours, salt: "x" })).toMatchObject(claims);
    await expect(nextAuthDecode({ secret, token: ours })).rejects.toThrow();
  });

  it("rejects (null) tampered tokens in every segment, other secrets, garbage and nothing", async () => {
    const token = await encode({ secret, token: claims });
    for (const segment of [0, 2, 3, 4]) {
      const bad = tamper(token, segment);
      expect(bad).not.toBe(token);
      expect(await decode({ secret, token: bad }), `segment ${segment}`).toBeNull();
      await expect(nextAuthDecode({ secret, token: bad })).rejects.toThrow();
    }
    expect(await decode({ secret: `${secret}x`, token })).toBeNull();
    expect(
      await decode({ secret, token: await nextAuthEncode({ secret: "another secret", token: claims }) }),
    ).toBeNull();
    for (const junk of ["", "a.b.c.d.e", "not a token", token.split(".").slice(0, 4).join(".")]) {
      expect(await decode({ secret, token: junk })).toBeNull();
    }
    expect(await decode({ secret, token: undefined })).toBeNull();
  });

  it("rejects expired tokens beyond next-auth's 15 s clock tolerance, as next-auth does", async () => {
    const expired = await encode({ secret, token: claims, maxAge: -60 });
    expect(await decode({ secret, token: expired })).toBeNull();
    await expect(nextAuthDecode({ secret, token: expired })).rejects.toThrow(/exp/);
    const theirsExpired = await nextAuthEncode({ secret, token: claims, maxAge: -60 });
    expect(await decode({ secret, token: theirsExpired })).toBeNull();
    const withinTolerance = await encode({ secret, token: claims, maxAge: -5 });
    expect(await decode({ secret, token: withinTolerance })).toMatchObject(claims);
    expect(await nextAuthDecode({ secret, token: withinTolerance })).toMatchObject(claims);
  });

  it("derives the key next-auth derives, once per secret and salt", async () => {
    const expected = await hkdf("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32);
    expect(Buffer.from(await encryptionKey(secret))).toEqual(Buffer.from(expected));
    const salted = await hkdf("sha256", secret, "s", "NextAuth.js Generated Encryption Key (s)", 32);
    expect(Buffer.from(await encryptionKey(secret, "s"))).toEqual(Buffer.from(salted));
    expect(encryptionKey(secret)).toBe(encryptionKey(secret));
    expect(encryptionKey(secret)).not.toBe(encryptionKey(`${secret}2`));
    expect(encryptionKey(secret)).not.toBe(encryptionKey(secret, "s"));
    // A Buffer secret is the same key material as its string.
    expect(Buffer.from(await encryptionKey(Buffer.from(secret)))).toEqual(Buffer.from(expected));
  });

  it("works as getToken's decode (what the middleware does with the cookie)", async () => {
    const token = await nextAuthEncode({ secret, token: claims });
    const req = new NextRequest("http://localhost/w/x/inbox", {
      headers: { cookie: `next-auth.session-token=${token}` },
    });
    expect(await getToken({ req, secret, decode })).toMatchObject(claims);
    const tampered = new NextRequest("http://localhost/w/x/inbox", {
      headers: { cookie: `next-auth.session-token=${tamper(token, 3)}` },
    });
    expect(await getToken({ req: tampered, secret, decode })).toBeNull();
    expect(await getToken({ req: new NextRequest("http://localhost/"), secret, decode })).toBeNull();
  });
});
