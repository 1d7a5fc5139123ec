import { signIn } from "next-auth/react";
import type { MessageKey } from "@/lib/i18n/translate";

export type SendLinkResult = { ok: true } | { ok: false; field: boolean; key: MessageKey; sso?: boolean };

/**
 * Ask next-auth for a magic link without leaving the page. The guard in front of
 * next-auth answers "InvalidEmail" / "RateLimited"; anything else (or a network
 * failure) is a generic error — never raw text.
 */
export async function sendSignInLink(email: string, callbackUrl: string): Promise<SendLinkResult> {
  try {
    const res = await signIn("email", { email, callbackUrl, redirect: false });
    if (res?.ok && !res.error) return { ok: true };
    if (res?.error === "InvalidEmail") return { ok: false, field: true, key: "errors.email.invalid" };
    if (res?.error === "RateLimited") return { ok: false, field: false, key: "errors.rateLimited" };
    if (res?.error === "SsoRequired") return { ok: false, field: false, key: "auth.signin.ssoRequired", sso: true };
    return { ok: false, field: false, key: "auth.signin.error" };
  } catch {
    return { ok: false, field: false, key: "auth.signin.error" };
  }
}
