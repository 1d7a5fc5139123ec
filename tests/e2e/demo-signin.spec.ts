import { mkdirSync } from "node:fs";
import { expect, test } from "./support/test";
import { DEMO_APP } from "./support/env";

// The app on port 3211 runs with DEMO_SEED=1 and MAIL_OUTBOX=1: demo data, mail kept in
// the database and shown at /dev/mailbox (what `npm run dev` gives a newcomer).
test.use({ baseURL: DEMO_APP });

test("the Owner signs in from the demo list through the development mailbox", async ({ page }) => {
  await page.goto("/signin");
  const demo = page.getByRole("region", { name: "Demo accounts" });
  await expect(demo).toBeVisible();
  for (const name of ["Olivia Owner", "Marcus Manager", "Sara Self"]) await expect(demo.getByText(name)).toBeVisible();

  await demo.getByRole("button", { name: "Send a sign-in link to Olivia Owner" }).click();
  await expect(page).toHaveURL(/\/dev\/mailbox/);
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { name: "Development mailbox" })).toBeVisible();

  // Newest first: the first row is the link just sent.
  const newest = page.getByRole("row").nth(1);
  await expect(newest).toContainText("owner@example.com");
  await newest.getByRole("link").first().click();
  const open = page.getByRole("link", { name: "Open the link" });
  await expect(open).toBeVisible();
  expect(await open.getAttribute("href")).toMatch(new RegExp(`^${DEMO_APP}/api/auth/callback/email\\?`));
  await open.click();

  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/dashboard$/, { timeout: 20_000 });
  await expect(page.getByText("Support").first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // An Owner's navigation shows every module.
  for (const name of ["Dashboard", "Inbox", "Contacts", "Reports"]) {
    await expect(page.getByRole("navigation").getByRole("link", { name }).first()).toBeVisible();
  }

  mkdirSync("test-results/screens", { recursive: true });
  await page.screenshot({ path: "test-results/screens/demo-dashboard.png", fullPage: true });
});
