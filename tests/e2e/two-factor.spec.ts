import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { generate } from "otplib";
import { expect, test } from "./support/test";
import { demoSignIn } from "./support/signin";
import { DEMO_APP } from "./support/env";
import { saveAccountLanguage } from "./support/language";

// Two-step sign-in (docs/PRODUCT.md, Two-step sign-in) on the demo app, in Chromium:
//  1. Layla (a demo Manager no other spec uses) sets up an authenticator app on /account, the code
//     computed here with otplib from the key the page shows; signs out; signs in with the magic
//     link and is sent to /signin/verify; a code lets her in; a recovery code works once.
//  2. The Owner (org admin) sets up an app too, switches on "Require two-step sign-in for members",
//     and a member's already open browser is sent to enrolment on its next navigation.
// Screenshots (en + ar) of the verify page and the account section: test-results/screens/two-factor-*.png.
// At the end the policy is off and both apps are removed (with a recovery code), so later specs
// sign these people in with the link alone.
const SCREENS = "test-results/screens";
const LAYLA = "limited.manager@example.com";
const MEMBER = "agent.all@example.com";

test.describe.configure({ mode: "serial" });
test.beforeAll(() => {
  mkdirSync(SCREENS, { recursive: true });
});

/** A code of the next time step: never the step of a code already used (that would be a replay). */
const nextCode = (secret: string) => generate({ secret, epoch: Date.now() / 1000 + 30 });

/** The magic link, as a person does it; stops wherever the link leads. */
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

/** /account → Two-step sign-in: set up, confirm with a computed code; returns the key and the recovery codes. */
async function enrol(page: Page, screenshot?: string): Promise<{ secret: string; codes: string[] }> {
  await page.goto(`${DEMO_APP}/account`);
  const section = page.locator("#two-step");
  await expect(section.getByTestId("two-step-state")).toHaveText("Two-step sign-in is off.");
  await section.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(section.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await section.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  await section.getByLabel("Code from your app").fill(await generate({ secret }));
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  const codes = (await section.getByTestId("recovery-code").allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

/** /account → Remove the authenticator app, proved with a recovery code. */
async function removeApp(page: Page, recoveryCode: string) {
  await page.goto(`${DEMO_APP}/account`);
  const form = page.getByTestId("remove-totp");
  await form.getByLabel("Remove the authenticator app").fill(recoveryCode);
  await form.getByRole("button", { name: "Remove" }).click();
  await expect(page.locator("#two-step").getByTestId("two-step-state")).toHaveText("Two-step sign-in is off.");
}

let layla: { secret: string; codes: string[] };

test("enrol on /account, then the magic link leads to /signin/verify; a code and a recovery code (once) let in", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const workspaceId = await demoSignIn(page, LAYLA, DEMO_APP, { fresh: true });
  layla = await enrol(page, `${SCREENS}/two-factor-setup-en.png`);
  const section = page.locator("#two-step");
  await page.screenshot({ path: `${SCREENS}/two-factor-codes-en.png`, fullPage: true });
  await section.getByRole("button", { name: "I've saved them" }).click();
  await expect(section.getByTestId("two-step-state")).toHaveText(
    "Two-step sign-in is on with an authenticator app. 10 recovery codes left.",
  );
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/two-factor-account-en.png`, fullPage: true });
  // The user's saved language outranks a cookie here (signed in): save Arabic, then English again.
  await saveAccountLanguage(page, "ar");
  await expect(section.getByRole("heading", { name: "تسجيل الدخول بخطوتين" })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/two-factor-account-ar.png`, fullPage: true });
  await saveAccountLanguage(page, "en");

  // Signed out and in again: the link leads to the second step, whatever page is asked for.
  await signOut(page);
  await followLink(page, LAYLA);
  await expect(page).toHaveURL(/\/signin\/verify\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await page.goto(`${DEMO_APP}/account`);
  await expect(page).toHaveURL(/\/signin\/verify\?callbackUrl=%2Faccount$/);
  await page.screenshot({ path: `${SCREENS}/two-factor-verify-en.png`, fullPage: true });
  // Skipping the step by calling a route handler directly: signed out (the heartbeat answers 204 to a member).
  const beat = await page.request.post(`${DEMO_APP}/api/presence/heartbeat`, {
    data: { workspaceId },
    headers: { origin: DEMO_APP },
  });
  expect(beat.status()).toBe(401);

  await context.addCookies([{ name: "locale", value: "ar", url: DEMO_APP }]);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.getByLabel("الرمز من تطبيقك").fill("000000");
  await page.getByRole("button", { name: "متابعة" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("لم ينجح هذا الرمز");
  await page.screenshot({ path: `${SCREENS}/two-factor-verify-ar.png`, fullPage: true });
  await context.clearCookies({ name: "locale" });
  await page.reload();

  await page.getByLabel("Code from your app").fill(await nextCode(layla.secret));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(`${DEMO_APP}/account`);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

  // A recovery code works once.
  for (const [code, works] of [
    [layla.codes[0], true],
    [layla.codes[0], false],
  ] as const) {
    await signOut(page);
    await followLink(page, LAYLA);
    await expect(page).toHaveURL(/\/signin\/verify/);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(code);
    await page.getByRole("button", { name: "Continue" }).click();
    if (works) await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}/);
    else await expect(page.locator("form").getByRole("alert")).toContainText("That code didn't work");
  }
  await page.getByLabel("Recovery code").fill(layla.codes[1]);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}/);
});

test("the org requires two-step sign-in: a member's open browser is sent to enrolment on its next navigation", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // The member's browser, open in a workspace before the policy.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const workspaceId = await demoSignIn(member, MEMBER, DEMO_APP, { fresh: true });

  // The Owner: refused while without a factor, allowed once enrolled.
  await demoSignIn(page, "owner@example.com", DEMO_APP);
  const orgSettings = async () => {
    await page.goto(`${DEMO_APP}/w/${workspaceId}`);
    await page.getByTestId("org-link").click();
    await page
      .getByRole("navigation", { name: "Organization settings" })
      .getByRole("link", { name: "Two-step sign-in" })
      .click();
    await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  };
  await orgSettings();
  const form = page.getByTestId("two-factor-policy-form");
  await form.getByLabel("Require two-step sign-in for members").check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toContainText("Turn on two-step sign-in for your own account first");

  const owner = await enrol(page);
  await page.getByRole("button", { name: "I've saved them" }).click();
  try {
    await orgSettings();
    await form.getByLabel("Require two-step sign-in for members").check();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("status")).toHaveText("Two-step sign-in is now required.");

    // The org users page shows who has a factor.
    await page.getByRole("navigation", { name: "Organization settings" }).getByRole("link", { name: "Users" }).click();
    const row = (name: string) => page.getByTestId("org-user-row").filter({ hasText: name });
    await expect(row("Layla Haddad").getByTestId("two-step-cell")).toHaveText("On");
    await expect(row("Adam Agent").getByTestId("two-step-cell")).toHaveText("Off");

    // The member's next navigation: to enrolment, with the reason.
    await member.reload();
    await expect(member).toHaveURL(/\/account\?twoStep=required#two-step$/);
    await expect(member.getByTestId("two-step-required")).toHaveText(
      "Your organization requires two-step sign-in. Set it up here to continue to its workspaces.",
    );
    await member.goto(`${DEMO_APP}/w/${workspaceId}/inbox`);
    await expect(member).toHaveURL(/\/account\?twoStep=required/);
    await expect(
      member.locator("#two-step").getByRole("button", { name: "Set up an authenticator app" }),
    ).toBeVisible();
  } finally {
    // Back as it was for later specs: no policy, no app for the Owner or Layla.
    await orgSettings();
    await form.getByLabel("Require two-step sign-in for members").uncheck();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("status")).toHaveText("Two-step sign-in is no longer required.");
    await removeApp(page, owner.codes[0]);
    await memberContext.close();
  }
  const laylaContext = await browser.newContext();
  const laylaPage = await laylaContext.newPage();
  await followLink(laylaPage, LAYLA);
  await expect(laylaPage).toHaveURL(/\/signin\/verify/);
  await laylaPage.getByRole("button", { name: "Use a recovery code instead" }).click();
  await laylaPage.getByLabel("Recovery code").fill(layla.codes[2]);
  await laylaPage.getByRole("button", { name: "Continue" }).click();
  await expect(laylaPage).toHaveURL(/\/w\/[0-9a-f-]{36}/);
  await removeApp(laylaPage, layla.codes[3]);
  await laylaContext.close();
});
