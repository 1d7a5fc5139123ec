import * as client from "openid-client";
import { getDb } from "@/db";
import { baseUrl, ssoEncryptionKey, ssoStartLimitPerIp } from "@/lib/env";
import { scoped } from "@/lib/log";
import { clientIp } from "@/lib/request-ip";
import { openWithKey } from "@/lib/security/seal";
import { consumeRateLimit } from "@/lib/services/rate-limit";
import { flowCookie, FLOW_TTL_SECONDS, sealFlow } from "@/lib/sso/flow";
import { ssoForEmail } from "@/lib/sso/lookup";
import { discover } from "@/lib/sso/oidc";
import { normalizeEmail } from "@/lib/validation/email";

export const dynamic = "force-dynamic";

const log = scoped("sso");
const WINDOW_SECONDS = 15 * 60;

const toSignIn = (error: string) =>
  new Response(null, { status: 303, headers: { location: `${baseUrl()}/signin?error=${error}` } });

/**
 * GET /api/sso/start?email=…: the authorization request (code flow, PKCE S256, state, nonce) to
 * the identity provider of the organization whose verified domain covers the address. Rate-limited
 * per IP. docs/SECURITY.md, Single sign-on.
 */
export async function GET(req: Request): Promise<Response> {
  const raw = new URL(req.url).searchParams.get("email");
  const email = raw ? normalizeEmail(raw) : null;
  if (!email) return toSignIn("InvalidEmail");
  const db = await getDb();
  if (!(await consumeRateLimit(db, `sso:start:ip:${clientIp(req.headers)}`, ssoStartLimitPerIp(), WINDOW_SECONDS)))
    return toSignIn("RateLimited");
  const key = ssoEncryptionKey();
  const target = key.ok ? await ssoForEmail(db, email) : null;
  if (!key.ok || !target) return toSignIn("SsoUnavailable");
  const secret = openWithKey(key.key, target.secretSealed, target.orgId);
  if (secret === null) {
    log.error({ orgId: target.orgId }, "sso client secret does not open (SSO_ENCRYPTION_KEY changed?)");
    return toSignIn("SsoFailed");
  }
  let config: client.Configuration;
  try {
    config = await discover(target.issuer, target.clientId, secret);
  } catch (err) {
    log.warn({ err, orgId: target.orgId }, "sso discovery failed");
    return toSignIn("SsoFailed");
  }
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${baseUrl()}/api/sso/callback`,
    scope: "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    login_hint: email,
  });
  const value = sealFlow({
    orgId: target.orgId,
    state,
    nonce,
    verifier,
    expiresAt: Date.now() + FLOW_TTL_SECONDS * 1000,
  });
  return new Response(null, {
    status: 303,
    headers: {
      location: url.href,
      "set-cookie": flowCookie(value, baseUrl().startsWith("https://")),
      "cache-control": "no-store",
    },
  });
}
