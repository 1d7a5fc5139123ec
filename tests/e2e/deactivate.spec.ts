import { mkdirSync } from "node:fs";
import { expect, test } from "./support/test";
import { demoSignIn } from "./support/signin";
import { switchLanguage } from "./support/language";
import { DEMO_APP } from "./support/env";

// Deactivate and reactivate (docs/PRODUCT.md, Users page, Deactivate) on the demo app, in Chromium: the Owner
// deactivates Tariq Team (an Agent with contacts) distributing his contacts over his team, as previewed;
// Tariq's open browser is refused on its next navigation; the Deactivated filter shows who did it;
// Reactivate gives the contacts back and Tariq's browser works again. Screenshots in English and Arabic,
// desktop and phone, go to test-results/screens/deactivate-*.png.
const SCREENS = "test-results/screens";
const TARIQ = "agent.team@example.com";

test.beforeAll(() => {
  mkdirSync(SCREENS, { recursive: true });
});

test("the Owner deactivates an Agent handing his contacts over, his browser is refused, then reactivates with give-back", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const ws = await demoSignIn(page, "owner@example.com");
  const users = `${DEMO_APP}/w/${ws}/settings/users`;

  const tariqContext = await browser.newContext();
  const tariq = await tariqContext.newPage();
  expect(await demoSignIn(tariq, TARIQ)).toBe(ws);
  await expect(tariq.getByTestId("conversation").first()).toBeVisible();

  // Deactivate, handing the contacts to Adam Agent.
  await page.goto(`${users}?q=Tariq`);
  const row = page.getByTestId("member-row").filter({ hasText: TARIQ });
  await row.getByRole("button", { name: "Actions for Tariq Team" }).click();
  await page.getByRole("menuitem", { name: "Deactivate" }).click();
  const dialog = page.getByRole("dialog", { name: "Deactivate" });
  const count = dialog.getByTestId("deactivate-contacts");
  await expect(count).toContainText(/\d+ contacts? (is|are) assigned to Tariq Team\./);
  const held = Number(/(\d+)/.exec((await count.textContent()) ?? "")![1]);
  expect(held, "Tariq holds contacts in the demo data").toBeGreaterThan(0);
  // Distributed over his team, Tier 1: the preview says who receives how many.
  await dialog.getByRole("radio", { name: /Share them among a team or several members/ }).check();
  const teamSelect = dialog.getByRole("combobox", { name: "Team" });
  const tier1 = (await teamSelect.locator("option", { hasText: "Tier 1" }).textContent()) ?? "";
  await teamSelect.selectOption({ label: tier1 });
  const preview = dialog.getByTestId("handover-preview");
  await expect(preview.locator("tbody tr").first()).toBeVisible();
  const planned = new Map<string, number>();
  for (const tr of await preview.locator("tbody tr").all()) {
    const cells = await tr.locator("td").allTextContents();
    const receives = Number(cells[2].replace(/[^\d]/g, ""));
    if (receives > 0) planned.set(cells[0].trim(), receives);
  }
  expect(
    [...planned.values()].reduce((n, c) => n + c, 0),
    "the preview shares out every contact",
  ).toBe(held);
  await page.screenshot({ path: `${SCREENS}/deactivate-dialog-en.png` });
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Tariq Team was deactivated.")).toBeVisible();
  await expect(row).toHaveCount(0);
  // The activity log records the distribution, recipient by recipient, as previewed.
  await page.goto(users);
  const logged = page.getByText(/contacts? distributed:/).first();
  await expect(logged).toBeVisible();
  // (Each name is wrapped in bidi isolates, U+2068 … U+2069.)
  const loggedText = ((await logged.textContent()) ?? "").replace(/[\u2068\u2069]/g, "");
  for (const [name, receives] of planned) expect(loggedText).toContain(`${name} ${receives}`);

  // Tariq's open browser: the next navigation is refused.
  await tariq.goto(`${DEMO_APP}/w/${ws}/inbox`);
  await expect(tariq.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(tariq.getByTestId("conversation")).toHaveCount(0);

  // The Deactivated filter: who deactivated him, and when.
  await page.goto(users);
  await page.getByTestId("filter-deactivated").click();
  await expect(page).toHaveURL(/status=deactivated/);
  const gone = page.getByTestId("deactivated-row").filter({ hasText: TARIQ });
  // Searching keeps the filter.
  await page.getByRole("searchbox", { name: "Search users" }).fill("Tariq");
  await expect(page).toHaveURL(/status=deactivated&q=Tariq/);
  await expect(page.getByTestId("deactivated-row")).toHaveCount(1);
  await expect(gone).toContainText("by Olivia Owner");
  await expect(gone).toContainText("own and team contacts");
  await page.screenshot({ path: `${SCREENS}/deactivate-list-en.png`, fullPage: true });

  // Reactivate, giving back what his team-mates still hold.
  await gone.getByRole("button", { name: "Actions for Tariq Team" }).click();
  await page.getByRole("menuitem", { name: "Reactivate" }).click();
  const again = page.getByRole("dialog", { name: "Reactivate" });
  await expect(again.getByTestId("reactivate-returnable")).toHaveText(
    new RegExp(`Give back the ${held} contacts? handed over at deactivation`),
  );
  await expect(again.getByTestId("reactivate-give-back")).toBeChecked();
  await page.screenshot({ path: `${SCREENS}/reactivate-dialog-en.png` });
  await again.getByRole("button", { name: "Reactivate" }).click();
  await expect(again).toBeHidden();
  await expect(page.getByText("Tariq Team has access again.")).toBeVisible();
  await expect(page.getByTestId("deactivated-empty")).toBeVisible();

  // Back in the list with his access, holding exactly his contacts again.
  await page.goto(`${users}?q=Tariq`);
  await expect(row).toContainText("own and team contacts");
  await row.getByRole("button", { name: "Actions for Tariq Team" }).click();
  await page.getByRole("menuitem", { name: "Deactivate" }).click();
  await expect(dialog.getByTestId("deactivate-contacts")).toContainText(`${held} contact`);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // And his browser works again.
  await tariq.goto(`${DEMO_APP}/w/${ws}/inbox`);
  await expect(tariq.getByTestId("conversation").first()).toBeVisible({ timeout: 20_000 });
  await tariqContext.close();

  // The same in Arabic, desktop and phone: deactivate (contacts unassigned), the list, the reactivate dialog.
  await switchLanguage(page, "ar");
  await page.goto(`${users}?q=Tariq`);
  await row.getByRole("button").first().click();
  await page.getByRole("menuitem", { name: "تعطيل" }).click();
  const arDialog = page.getByRole("dialog");
  await expect(arDialog.getByTestId("deactivate-contacts")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/deactivate-dialog-ar.png` });
  await arDialog.getByRole("button", { name: "تعطيل" }).click();
  await expect(arDialog).toBeHidden();
  await page.goto(`${users}?status=deactivated`);
  await expect(page.getByTestId("deactivated-row")).toHaveCount(1);
  await page.screenshot({ path: `${SCREENS}/deactivate-list-ar.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SCREENS}/deactivate-list-ar-phone.png`, fullPage: true });
  await page.getByTestId("deactivated-row").getByRole("button").first().click();
  await page.getByRole("menuitem", { name: "إعادة التفعيل" }).click();
  await expect(page.getByRole("dialog").getByTestId("reactivate-returnable")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/reactivate-dialog-ar-phone.png` });
  await page.getByRole("dialog").getByRole("button", { name: "إعادة التفعيل" }).click();
  await expect(page.getByTestId("deactivated-empty")).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await switchLanguage(page, "en");
});
