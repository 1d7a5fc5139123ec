import { mkdirSync } from "node:fs";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { DEMO_APP } from "./support/env";
import { switchLanguage } from "./support/language";

// Access as a person sees it, on the demo app (port 3211: DEMO_SEED=1, mail in the database
// outbox at /dev/mailbox). The HTTP suite (tests/http) proves the server refuses; this
// proves the UI shows each person only what they may use — in English and in Arabic.
//   Sara Self     Agent, sees only contacts assigned to her (see_self)
//   Nadia Noor    Agent with snippets hidden (see_team + no_snippets)
//   James Carter  Manager restricted from workspace settings (no_settings)
test.use({ baseURL: DEMO_APP });

const SCREENS = "test-results/screens";

async function signIn(page: Page, email: string): Promise<string> {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto("/dev/mailbox");
  // Newest first: the first row for this address is the link just sent.
  await page.getByRole("row").filter({ hasText: email }).first().getByRole("link").first().click();
  await page.getByRole("link", { name: "Open the link" }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/\w+/, { timeout: 20_000 });
  return /\/w\/([0-9a-f-]{36})/.exec(page.url())![1];
}

/** Through the user menu's language switcher (saved on the user, like a person would do it). */
test.beforeAll(() => mkdirSync(SCREENS, { recursive: true }));

test("an Agent limited to their own contacts sees only those in the inbox", async ({ page }) => {
  const ws = await signIn(page, "agent.self@example.com");
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/inbox`));

  // Navigation from the matrix: an Agent has the inbox only (no dashboard, reports, contacts, settings).
  const nav = page.getByRole("navigation", { name: "Modules" }).first();
  await expect(nav.getByRole("link", { name: "Inbox" })).toBeVisible();
  for (const name of ["Dashboard", "Contacts", "Reports", "Settings"])
    await expect(nav.getByRole("link", { name })).toHaveCount(0);

  // Asking for the "All" tab by URL changes nothing: only "Mine" exists for her.
  await page.goto(`/w/${ws}/inbox?tab=all`);
  await expect(page.getByTestId("tab-mine")).toBeVisible();
  for (const tab of ["team", "all", "unassigned"]) await expect(page.getByTestId(`tab-${tab}`)).toHaveCount(0);
  for (const status of ["open", "closed"]) {
    await page.goto(`/w/${ws}/inbox?tab=all&status=${status}`);
    const rows = page.getByTestId("conversation");
    await expect(rows.first(), `Sara has ${status} conversations in the demo data`).toBeVisible();
    const count = await rows.count();
    // Every conversation listed is assigned to her ("You"), none to a colleague or to nobody.
    for (let i = 0; i < count; i++) await expect(rows.nth(i).getByText("You", { exact: true })).toBeVisible();
  }

  await page.goto(`/w/${ws}/inbox`);
  await page.getByTestId("conversation").first().click();
  await expect(page.getByTestId("composer")).toBeVisible();
  // Snippets are not hidden for her (her only restriction is visibility).
  await expect(page.getByTestId("snippets-button")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/access-agent-self-inbox-en.png`, fullPage: true });

  await switchLanguage(page, "ar");
  await expect(page.getByTestId("tab-mine")).toBeVisible();
  await expect(page.getByTestId("tab-all")).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/access-agent-self-inbox-ar.png`, fullPage: true });
  await switchLanguage(page, "en");
});

test("an Agent with snippets hidden has no Snippets button in the composer", async ({ page }) => {
  const ws = await signIn(page, "agent.nosnippets@example.com");
  await page.goto(`/w/${ws}/inbox`);
  await page.getByTestId("conversation").first().click();
  await expect(page.getByTestId("composer")).toBeVisible();
  await expect(page.getByTestId("send")).toBeVisible();
  await expect(page.getByTestId("snippets-button")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Snippets" })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/access-agent-nosnippets-composer-en.png`, fullPage: true });

  await switchLanguage(page, "ar");
  await expect(page.getByTestId("composer")).toBeVisible();
  await expect(page.getByTestId("snippets-button")).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/access-agent-nosnippets-composer-ar.png`, fullPage: true });
  await switchLanguage(page, "en");
});

test("a Manager restricted from settings has no Settings link and gets the 403 page by URL", async ({ page }) => {
  const ws = await signIn(page, "james.carter@example.com");
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/dashboard`));
  const nav = page.getByRole("navigation", { name: "Modules" }).first();
  for (const name of ["Dashboard", "Inbox", "Contacts", "Reports"])
    await expect(nav.getByRole("link", { name })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(page.locator(`a[href*="/w/${ws}/settings"]`)).toHaveCount(0);

  for (const path of ["settings/users", "settings/general", "settings/integrations"]) {
    const response = await page.goto(`/w/${ws}/${path}`);
    expect(response?.status(), `/w/…/${path}`).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  }
  await page.screenshot({ path: `${SCREENS}/access-manager-no-settings-403-en.png`, fullPage: true });

  await page.goto(`/w/${ws}/dashboard`);
  await switchLanguage(page, "ar");
  await expect(nav.getByRole("link", { name: "الإعدادات" })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/access-manager-no-settings-nav-ar.png`, fullPage: true });
  const response = await page.goto(`/w/${ws}/settings/users`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "ليس لديك صلاحية الوصول إلى هذه الصفحة" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.screenshot({ path: `${SCREENS}/access-manager-no-settings-403-ar.png`, fullPage: true });

  await page.goto(`/w/${ws}/dashboard`);
  await switchLanguage(page, "en");
});
