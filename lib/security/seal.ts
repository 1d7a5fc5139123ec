import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/env";

// Secrets the server must read back, sealed at rest with AES-256-GCM: a random 96-bit IV per value and
// the 128-bit tag checked on open. Stored as "v1.<iv>.<tag>.<ciphertext>" (base64url). The associated
// data binds a value to where it belongs, so a sealed value copied elsewhere does not open.
// Two keys are in use (docs/SECURITY.md):
// - an organization's OpenID Connect client secret: SSO_ENCRYPTION_KEY, bound to the org id
//   (sealWithKey / openWithKey, lib/services/sso-settings.ts) — as is the SSO flow cookie;
// - an authenticator app's TOTP secret: a key derived (HKDF-SHA256) from NEXTAUTH_SECRET per purpose
//   (seal / unseal). Changing NEXTAUTH_SECRET makes those unreadable.

const VERSION = "v1";

export function sealWithKey(key: Uint8Array, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

/** The plaintext, or null when the value is malformed, under another key or associated data, or tampered with. */
export function openWithKey(key: Uint8Array, sealed: string, aad: string): string | null {
  const [v, iv, tag, body] = sealed.split(".");
  if (v !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

const derived = new Map<string, Buffer>();

function keyFor(purpose: string, secret: string): Buffer {
  const k = `${purpose}\u0000${secret}`;
  let key = derived.get(k);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "switchboard", `switchboard seal: ${purpose}`, 32));
    derived.set(k, key);
  }
  return key;
}

/** Seal `plain` for `purpose` under the key derived from NEXTAUTH_SECRET (the purpose is the associated data). */
export function seal(purpose: string, plain: string, secret = authSecret()): string {
  return sealWithKey(keyFor(purpose, secret), plain, purpose);
}

/** The plain value, or null when it was sealed for another purpose, under another secret, or tampered with. */
export function unseal(purpose: string, sealed: string, secret = authSecret()): string | null {
  return openWithKey(keyFor(purpose, secret), sealed, purpose);
}
