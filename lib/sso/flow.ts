import "server-only";
import { ssoEncryptionKey } from "@/lib/env";
import { openWithKey, sealWithKey } from "@/lib/security/seal";
import { isUuid } from "@/lib/validation/id";

// The state of one authorization request between /api/sso/start and /api/sso/callback: the
// org, state, nonce and PKCE verifier, sealed (AES-256-GCM) in a short-lived httpOnly cookie
// scoped to /api/sso. Nothing of it is readable or forgeable by the browser.

export const FLOW_COOKIE = "sb-sso-flow";
export const FLOW_TTL_SECONDS = 10 * 60;
const AAD = "sso-flow";

export interface Flow {
  orgId: string;
  state: string;
  nonce: string;
  verifier: string;
  expiresAt: number;
}

export function sealFlow(flow: Flow): string {
  const key = ssoEncryptionKey();
  if (!key.ok) throw new Error("SSO_ENCRYPTION_KEY missing");
  return sealWithKey(key.key, JSON.stringify(flow), AAD);
}

/** The flow in a cookie value, or null (missing, tampered with, expired, other key). */
export function openFlow(value: string | undefined, now = Date.now()): Flow | null {
  const key = ssoEncryptionKey();
  if (!value || !key.ok) return null;
  const text = openWithKey(key.key, value, AAD);
  if (!text) return null;
  try {
    const f = JSON.parse(text) as Partial<Flow>;
    if (!isUuid(f.orgId) || typeof f.state !== "string" || typeof f.nonce !== "string") return null;
    if (typeof f.verifier !== "string" || typeof f.expiresAt !== "number" || f.expiresAt <= now) return null;
    return f as Flow;
  } catch {
    return null;
  }
}

/** The cookie as a Set-Cookie header value; `value` null clears it. */
export function flowCookie(value: string | null, secure: boolean): string {
  const name = `${secure ? "__Secure-" : ""}${FLOW_COOKIE}`;
  const attrs = ["Path=/api/sso", "HttpOnly", "SameSite=Lax", secure ? "Secure" : ""].filter(Boolean).join("; ");
  return value === null ? `${name}=; Max-Age=0; ${attrs}` : `${name}=${value}; Max-Age=${FLOW_TTL_SECONDS}; ${attrs}`;
}

export function readFlowCookie(req: Request, secure: boolean): string | undefined {
  const name = `${secure ? "__Secure-" : ""}${FLOW_COOKIE}`;
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [k, ...rest] = part.trim().split("=");
    if (k === name) return rest.join("=");
  }
  return undefined;
}
