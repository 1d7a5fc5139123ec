import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { pendingSession } from "@/lib/auth/session";
import { guardEmailSignIn } from "@/lib/auth/signin-guard";
import { baseUrl } from "@/lib/env";

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth's own actions (next-auth/core/index.js). Anything else it answers 400 with its
// raw error text ("Error: This action with HTTP GET is not supported"): a plain 404 instead.
const ACTIONS = {
  GET: new Set(["providers", "session", "csrf", "signin", "signout", "callback", "verify-request", "error"]),
  POST: new Set(["signin", "signout", "callback", "session", "_log"]),
};
const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, { status, headers: { "content-type": "text/plain", ...headers } });

/** next-auth's own test of a callback URL (core/lib/assert.js); it answers 500 to anything else. */
function acceptedCallback(value: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith("/") ? baseUrl() : undefined).protocol);
  } catch {
    return false;
  }
}

/** What next-auth would answer with a 500 (a broken callback URL or JSON body): a 400 instead. */
async function malformed(req: Request): Promise<Response | null> {
  // Every value: next-auth reads the last of several.
  const callbacks = new URL(req.url).searchParams.getAll("callbackUrl");
  if (callbacks.some((c) => c && !acceptedCallback(c))) return plain(400, "Bad Request");
  const cookies = (req.headers.get("cookie") ?? "").split(";").map((c) => c.trim().split("="));
  for (const [name, ...rest] of cookies) {
    if (!CALLBACK_COOKIES.includes(name)) continue;
    let value = rest.join("=");
    try {
      value = decodeURIComponent(value);
    } catch {}
    if (value && !acceptedCallback(value))
      return plain(400, "Bad Request", { "set-cookie": `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax` });
  }
  if (req.method === "POST" && req.headers.get("content-type")?.includes("application/json")) {
    try {
      JSON.parse(await req.clone().text());
    } catch {
      return plain(400, "Bad Request");
    }
  }
  return null;
}

/**
 * next-auth's own 4xx and 5xx carry its raw text ("Error: This action with HTTP GET is not
 * supported" for an unknown provider, "[object Object]" for a session update without its CSRF
 * token) or JSON about its configuration: a plain status instead, whatever the case. A throw
 * inside next-auth (a header it cannot build from the request) is a plain 400 as well.
 */
async function tidy(run: () => Promise<Response>): Promise<Response> {
  let res: Response;
  try {
    res = await run();
  } catch {
    return plain(400, "Bad Request");
  }
  if (res.status < 400) return res;
  if (res.status === 400 && (await res.clone().text()).startsWith("Error:")) return plain(404, "Not Found");
  return res.status >= 500
    ? plain(400, "Bad Request")
    : plain(res.status, res.status === 404 ? "Not Found" : "Bad Request");
}

/**
 * next-auth's error page puts `?error=` into its redirect unencoded, so a value with a newline or
 * a non-Latin-1 character makes the Location header throw (a 500). The sign-in page shows every
 * error; send the value there encoded.
 */
function errorPage(req: Request): Response {
  const error = new URL(req.url).searchParams.get("error") ?? "Default";
  const to = new URL("/signin", baseUrl());
  to.searchParams.set("error", error.slice(0, 64));
  return new Response(null, { status: 302, headers: { location: to.toString() } });
}

/**
 * A session still waiting for its second factor is signed out for the browser's session fetch
 * too (useSession): next-auth's own "no session" answer, and the cookie left as it is.
 */
async function pendingAnswer(action: string): Promise<Response | null> {
  if (action !== "session") return null;
  const pending = await pendingSession().catch(() => null);
  return pending ? Response.json({}, { headers: { "cache-control": "no-store" } }) : null;
}

async function GET(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (!ACTIONS.GET.has(nextauth[0])) return plain(404, "Not Found");
  if (nextauth[0] === "error") return errorPage(req);
  return (await malformed(req)) ?? (await pendingAnswer(nextauth[0])) ?? tidy(() => handler(req, ctx));
}

async function POST(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (!ACTIONS.POST.has(nextauth[0])) return plain(404, "Not Found");
  const refused = (await malformed(req)) ?? (await pendingAnswer(nextauth[0]));
  if (refused) return refused;
  if (nextauth.join("/") === "signin/email") {
    const limited = await guardEmailSignIn(req.clone());
    if (limited) return limited;
  }
  return tidy(() => handler(req, ctx));
}

export { GET, POST };
