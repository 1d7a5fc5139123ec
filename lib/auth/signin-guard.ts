import "server-only";
import { getDb } from "@/db";
import { baseUrl, signInLimits } from "@/lib/env";
import { clientIp } from "@/lib/request-ip";
import { consumeRateLimit } from "@/lib/services/rate-limit";
import { ssoRequiredFor } from "@/lib/sso/lookup";
import { normalizeEmail } from "@/lib/validation/email";

const WINDOW_SECONDS = 15 * 60;
const LIMITS = signInLimits();

function refuse(error: "InvalidEmail" | "RateLimited" | "SsoRequired", wantsJson: boolean, status: number): Response {
  const url = `${baseUrl()}/signin?error=${error}`;
  // next-auth's client reads `{ url }` and takes `error` from its query string.
  if (wantsJson) return Response.json({ url }, { status });
  return Response.redirect(url, 303);
}

/**
 * The one door to a sign-in email: refuse what is not one plain address, rate-limit per
 * address and per IP, and refuse an address whose domain requires single sign-on, before
 * next-auth makes a token and sends mail. Returns a
 * response when refused, null to go on.
 */
export async function guardEmailSignIn(req: Request): Promise<Response | null> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return refuse("InvalidEmail", false, 400);
  }
  const wantsJson = form.get("json") === "true";
  const raw = form.get("email");
  const email = typeof raw === "string" ? normalizeEmail(raw) : null;
  if (!email) return refuse("InvalidEmail", wantsJson, 400);
  const db = await getDb();
  const ip = clientIp(req.headers);
  const okEmail = await consumeRateLimit(db, `signin:email:${email}`, LIMITS.perEmail, WINDOW_SECONDS);
  const okIp = await consumeRateLimit(db, `signin:ip:${ip}`, LIMITS.perIp, WINDOW_SECONDS);
  if (!okEmail || !okIp) return refuse("RateLimited", wantsJson, 429);
  // A verified domain that requires single sign-on gets no email link (docs/SECURITY.md, Single sign-on).
  if (await ssoRequiredFor(db, email)) return refuse("SsoRequired", wantsJson, 403);
  return null;
}
