// The session JWT, wire-compatible with next-auth v4's own `encode`/`decode`
// (node_modules/next-auth/jwt/index.js): an encrypted JWT (JWE, "dir" + A256GCM) whose key
// is HKDF-SHA256(secret, salt, "NextAuth.js Generated Encryption Key[ (salt)]", 32 bytes),
// with iat / exp / jti claims. The only difference: the key is derived once per secret and
// salt, not on every call (next-auth v4 derives it three times per authenticated request:
// middleware decode, getServerSession decode, re-encode).
//
// Edge-safe: `jose` and `@panva/hkdf` pick Web Crypto in the edge runtime (middleware) and
// node:crypto on the server; no Node imports here.
import hkdf from "@panva/hkdf";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;
/** Same tolerance as next-auth's decode. */
const CLOCK_TOLERANCE_SECONDS = 15;
const now = () => (Date.now() / 1000) | 0;

/** Derived keys by (secret, salt). A process has one secret (two during a rotation). */
const keys = new Map<string, Promise<Uint8Array>>();
const MAX_KEYS = 16;

function cacheKey(secret: string | Uint8Array, salt: string): string {
  const material =
    typeof secret === "string"
      ? `s${secret}`
      : `b${Array.from(secret, (b) => b.toString(16).padStart(2, "0")).join("")}`;
  return `${salt.length}:${salt}:${material}`;
}

/** The JWE key for this secret and salt, derived once (a failed derivation is not cached). */
export function encryptionKey(secret: string | Uint8Array, salt = ""): Promise<Uint8Array> {
  const k = cacheKey(secret, salt);
  let key = keys.get(k);
  if (!key) {
    if (keys.size >= MAX_KEYS) keys.clear();
    key = hkdf("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32);
    keys.set(k, key);
    key.catch(() => keys.delete(k));
  }
  return key;
}

export async function encode({
  token = {},
  secret,
  maxAge = DEFAULT_MAX_AGE,
  salt = "",
}: JWTEncodeParams): Promise<string> {
  const key = await encryptionKey(secret, salt);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(now() + maxAge)
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

/**
 * The token's payload, or null when it is missing, malformed, tampered with, expired, or
 * made with another secret (next-auth's decode throws there; every caller maps that to
 * "no session", so null is the same answer without an exception).
 */
export async function decode({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  try {
    const key = await encryptionKey(secret, salt);
    const { payload } = await jwtDecrypt(token, key, { clockTolerance: CLOCK_TOLERANCE_SECONDS });
    return payload as JWT;
  } catch {
    return null;
  }
}
