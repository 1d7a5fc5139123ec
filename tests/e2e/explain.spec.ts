import { mkdirSync } from "node:fs";
import { expect, test } from "./support/test";
import { demoSignIn } from "./support/signin";
import { switchLanguage } from "./support/language";
import { DEMO_APP } from "./support/env";

// Explain access and Who can see this contact (docs/PRODUCT.md, Users page) on the demo app: the Owner opens
// Explain access on Layla Haddad's row (a Manager who may not export or delete contacts) and reads the
// restriction as the reason; on a contact, the list of who can see it has the people who see every contact, and
// Sara Self (only her own contacts) exactly when the contact is hers. Screenshots in English and Arabic go to
// test-results/screens/explain-*.png.
const SCREENS = "test-results/screens";

test.beforeAll(() => {
  mkdirSync(SCREENS, { recursive: true });
});

test("the Owner explains a restricted Manager's access and sees who can see a contact", async ({ page }) => {
  test.setTimeout(120_000);
  const ws = await demoSignIn(page, "owner@example.com");

  await page.goto(`${DEMO_APP}/w/${ws}/settings/users?q=Layla`);
  const row = page.getByTestId("member-row").filter({ hasText: "limited.manager@example.com" });
  await row.getByRole("button", { name: "Actions for Layla Haddad" }).click();
  await page.getByRole("menuitem", { name: "Explain access" }).click();
  const dialog = page.getByRole("dialog", { name: "Access of Layla Haddad" });
  const exportRow = dialog.locator('[data-testid="explain-row"][data-permission="data.export"]');
  await expect(exportRow).toHaveAttribute("data-allowed", "false");
  await expect(exportRow).toContainText("Denied: the restriction “no data export” takes it away");
  await expect(dialog.locator('[data-testid="explain-row"][data-permission="contacts.delete"]')).toContainText(
    "Denied: the restriction “no contact deletion” takes it away",
  );
  await expect(dialog.locator('[data-testid="explain-row"][data-permission="reports.view"]')).toContainText(
    "Allowed: the Manager level includes it",
  );
  await expect(dialog.locator('[data-testid="explain-row"][data-permission="audit.view"]')).toContainText(
    "Denied: the Manager level does not include it",
  );
  await expect(dialog.getByTestId("explain-visibility")).toContainText("All contacts");
  await page.screenshot({ path: `${SCREENS}/explain-access-en.png` });
  await page.keyboard.press("Escape");

  // A contact: who can see it.
  await page.goto(`${DEMO_APP}/w/${ws}/contacts`);
  await page.getByTestId("contact-row").first().getByRole("link").first().click();
  await expect(page.getByTestId("contact-name")).toBeVisible();
  const contactName = ((await page.getByTestId("contact-name").textContent()) ?? "").trim();
  const assigneeBox = page.locator("section[aria-labelledby=contact-assignee-title]");
  const assignee = (await assigneeBox.textContent()) ?? "";
  await page.getByTestId("audience-open").click();
  const audience = page.getByRole("dialog", { name: `Who can see ${contactName}` });
  await expect(audience.getByTestId("audience-count")).toContainText(/\d+ members? can see it/);
  const people = audience.getByTestId("audience-person");
  for (const name of ["Olivia Owner", "Marcus Manager", "Layla Haddad", "Adam Agent"])
    await expect(people.filter({ hasText: name })).toHaveCount(1);
  await expect(people.filter({ hasText: "Sara Self" })).toHaveCount(assignee.includes("Sara Self") ? 1 : 0);
  await audience.getByRole("button", { name: "Why can Marcus Manager see it?" }).click();
  await expect(audience.getByTestId("audience-why")).toContainText(
    "Sees it: they see every contact, because of the Manager level.",
  );
  // Why not Sara Self (unless the contact is hers).
  await audience.getByTestId("audience-search").fill("Sara");
  await audience.getByRole("button", { name: "Why can Sara Self see it?" }).last().click();
  await expect(audience.getByTestId("audience-why")).toContainText(
    assignee.includes("Sara Self")
      ? "Sees it: the contact is assigned to them."
      : /Cannot see it: (they see only contacts assigned to them|the contact is unassigned)/,
  );
  await page.screenshot({ path: `${SCREENS}/explain-audience-en.png` });
  await page.keyboard.press("Escape");

  // Arabic, then back to English.
  await switchLanguage(page, "ar");
  await page.getByTestId("audience-open").click();
  await expect(page.getByRole("dialog").getByTestId("audience-count")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/explain-audience-ar.png` });
  await page.keyboard.press("Escape");
  await page.goto(`${DEMO_APP}/w/${ws}/settings/users?q=Layla`);
  await page.getByTestId("member-row").filter({ hasText: "limited.manager@example.com" }).getByRole("button").click();
  await page.getByRole("menuitem", { name: "شرح الوصول" }).click();
  await expect(
    page.getByRole("dialog").locator('[data-testid="explain-row"][data-permission="data.export"]'),
  ).toContainText("ممنوع: يسحبه القيد «بلا تصدير البيانات»");
  await page.screenshot({ path: `${SCREENS}/explain-access-ar.png` });
  await page.keyboard.press("Escape");
  await switchLanguage(page, "en");
});
