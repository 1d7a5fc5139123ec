// The optimistic, token-only decision of middleware.ts (docs/ARCHITECTURE.md, the request path). Pure: no database,
// no Next imports, so it can be unit-tested and benchmarked in-process.
import type { TokenClaims } from "@/lib/auth/claims";
import { CLAIMS_TTL_SECONDS } from "@/lib/auth/claims";
import { PERMISSION_SET_VERSION, hasPermission, routePermissions } from "./matrix";

export type GateDecision = "public" | "signin" | "unauthorized" | "forbidden" | "pass";

const PUBLIC = [
  /^\/signin(\/|$)/,
  /^\/signout$/,
  /^\/invite\//,
  /^\/api\/auth(\/|$)/,
  // Single sign-on: the authorization request and the identity provider's answer.
  /^\/api\/sso\/(start|callback)$/,
  /^\/api\/health(\/live|\/ready)?$/,
  // Authorizes itself with the CRON_SECRET bearer token (app/api/cron/[job]/route.ts).
  /^\/api\/cron\/[^/]+$/,
  /^\/api\/csp-report$/,
  /^\/dev(\/|$)/,
  /^\/forbidden$/,
];

export function gate(pathname: string, token: TokenClaims | null, nowSeconds = Date.now() / 1000): GateDecision {
  if (PUBLIC.some((re) => re.test(pathname))) return "public";
  if (!token?.uid) return pathname.startsWith("/api/") ? "unauthorized" : "signin";
  // Denials from stale claims are left to the server guard, which reads the database.
  const fresh = nowSeconds - (token.cat ?? 0) <= CLAIMS_TTL_SECONDS;
  const ws = /^\/w\/([^/]+)(?:\/(.*))?$/.exec(pathname);
  if (ws) {
    const claim = token.ws?.[ws[1]];
    // No claim, or a permission set written with another numbering (a token from before a deploy): the server decides.
    if (!claim || typeof claim.p !== "number" || token.pv !== PERMISSION_SET_VERSION) return "pass";
    const set = claim.p;
    const allowed = routePermissions(ws[2] ?? "").every((p) => hasPermission(set, p));
    return allowed || !fresh ? "pass" : "forbidden";
  }
  const org = /^\/org\/([^/]+)(?:\/|$)/.exec(pathname);
  if (org && fresh && !token.oax && !(token.oa ?? []).includes(org[1])) return "forbidden";
  return "pass";
}
