import { mkdirSync } from "node:fs";
import { expect, test } from "./support/test";
import { demoSignIn } from "./support/signin";
import { switchLanguage } from "./support/language";
import { DEMO_APP } from "./support/env";

// Bulk actions and the "not active for" review on the Users page (docs/PRODUCT.md), in Chromium on the demo
// data: the Owner reviews who has not been active for 7 days, ticks two Agents and changes their access in one
// go, and reads the per-row report; the same page in Arabic on a phone. Screenshots: test-results/screens/bulk-*.
const SCREENS = "test-results/screens";

test.beforeAll(() => {
  mkdirSync(SCREENS, { recursive: true });
});

test("the Owner reviews inactive members and changes two Agents' access in one go", async ({ page }) => {
  test.setTimeout(120_000);
  const ws = await demoSignIn(page, "owner@example.com");
  const users = `${DEMO_APP}/w/${ws}/settings/users`;

  // Not active for 7 days: Omar (two weeks) is listed with the seats deactivating would free; Huda is not.
  await page.goto(users);
  await page.getByTestId("inactive-7").click();
  await expect(page).toHaveURL(/inactive=7/);
  await expect(page.getByTestId("inactive-summary")).toContainText(/members? (has|have) not been active for 7 days/);
  await expect(page.getByTestId("member-row").filter({ hasText: "Omar Al-Farsi" })).toBeVisible();
  await expect(page.getByTestId("member-row").filter({ hasText: "huda.saleh@example.com" })).toHaveCount(0);
  await expect(page.getByTestId("invitation-row")).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/bulk-inactive-en.png`, fullPage: true });

  // Tick Omar and Huda on the full list; the bar counts them.
  await page.getByTestId("inactive-any").click();
  await page.getByRole("checkbox", { name: "Select Omar Al-Farsi" }).check();
  await page.getByRole("checkbox", { name: "Select هدى صالح" }).check();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar.getByTestId("bulk-count")).toHaveText("2 selected");
  await expect(bar.getByRole("button", { name: /^Select all \d+ matching rows$/ })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/bulk-bar-en.png` });

  // Change access: Agent who sees only their own contacts.
  await bar.getByRole("button", { name: "Change access" }).click();
  const dialog = page.getByRole("dialog", { name: "Change access" });
  await expect(dialog).toContainText("For 2 rows.");
  await dialog.getByRole("radio", { name: /^Agent/ }).check();
  await page.screenshot({ path: `${SCREENS}/bulk-access-en.png` });
  await dialog.getByRole("button", { name: "Update" }).click();
  const report = page.getByTestId("bulk-report");
  await expect(report).toContainText("2 rows done · none refused");
  await report.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
  const audit = page.getByText(/Omar Al-Farsi/).first();
  await expect(audit).toBeVisible();

  // Arabic, on a phone: the review and the bar.
  await switchLanguage(page, "ar");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${users}?inactive=7`);
  await expect(page.getByTestId("inactive-summary")).toBeVisible();
  await page.getByTestId("bulk-select-page").check();
  await expect(page.getByTestId("bulk-bar")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/bulk-inactive-ar-phone.png`, fullPage: true });
  await page.getByTestId("inactive-review").click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/bulk-review-ar-phone.png` });
  await page.getByRole("dialog").getByRole("button", { name: "إلغاء" }).click();
  await page.setViewportSize({ width: 1280, height: 800 });
  await switchLanguage(page, "en");
});
