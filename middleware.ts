import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { gate } from "@/lib/access/edge-gate";
import { decode } from "@/lib/auth/jwt";
import { authSecret, baseUrl, isProduction } from "@/lib/env";
import { newNonce, securityHeaders } from "@/lib/security/headers";
import { refuseRequest } from "@/lib/security/request-shape";
import { REQUEST_ID_HEADER, requestIdOf } from "@/lib/request-id";

// Edge, token only, never the only check: every page, route and action authorizes again.
// Every response also gets its security headers here, with a fresh CSP nonce: Next.js reads the
// nonce from the request's Content-Security-Policy header and puts it on the scripts it writes.
// The request id (lib/request-id.ts: the caller's if safe, else a fresh one) is forwarded to the
// server on the request headers, so its log lines and audit rows carry it, and set on the response.
export async function middleware(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const requestId = requestIdOf(req.headers.get(REQUEST_ID_HEADER));
  const nonce = newNonce();
  const security = securityHeaders(nonce, { development: !isProduction(), https: baseUrl().startsWith("https:") });
  const refused = await refuseRequest(req);
  const token = refused ? null : await getToken({ req, secret: authSecret(), decode }).catch(() => null);
  const decision = refused ?? gate(pathname, token);
  let res: NextResponse;
  if (decision === 400 || decision === 403) {
    res = new NextResponse(decision === 400 ? "Bad Request" : "Forbidden", { status: decision });
  } else if (decision === "signin") {
    const url = new URL("/signin", req.url);
    url.search = "";
    url.searchParams.set("callbackUrl", pathname + search);
    res = NextResponse.redirect(url);
  } else if (decision === "unauthorized") {
    res = new NextResponse("Unauthorized", { status: 401 });
  } else {
    const request = { headers: new Headers(req.headers) };
    request.headers.set("content-security-policy", security.get("content-security-policy")!);
    request.headers.set(REQUEST_ID_HEADER, requestId);
    res =
      decision === "forbidden"
        ? NextResponse.rewrite(new URL("/forbidden", req.url), { status: 403, request })
        : NextResponse.next({ request });
  }
  security.forEach((value, key) => res.headers.set(key, value));
  res.headers.set(REQUEST_ID_HEADER, requestId);
  return res;
}

export const config = {
  // Not the presence heartbeat (POST every 25 s from every open page, bench/README.md, B8): its
  // route authorizes fully itself (session → membership row), the gate could only answer
  // what the route answers (401 without a session, else pass), and running the edge
  // middleware costs more CPU than the whole route (≈1.5 ms of ≈3 ms per heartbeat).
  matcher: [
    "/((?!api/presence/heartbeat$|_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|jpg|svg|ico|webp)$).*)",
  ],
};
