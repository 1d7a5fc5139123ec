import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { gate } from "@/lib/access/edge-gate";
import { decode } from "@/lib/auth/jwt";
import { authSecret } from "@/lib/env";

// Edge, token only, never the only check: every page, route and action authorizes again.
export async function middleware(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const token = await getToken({ req, secret: authSecret(), decode }).catch(() => null);
  const decision = gate(pathname, token);
  if (decision === "signin") {
    const url = new URL("/signin", req.url);
    url.search = "";
    url.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(url);
  }
  if (decision === "unauthorized") return new NextResponse("Unauthorized", { status: 401 });
  if (decision === "forbidden") return NextResponse.rewrite(new URL("/forbidden", req.url), { status: 403 });
  return NextResponse.next();
}

export const config = {
  // Not the presence heartbeat (POST every 25 s from every open page, issue #5 B8): its
  // route authorizes fully itself (session → membership row), the gate could only answer
  // what the route answers (401 without a session, else pass), and running the edge
  // middleware costs more CPU than the whole route (≈1.5 ms of ≈3 ms per heartbeat).
  matcher: [
    "/((?!api/presence/heartbeat$|_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|jpg|svg|ico|webp)$).*)",
  ],
};
