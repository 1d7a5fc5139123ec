import { type Cookie, type Page } from "@playwright/test";
import { expect } from "./test";
import { DEMO_APP } from "./env";

// Signing in on the demo app as a person does: the address, "Email me a sign-in link", the
// development mailbox, the link. The sign-in page allows 5 links per address in 15 minutes
// (lib/auth/signin-guard.ts), and several specs sign the same demo Owner in; so, as a person
// who is already signed in would, a later sign-in of the same address in this worker reuses
// the session the first one got (its cookies and where it landed).

const sessions = new Map<string, { cookies: Cookie[]; landing: string }>();

/**
 * Signs `email` in on `base` (the demo app); returns the workspace id it lands in. `fresh`: a
 * new sign-in (a session of its own, server-side) that is neither reused nor kept for reuse —
 * for a spec that ends sessions, so a later spec never reuses an ended one.
 */
export async function demoSignIn(
  page: Page,
  email: string,
  base = DEMO_APP,
  opts: { fresh?: boolean } = {},
): Promise<string> {
  const key = `${base} ${email}`;
  const saved = opts.fresh ? undefined : sessions.get(key);
  if (saved) {
    await page.context().addCookies(saved.cookies);
    await page.goto(saved.landing);
  } else {
    await page.goto(`${base}/signin`);
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await page.goto(`${base}/dev/mailbox`);
    // Newest first: the first row for this address is the link just sent.
    await page.getByRole("row").filter({ hasText: email }).first().getByRole("link").first().click();
    await page.getByRole("link", { name: "Open the link" }).click();
  }
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/\w+/, { timeout: 20_000 });
  if (!saved && !opts.fresh) {
    const cookies = (await page.context().cookies(base)).filter((c) => c.name.startsWith("next-auth."));
    sessions.set(key, { cookies, landing: page.url() });
  }
  return /\/w\/([0-9a-f-]{36})/.exec(page.url())![1];
}
