import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { DEMO_APP } from "./support/env";

// Accessibility checked by axe on every main page of the demo app (port 3211: demo data,
// mail in the database outbox at /dev/mailbox), in English and Arabic, in the light and the
// dark colour scheme. A serious or critical violation fails the test, listed readably.
// The demo sign-ins have no saved language, so the browser's language picks it.
test.use({ baseURL: DEMO_APP });

const SCREENS = "test-results/screens";
const OWNER = "owner@example.com";
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type Scheme = "light" | "dark";
type Lang = "en" | "ar";

type Session = Awaited<ReturnType<BrowserContext["storageState"]>>;
let owner: { session: Session; ws: string; org: string } | undefined;
let invitePath = "";

/** A browser in `lang` and `colorScheme`; signed in as the Owner when `signedIn`. */
function newContext(browser: Browser, lang: Lang, colorScheme: Scheme, signedIn: boolean, width = 1280) {
  return browser.newContext({
    baseURL: DEMO_APP,
    storageState: signedIn ? owner!.session : undefined,
    locale: lang === "ar" ? "ar" : "en-US",
    colorScheme,
    viewport: { width, height: width < 500 ? 844 : 800 },
  });
}

/** The newest mail to `email` in the development mailbox, opened; returns its link. */
async function mailLink(page: Page, email: string): Promise<string> {
  await page.goto("/dev/mailbox");
  await page.getByRole("row").filter({ hasText: email }).first().getByRole("link").first().click();
  const href = await page.getByRole("link", { name: /^(Open the link|افتح الرابط)$/ }).getAttribute("href");
  expect(href, `a link in the newest mail to ${email}`).toBeTruthy();
  return href!;
}

/** Signs the Owner in through the demo list and the mailbox; returns the workspace and org ids. */
async function signInOwner(page: Page): Promise<{ ws: string; org: string }> {
  await page.goto("/signin");
  await page.getByRole("button", { name: /Olivia Owner/ }).click();
  await expect(page).toHaveURL(/\/dev\/mailbox/);
  await page.goto(await mailLink(page, OWNER));
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\//, { timeout: 20_000 });
  const ws = /\/w\/([0-9a-f-]{36})/.exec(page.url())![1];
  const orgHref = await page.getByTestId("org-link").getAttribute("href");
  const org = /\/org\/([0-9a-f-]{36})/.exec(orgHref ?? "")![1];
  return { ws, org };
}

/** Serious and critical axe violations on the page as it is now, one readable block each. */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) =>
      [
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
        ...v.nodes.slice(0, 5).map((n) => `    - ${n.target.join(" ")}: ${n.failureSummary?.replace(/\n\s*/g, " ")}`),
        v.nodes.length > 5 ? `    … and ${v.nodes.length - 5} more` : "",
      ]
        .filter(Boolean)
        .join("\n"),
    );
}

/** Opens each page in turn (waiting for its heading) and collects what axe finds there. */
async function audit(page: Page, pages: [name: string, open: () => Promise<unknown>][]): Promise<string[]> {
  const found: string[] = [];
  for (const [name, open] of pages) {
    await open();
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    for (const v of await violations(page)) found.push(`${name} (${page.url()})\n  ${v}`);
  }
  return found;
}

// The Owner signs in once (a sign-in link per test would meet the rate limit) and adds a
// user, so there is an invitation to look at.
test.beforeAll(async ({ browser }) => {
  mkdirSync(SCREENS, { recursive: true });
  const context = await newContext(browser, "en", "light", false);
  const page = await context.newPage();
  const { ws, org } = await signInOwner(page);
  owner = { session: await context.storageState(), ws, org };
  const email = `a11y.${Date.now()}@example.com`;
  await page.goto(`/w/${ws}/settings/users`);
  await page.getByTestId("add-user").click();
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await dialog.getByLabel("Email address").fill(email);
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await expect(dialog).toBeHidden();
  invitePath = new URL(await mailLink(page, email)).pathname;
  expect(invitePath).toMatch(/^\/invite\//);
  await context.close();
});

for (const lang of ["en", "ar"] as const) {
  for (const scheme of ["light", "dark"] as const) {
    test(`every main page passes axe (${lang}, ${scheme})`, async ({ browser }) => {
      test.setTimeout(180_000);
      const visitor = await newContext(browser, lang, scheme, false);
      const signedOut = await visitor.newPage();
      const found = await audit(signedOut, [
        ["sign-in", () => signedOut.goto("/signin")],
        ["invitation landing", () => signedOut.goto(invitePath)],
      ]);
      await visitor.close();

      const context = await newContext(browser, lang, scheme, true);
      const page = await context.newPage();
      const { ws, org } = owner!;
      const w = `/w/${ws}`;
      const o = `/org/${org}/settings`;
      found.push(
        ...(await audit(page, [
          [
            "dashboard",
            async () => {
              await page.goto(`${w}/dashboard`);
              await expect(page.locator("html")).toHaveAttribute("lang", lang);
            },
          ],
          [
            "inbox with a conversation open",
            async () => {
              await page.goto(`${w}/inbox`);
              await page.getByTestId("conversation").first().click();
              await expect(page.getByTestId("composer")).toBeVisible();
            },
          ],
          ["contacts", () => page.goto(`${w}/contacts`)],
          [
            "a contact",
            async () => {
              await page.goto(`${w}/contacts`);
              await page.getByTestId("contact-row").first().getByRole("link").first().click();
              await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}/);
            },
          ],
          ["reports", () => page.goto(`${w}/reports`)],
          ...(["general", "users", "teams", "snippets", "integrations"] as const).map(
            (s) => [`settings: ${s}`, () => page.goto(`${w}/settings/${s}`)] as [string, () => Promise<unknown>],
          ),
          ["settings: users, Deactivated filter", () => page.goto(`${w}/settings/users?status=deactivated`)],
          ...(["users", "workspaces", "billing", "two-step"] as const).map(
            (s) => [`org settings: ${s}`, () => page.goto(`${o}/${s}`)] as [string, () => Promise<unknown>],
          ),
          ["account", () => page.goto(`/account?w=${ws}`)],
        ])),
      );
      await context.close();
      expect(found, `axe found serious or critical violations:\n\n${found.join("\n\n")}\n`).toEqual([]);
    });
  }
}

// On a 390 px phone every row action of the Users table is on screen (the actions column
// stays in view while the table scrolls sideways) and its menu opens inside the viewport,
// in both writing directions. The screenshots are for looking at: Users, inbox, contacts.
for (const lang of ["en", "ar"] as const) {
  test(`on a phone the Users row menus are reachable (${lang}, dark)`, async ({ browser }) => {
    const context = await newContext(browser, lang, "dark", true, 390);
    const page = await context.newPage();
    const { ws } = owner!;
    await page.goto(`/w/${ws}/settings/users`);
    const buttons = page.getByTestId("users-table").getByRole("button", { name: /./, expanded: false });
    // The table streams in after the page's shell: wait for its rows' buttons before counting.
    await expect(buttons.first()).toBeVisible();
    const count = await buttons.count();
    expect(count, "the Owner may act on some rows of the demo data").toBeGreaterThan(1);
    const viewport = page.viewportSize()!;
    for (const index of [0, count - 1]) {
      const button = buttons.nth(index);
      await button.scrollIntoViewIfNeeded();
      const box = (await button.boundingBox())!;
      expect(box.x, "the button starts on screen").toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, "the button ends on screen").toBeLessThanOrEqual(viewport.width);
      await button.click();
      const menu = page.getByRole("menu");
      await expect(menu).toBeVisible();
      await expect(menu.getByRole("menuitem").first()).toBeFocused();
      const panel = (await menu.boundingBox())!;
      expect(panel.x).toBeGreaterThanOrEqual(0);
      expect(panel.x + panel.width).toBeLessThanOrEqual(viewport.width);
      expect(panel.y + panel.height).toBeLessThanOrEqual(viewport.height);
      if (index === 0) await page.screenshot({ path: `${SCREENS}/phone-users-menu-${lang}-dark.png` });
      await page.keyboard.press("Escape");
      await expect(menu).toBeHidden();
      await expect(button).toBeFocused();
    }
    await page.screenshot({ path: `${SCREENS}/phone-users-${lang}-dark.png`, fullPage: true });
    await page.goto(`/w/${ws}/inbox`);
    await page.getByTestId("conversation").first().click();
    await expect(page.getByTestId("composer")).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/phone-inbox-${lang}-dark.png`, fullPage: true });
    await page.goto(`/w/${ws}/contacts`);
    await expect(page.getByTestId("contact-row").first()).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/phone-contacts-${lang}-dark.png`, fullPage: true });
    await context.close();
  });
}
