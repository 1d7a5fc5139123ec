import * as client from "openid-client";
import { getDb } from "@/db";
import { issueSession } from "@/lib/auth/issue-session";
import { baseUrl, ssoEncryptionKey } from "@/lib/env";
import { scoped } from "@/lib/log";
import { clientIp } from "@/lib/request-ip";
import { openWithKey } from "@/lib/security/seal";
import { flowCookie, openFlow, readFlowCookie } from "@/lib/sso/flow";
import { ssoConfigOf, ssoOfOrgForEmail } from "@/lib/sso/lookup";
import { discover } from "@/lib/sso/oidc";
import { completeSsoSignIn } from "@/lib/sso/signin";
import { normalizeEmail } from "@/lib/validation/email";

export const dynamic = "force-dynamic";

const log = scoped("sso");

/**
 * GET /api/sso/callback: the identity provider's answer. openid-client checks state, PKCE, the
 * id token's signature, issuer, audience and nonce; we require email_verified === true and the
 * address in one of the org's verified domains, then sign in as the magic link does (a
 * user_sessions row, method "sso"). The flow cookie is cleared whatever happens.
 */
export async function GET(req: Request): Promise<Response> {
  const secure = baseUrl().startsWith("https://");
  const clear = flowCookie(null, secure);
  const go = (path: string) =>
    new Response(null, {
      status: 303,
      headers: { location: `${baseUrl()}${path}`, "set-cookie": clear, "cache-control": "no-store" },
    });
  const fail = (error: string) => go(`/signin?error=${error}`);

  const flow = openFlow(readFlowCookie(req, secure));
  const key = ssoEncryptionKey();
  if (!flow || !key.ok) return fail("SsoFailed");
  const db = await getDb();
  const config = await ssoConfigOf(db, flow.orgId);
  const secret = config ? openWithKey(key.key, config.secretSealed, config.orgId) : null;
  if (!config || secret === null) return fail("SsoFailed");
  // The URL the provider redirected to, rebuilt on the configured base: never the request's Host.
  const current = new URL(`${baseUrl()}/api/sso/callback${new URL(req.url).search}`);
  let claims: { email?: unknown; email_verified?: unknown; name?: unknown } | undefined;
  try {
    const oidc = await discover(config.issuer, config.clientId, secret);
    const tokens = await client.authorizationCodeGrant(oidc, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    // A provider may keep the scope's claims for the UserInfo endpoint (OpenID Connect Core 5.4);
    // openid-client checks there that its `sub` is the id token's.
    claims =
      idToken && (idToken.email === undefined || idToken.email_verified === undefined)
        ? { ...(await client.fetchUserInfo(oidc, tokens.access_token, idToken.sub)) }
        : (idToken as { email?: unknown; email_verified?: unknown; name?: unknown } | undefined);
  } catch (err) {
    log.warn(
      { err: { name: (err as Error)?.name, code: (err as { code?: string })?.code }, orgId: flow.orgId },
      "sso callback refused",
    );
    return fail("SsoFailed");
  }
  if (!claims) return fail("SsoFailed");
  if (claims.email_verified !== true) return fail("SsoEmailUnverified");
  const email = typeof claims.email === "string" ? normalizeEmail(claims.email) : null;
  if (!email) return fail("SsoEmailUnverified");
  const target = await ssoOfOrgForEmail(db, flow.orgId, email);
  if (!target) return fail("SsoDomain");
  const name = typeof claims.name === "string" ? claims.name : null;
  const outcome = await completeSsoSignIn(db, target, { email, name, ip: clientIp(req.headers) });
  if (outcome.kind === "noAccess") return go(`/signin/no-access?email=${encodeURIComponent(email)}`);
  await issueSession(outcome.user, "sso");
  return go(outcome.path);
}
