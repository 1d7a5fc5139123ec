import { mkdirSync } from "node:fs";
import { expect, test } from "./support/test";
import { demoSignIn } from "./support/signin";
import { DEMO_APP } from "./support/env";

// Sessions (docs/PRODUCT.md, Sessions) on the demo app, in Chromium: the same person signs in
// on two browsers; on the second, /account lists both sessions (this device marked) and
// "Sign out everywhere else" ends the first, whose next navigation lands on sign-in, while the
// second stays signed in. Screenshots of the list in English and Arabic, desktop and phone,
// go to test-results/screens/sessions-*.png. Fresh sign-ins (2 of the address's 5 links in
// 15 minutes), never reused by other specs, since this one ends them.
const SCREENS = "test-results/screens";
const PERSON = "manager@example.com";

test.beforeAll(() => {
  mkdirSync(SCREENS, { recursive: true });
});

test("'Sign out everywhere else' ends a second browser's session on its next navigation", async ({ browser }) => {
  test.setTimeout(180_000);
  const laptopContext = await browser.newContext();
  const laptop = await laptopContext.newPage();
  const ws = await demoSignIn(laptop, PERSON, DEMO_APP, { fresh: true });

  const phoneContext = await browser.newContext();
  const phone = await phoneContext.newPage();
  await demoSignIn(phone, PERSON, DEMO_APP, { fresh: true });

  await phone.goto(`${DEMO_APP}/account`);
  const section = phone.getByRole("region", { name: "Where you're signed in" });
  const rows = section.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("This device");
  await expect(rows.first()).toContainText(/(Headless )?Chrome on Linux/);
  await expect(section.getByRole("button", { name: /^Sign out .*, signed in / })).toHaveCount(1);
  await section.scrollIntoViewIfNeeded();
  await phone.screenshot({ path: `${SCREENS}/sessions-en.png`, fullPage: true });
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.screenshot({ path: `${SCREENS}/sessions-phone-en.png`, fullPage: true });

  // Arabic, right to left: the locale cookie (this person has no language set).
  await phoneContext.addCookies([{ name: "locale", value: "ar", url: DEMO_APP }]);
  await phone.reload();
  await expect(phone.locator("html")).toHaveAttribute("dir", "rtl");
  const arSection = phone.getByRole("region", { name: "الأماكن التي سجّلت الدخول منها" });
  await expect(arSection.getByTestId("session-row").first()).toContainText("هذا الجهاز");
  await expect(arSection.getByTestId("session-row").first()).toContainText(/(Headless )?Chrome على Linux/);
  await phone.screenshot({ path: `${SCREENS}/sessions-phone-ar.png`, fullPage: true });
  await phone.setViewportSize({ width: 1280, height: 800 });
  await phone.screenshot({ path: `${SCREENS}/sessions-ar.png`, fullPage: true });
  await phoneContext.clearCookies({ name: "locale" });
  await phone.reload();
  await expect(phone.locator("html")).toHaveAttribute("dir", "ltr");

  // Sign out everywhere else, after the confirmation.
  await section.getByRole("button", { name: "Sign out everywhere else" }).click();
  const dialog = phone.getByRole("dialog", { name: "Sign out everywhere else?" });
  await expect(dialog).toContainText("1 other session will be signed out.");
  await phone.screenshot({ path: `${SCREENS}/sessions-confirm-en.png` });
  await dialog.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(dialog).toBeHidden();
  await expect(phone.getByText("1 session was signed out.")).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(section.getByText("You're not signed in anywhere else.")).toBeVisible();

  // The laptop's next navigation: sign-in, whatever its cookie says.
  await laptop.goto(`${DEMO_APP}/w/${ws}/dashboard`);
  await expect(laptop).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(laptop.getByLabel("Email address")).toBeVisible();

  // The phone is still signed in.
  await phone.goto(`${DEMO_APP}/w/${ws}/dashboard`);
  await expect(phone).toHaveURL(new RegExp(`/w/${ws}/dashboard`));

  await laptopContext.close();
  await phoneContext.close();
});
