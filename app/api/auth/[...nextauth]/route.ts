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
  const callback = new URL(req.url).searchParams.get("callbackUrl");
  if (callback && !acceptedCallback(callback)) return plain(400, "Bad Request");
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

async function GET(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (!ACTIONS.GET.has(nextauth[0])) return plain(404, "Not Found");
  return (await malformed(req)) ?? handler(req, ctx);
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
  const res: Response = await handler(req, ctx);
  // A session update without a valid CSRF token: next-auth answers 400 with "[object Object]".
  if (nextauth[0] === "session" && res.status === 400) return plain(400, "Bad Request");
  return res;
}

export { GET, POST };
