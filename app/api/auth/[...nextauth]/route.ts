import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
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
 * next-auth's own 400s carry its raw text ("Error: This action with HTTP GET is not supported"
 * for an unknown provider, "[object Object]" for a session update without its CSRF token).
 */
async function tidy(res: Response): Promise<Response> {
  if (res.status !== 400) return res;
  const text = await res.clone().text();
  if (text.startsWith("Error:")) return plain(404, "Not Found");
  if (text === "[object Object]") return plain(400, "Bad Request");
  return res;
}

async function GET(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (!ACTIONS.GET.has(nextauth[0])) return plain(404, "Not Found");
  return (await malformed(req)) ?? tidy(await handler(req, ctx));
}

async function POST(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (!ACTIONS.POST.has(nextauth[0])) return plain(404, "Not Found");
  const refused = await malformed(req);
  if (refused) return refused;
  if (nextauth.join("/") === "signin/email") {
    const limited = await guardEmailSignIn(req.clone());
    if (limited) return limited;
  }
  return tidy(await handler(req, ctx));
}

export { GET, POST };
