import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { type Locator, type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { demoSignIn } from "./support/signin";
import { switchLanguage } from "./support/language";
import { DEMO_APP } from "./support/env";

// Availability as people use it (docs/PRODUCT.md, Availability), on the demo app: an Agent sets
// Away from the user menu and the Owner's open Users page turns the Agent's dot amber without a
// reload, then green again when the Agent is Available. The Owner sets auto-away in Settings →
// General. Screenshots in English, Arabic and dark mode go to test-results/screens/availability-*.png.
const SCREENS = "test-results/screens";
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Serious or critical axe violations inside the user menu's panel (open). */
async function menuViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include('[data-testid="availability"]').withTags(WCAG).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.beforeAll(() => {
  mkdirSync(SCREENS, { recursive: true });
});

const userMenu = (page: Page) =>
  page.getByRole("button", { name: /^(Open the user menu|فتح قائمة المستخدم)$/ }).first();

/** The status dot of a member's row on the Users page. */
const dotOf = (row: Locator) => row.locator("[data-status]").first();

test("an Agent sets Away and the Owner's open Users page shows amber live, then green again", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  try {
    const ws = await demoSignIn(agent, "agent.team@example.com");
    expect(await demoSignIn(page, "owner@example.com")).toBe(ws);

    await page.goto(`${DEMO_APP}/w/${ws}/settings/users?q=Tariq`);
    const row = page.getByTestId("member-row").filter({ hasText: "agent.team@example.com" });
    await expect(row).toHaveCount(1);
    await expect(dotOf(row)).toHaveAttribute("data-status", "online");
    await expect(row.getByRole("img", { name: "Online" })).toBeVisible();
    const loads = await page.evaluate(() => performance.getEntriesByType("navigation").length);

    // The Agent's own menu: Available by default, then Away.
    await userMenu(agent).click();
    const choice = agent.getByTestId("availability");
    await expect(choice.getByRole("radio", { name: "Available" })).toBeChecked();
    await choice.getByText("Away", { exact: true }).click();
    await expect(choice.getByRole("radio", { name: "Away" })).toBeChecked();
    await expect(agent.getByRole("img", { name: "Away" }).first()).toBeVisible();
    await agent.screenshot({ path: `${SCREENS}/availability-menu-en.png` });
    expect(await menuViolations(agent)).toEqual([]);
    await agent.emulateMedia({ colorScheme: "dark" });
    expect(await menuViolations(agent)).toEqual([]);
    await agent.screenshot({ path: `${SCREENS}/availability-menu-en-dark.png` });
    await agent.emulateMedia({ colorScheme: "light" });

    // The Owner's page, without a reload: amber, with its label.
    await expect(dotOf(row)).toHaveAttribute("data-status", "away");
    await expect(row.getByRole("img", { name: "Online, away" })).toBeVisible();
    await expect(row.getByTestId("away-label")).toHaveText("Away");
    expect(await page.evaluate(() => performance.getEntriesByType("navigation").length)).toBe(loads);
    await page.screenshot({ path: `${SCREENS}/availability-users-away-en.png`, fullPage: true });

    // The activity log (Owners) records the change.
    await page.reload();
    await expect(page.getByText("Changed status").first()).toBeVisible();

    // Arabic and dark mode, for the eye.
    await switchLanguage(page, "ar");
    await page.goto(`${DEMO_APP}/w/${ws}/settings/users?q=Tariq`);
    const arRow = page.getByTestId("member-row").filter({ hasText: "agent.team@example.com" });
    await expect(arRow.getByRole("img", { name: "متصل، غائب" })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/availability-users-away-ar.png`, fullPage: true });
    await userMenu(page).click();
    await expect(page.getByTestId("availability").getByRole("radio", { name: "متاح" })).toBeChecked();
    await page.screenshot({ path: `${SCREENS}/availability-menu-ar.png` });
    await page.keyboard.press("Escape");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SCREENS}/availability-users-away-ar-dark.png`, fullPage: true });
    await switchLanguage(page, "en");
    await page.goto(`${DEMO_APP}/w/${ws}/settings/users?q=Tariq`);
    await expect(dotOf(row)).toHaveAttribute("data-status", "away");
    await page.screenshot({ path: `${SCREENS}/availability-users-away-en-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });

    // The Users report shows the same dot; Available again turns it green live, and the
    // Users page too.
    const report = await page.context().newPage();
    await report.goto(`${DEMO_APP}/w/${ws}/reports?q=Tariq`);
    const reportDot = report.getByTestId("report-row").filter({ hasText: "Tariq Team" }).locator("[data-status]");
    await expect(reportDot).toHaveAttribute("data-status", "away");
    await expect(reportDot).toHaveAccessibleName("Online, away");
    if (!(await choice.isVisible())) await userMenu(agent).click();
    await choice.getByText("Available", { exact: true }).click();
    await expect(choice.getByRole("radio", { name: "Available" })).toBeChecked();
    await expect(reportDot).toHaveAttribute("data-status", "online");
    await expect(dotOf(row)).toHaveAttribute("data-status", "online");
    await report.close();
  } finally {
    await agentContext.close();
  }
});

test("the Owner turns auto-away on in Settings → General, with the range checked", async ({ page }) => {
  const ws = await demoSignIn(page, "owner@example.com");
  await page.goto(`${DEMO_APP}/w/${ws}/settings/general`);
  const form = page.getByTestId("auto-away-form");
  await expect(form.getByLabel("Minutes without activity")).toBeDisabled();
  await form.getByLabel("Show members as away after a time without activity").check();
  await form.getByLabel("Minutes without activity").fill("90");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert")).toHaveText("Enter a whole number of minutes from 1 to 60.");
  await form.getByLabel("Minutes without activity").fill("15");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Auto-away saved.");
  await page.screenshot({ path: `${SCREENS}/availability-settings-en.png`, fullPage: true });
  await page.reload();
  await expect(page.getByTestId("auto-away-form").getByLabel("Minutes without activity")).toHaveValue("15");
  // The Owner's own menu tells them about it.
  await userMenu(page).click();
  await expect(page.getByTestId("availability")).toContainText("after 15 minutes without activity");
  await page.keyboard.press("Escape");
  // Off again, so other specs see the demo as seeded.
  await page.getByTestId("auto-away-form").getByLabel("Show members as away after a time without activity").uncheck();
  await page.getByTestId("auto-away-form").getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("auto-away-form").getByRole("status")).toHaveText("Auto-away is off.");
});
