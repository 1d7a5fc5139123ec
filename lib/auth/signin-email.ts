import "server-only";
import { cookies, headers } from "next/headers";
import { getDb } from "@/db";
import { baseUrl } from "@/lib/env";
import { LOCALE_COOKIE, resolveLocale, type Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/catalog";
import { renderEmail } from "@/lib/mail/render";
import { enqueueMail, kickMail } from "@/lib/mail/queue";
import { ssoRequiredFor } from "@/lib/sso/lookup";

async function requestLocale(): Promise<string | null> {
  try {
    const [c, h] = await Promise.all([cookies(), headers()]);
    return resolveLocale({ cookie: c.get(LOCALE_COOKIE)?.value, acceptLanguage: h.get("accept-language") });
  } catch {
    return null;
  }
}

/** Rebase a link onto the configured base URL: never trust the Host a request came with. */
export function linkFromBase(url: string): string {
  const parsed = new URL(url, baseUrl());
  return baseUrl() + parsed.pathname + parsed.search;
}

export async function sendSignInEmail(email: string, url: string): Promise<void> {
  const db = await getDb();
  // Second line behind lib/auth/signin-guard.ts: never mail a link to an address that must use SSO.
  if (await ssoRequiredFor(db, email)) throw new Error("single sign-on required for this address");
  const user = await db.selectFrom("users").select("locale").where("email", "=", email).executeTakeFirst();
  const locale = resolveLocale({ user: user?.locale, cookie: await requestLocale() }) as Locale;
  const t = translatorFor(locale);
  const link = linkFromBase(url);
  const { html, text } = renderEmail(locale, {
    heading: t("mail.signin.heading"),
    paragraphs: [t("mail.signin.body", { email })],
    button: { label: t("mail.signin.button"), url: link },
    after: [t("mail.signin.ignore")],
    footer: t("mail.footer"),
  });
  // next-auth v4 writes the verification token itself (adapter.createVerificationToken, run beside this
  // callback in one Promise.all), outside any transaction of ours: the mail is queued on its own, and a
  // failure here fails the sign-in request as before. Delivery is the mail job's (lib/mail/queue.ts), so
  // SMTP being down no longer loses the link: it goes out when SMTP is back.
  await enqueueMail(db, { kind: "signin", to: email, subject: t("mail.signin.subject"), text, html });
  kickMail();
}
