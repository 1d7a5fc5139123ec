import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { demoSignIn } from "./support/signin";
import { DEMO_APP } from "./support/env";
import { saveAccountLanguage } from "./support/language";

// Passkeys (docs/PRODUCT.md, Two-step sign-in) on the demo app, in Chromium with its virtual
// authenticator (DevTools protocol WebAuthn domain): a demo Agent adds a passkey on /account,
// signs out, follows the magic link, is sent to /signin/verify and gets in with "Use a passkey".
// Then the passkey is removed (it is the last factor, so with a recovery code), so later specs
// sign this person in with the link alone. Screenshots (en + ar): test-results/screens/passkeys-*.png.
const SCREENS = "test-results/screens";
const AGENT = "agent.nosnippets@example.com";

test.beforeAll(() => {
  mkdirSync(SCREENS, { recursive: true });
});

async function followLink(page: Page, email: string) {
  await page.goto(`${DEMO_APP}/signin`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(`${DEMO_APP}/dev/mailbox`);
  await page.getByRole("row").filter({ hasText: email }).first().getByRole("link").first().click();
  await page.getByRole("link", { name: "Open the link" }).click();
}

async function signOut(page: Page) {
  await page.goto(`${DEMO_APP}/signout`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

test("add a passkey on /account, sign in with it after the magic link, remove it", async ({ page, context }) => {
  test.setTimeout(180_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  try {
    await demoSignIn(page, AGENT, DEMO_APP, { fresh: true });
    await page.goto(`${DEMO_APP}/account`);
    const section = page.locator("#two-step");
    await expect(section.getByRole("heading", { name: "Passkeys" })).toBeVisible();
    await expect(section.getByText("No passkeys yet.")).toBeVisible();
    await section.getByLabel("Passkey name").fill("Test laptop");
    await section.getByRole("button", { name: "Add a passkey" }).click();
    // The first factor brings the ten recovery codes, shown once.
    await expect(section.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
    const codes = (await section.getByTestId("recovery-code").allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    await section.getByRole("button", { name: "I've saved them" }).click();
    await expect(section.getByTestId("passkey-name")).toHaveText(["Test laptop"]);
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENS}/passkeys-account-en.png`, fullPage: true });
    // The user's saved language outranks a cookie here (signed in): save Arabic, then English again.
    await saveAccountLanguage(page, "ar");
    await expect(section.getByRole("heading", { name: "مفاتيح المرور" })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/passkeys-account-ar.png`, fullPage: true });
    await saveAccountLanguage(page, "en");

    // Signed out and in again: the link leads to the second step, where the passkey lets in.
    await signOut(page);
    await followLink(page, AGENT);
    await expect(page).toHaveURL(/\/signin\/verify\?callbackUrl=/);
    await page.goto(`${DEMO_APP}/account`);
    await expect(page).toHaveURL(/\/signin\/verify\?callbackUrl=%2Faccount$/);
    await expect(page.getByRole("button", { name: "Use a passkey" })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/passkeys-verify-en.png`, fullPage: true });
    await context.addCookies([{ name: "locale", value: "ar", url: DEMO_APP }]);
    await page.reload();
    await expect(page.getByRole("button", { name: "استخدم مفتاح مرور" })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/passkeys-verify-ar.png`, fullPage: true });
    await context.clearCookies({ name: "locale" });
    await page.reload();
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await expect(page).toHaveURL(`${DEMO_APP}/account`);
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    const after = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(after.credentials[0]!.signCount).toBeGreaterThan(0);

    // Removing the last factor asks for a recovery code.
    const row = page.getByTestId("passkey").filter({ hasText: "Test laptop" });
    await row.getByRole("button", { name: "Remove" }).click();
    await row.getByLabel("Recovery code").fill(codes[0]!);
    await row.getByRole("button", { name: "Remove passkey" }).click();
    await expect(page.locator("#two-step").getByText("No passkeys yet.")).toBeVisible();

    // And the link alone signs in again.
    await signOut(page);
    await followLink(page, AGENT);
    await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}/);
  } finally {
    await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId }).catch(() => {});
  }
});
