import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { demoSignIn } from "./support/signin";
import { DEMO_APP } from "./support/env";
import { switchLanguage } from "./support/language";

// IP allow-list (docs/SECURITY.md, IP allow-list) on the demo app, in Chromium: the Owner (an org admin)
// opens Organization settings → Network, sees their current address, saves a list of the two loopback
// ranges (the browser reaches the app from one of them), sees it normalised, and a list without their
// address refused as a lock-out. English and Arabic screenshots go to test-results/screens/ip-allowlist-*.png.
// The list is emptied again at the end, so later specs see no restriction.
const SCREENS = "test-results/screens";

test.beforeAll(() => {
  mkdirSync(SCREENS, { recursive: true });
});

/** From a workspace page, to Organization settings → Network through the links a person clicks. */
async function openNetwork(page: Page, navName: string, linkName: string) {
  await page.getByTestId("org-link").click();
  await page.getByRole("navigation", { name: navName }).getByRole("link", { name: linkName }).click();
}

test("an org admin saves an IP allow-list containing their own address", async ({ page }) => {
  test.setTimeout(120_000);
  await demoSignIn(page, "owner@example.com", DEMO_APP);
  await openNetwork(page, "Organization settings", "Network");
  await expect(page.getByRole("heading", { name: "IP allow-list" })).toBeVisible();
  await expect(page.getByTestId("current-address")).toContainText(/Your current address is .*(127\.0\.0\.1|::1)/);
  await expect(page.getByTestId("allowlist-summary")).toHaveText("No restriction: every network is allowed.");

  const field = page.getByLabel("Allowed ranges");
  await field.fill("203.0.113.0/24");
  await page.getByRole("button", { name: "Save list" }).click();
  const form = page.getByTestId("ip-allowlist-form");
  await expect(form.getByRole("alert")).toContainText("saving it would lock you out");
  await expect(field).toBeFocused();

  await field.fill("127.0.0.1\n::1/128");
  await page.getByRole("button", { name: "Save list" }).click();
  await expect(form.getByRole("status")).toHaveText("IP allow-list saved.");
  await expect(page.getByTestId("allowlist-summary")).toHaveText("2 ranges allowed");
  await expect(field).toHaveValue("127.0.0.1/32\n::1/128");
  await page.screenshot({ path: `${SCREENS}/ip-allowlist-en.png`, fullPage: true });

  // Still allowed everywhere from here: the workspace opens. Switch to Arabic from its user menu (the
  // choice is saved on the user, so a cookie alone would not do after another spec saved English).
  await page.getByTestId("org-back").click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}/);
  await switchLanguage(page, "ar");
  await openNetwork(page, "إعدادات المؤسسة", "الشبكة");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { name: "قائمة عناوين IP المسموح بها" })).toBeVisible();
  await expect(page.getByTestId("allowlist-summary")).toHaveText("نطاقان مسموح بهما");
  await page.screenshot({ path: `${SCREENS}/ip-allowlist-ar.png`, fullPage: true });
  await page.getByTestId("org-back").click();
  await switchLanguage(page, "en");
  await openNetwork(page, "Organization settings", "Network");

  await page.getByLabel("Allowed ranges").fill("");
  await page.getByRole("button", { name: "Save list" }).click();
  await expect(page.getByTestId("allowlist-summary")).toHaveText("No restriction: every network is allowed.");
});
