import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/env";

// Secrets the server must read back (the authenticator app's TOTP secret), sealed at rest with
// AES-256-GCM under a key derived (HKDF-SHA256) from NEXTAUTH_SECRET with a purpose label, so a
// copy of the database alone does not give the secrets away. Format: v1.<iv>.<ciphertext+tag>
// (base64url). Changing NEXTAUTH_SECRET makes every sealed value unreadable (docs/SECURITY.md).

const VERSION = "v1";
const keys = new Map<string, Buffer>();

function keyFor(purpose: string, secret: string): Buffer {
  const k = `${purpose}\u0000${secret}`;
  let key = keys.get(k);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "switchboard", `switchboard seal: ${purpose}`, 32));
    keys.set(k, key);
  }
  return key;
}

/** Seal `plain` for `purpose` (the purpose is also bound as associated data). */
export function seal(purpose: string, plain: string, secret = authSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose, secret), iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

/** The plain value, or null when it was sealed for another purpose, under another key, or tampered with. */
export function unseal(purpose: string, sealed: string, secret = authSecret()): string | null {
  const [version, ivText, bodyText] = sealed.split(".");
  if (version !== VERSION || !ivText || !bodyText) return null;
  try {
    const iv = Buffer.from(ivText, "base64url");
    const body = Buffer.from(bodyText, "base64url");
    if (iv.length !== 12 || body.length < 17) return null;
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose, secret), iv);
    decipher.setAAD(Buffer.from(purpose, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
