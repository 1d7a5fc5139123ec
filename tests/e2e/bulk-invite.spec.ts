import { mkdirSync } from "node:fs";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { SMTP_APP, SMTP_PORT } from "./support/env";
import { TestSmtpServer, firstLink } from "./support/smtp";

// Bulk invite (docs/PRODUCT.md, Users page "Bulk invite") on the SMTP app, in Chromium: a new Owner uploads
// a CSV of 20 addresses with 3 bad rows, fixes one in the preview, sends, and the invitation emails go out
// over real SMTP; one invitee accepts in a second browser. Then Copy invitation link for another one, and the
// preview in Arabic on a phone-width screen. Screenshots: test-results/screens/bulk-*.png.
const SCREENS = "test-results/screens";
let smtp: TestSmtpServer;

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  smtp = new TestSmtpServer(SMTP_PORT);
  await smtp.start();
});
test.afterAll(async () => {
  await smtp?.stop();
});
test.use({ baseURL: SMTP_APP });

/** A new person signs in by the emailed link and creates a workspace: they are its Owner. */
async function newOwner(page: Page): Promise<string> {
  const email = `bulk.owner.${Date.now()}@example.com`;
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(firstLink((await smtp.waitFor(email)).text)!);
  await page.getByLabel("Organization name").fill("Bulk Org");
  await page.getByLabel("Workspace name").fill("Bulk Desk");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/dashboard$/, { timeout: 20_000 });
  return /\/w\/([0-9a-f-]{36})/.exec(page.url())![1];
}

test("bulk-invite 20 addresses from a CSV with 3 bad rows, fix one, send, accept one in a second browser", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const ws = await newOwner(page);
  const tag = Date.now().toString(36);
  const good = Array.from({ length: 17 }, (_, i) => `bulk.${tag}.${i}@example.com`);
  const csv = [
    "email,access level,restrictions",
    ...good.map((e, i) => `${e},${i === 0 ? "manager" : "agent"},${i === 1 ? "see_self" : ""}`),
    `broken.${tag}(at)example.com,agent,`, // invalid address: fixed in the preview
    `${good[2]},agent,`, // duplicate in the list
    `boss.${tag}@example.com,superuser,`, // no such level
  ].join("\r\n");

  await page.goto(`/w/${ws}/settings/users`);
  await page.getByTestId("add-user").click();
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await dialog.getByRole("button", { name: "Many addresses" }).click();
  await dialog
    .getByLabel("CSV file")
    .setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await dialog.getByRole("button", { name: "Check addresses" }).click();

  const rows = dialog.getByTestId("bulk-row");
  await expect(rows).toHaveCount(20);
  await expect(dialog.getByTestId("bulk-summary")).toHaveText("17 invitations ready to send, 3 rows with a problem.");
  await expect(rows.nth(17)).toContainText("Invalid address");
  await expect(rows.nth(18)).toContainText("Duplicate in the list");
  await expect(rows.nth(19)).toContainText("Level not allowed for you");
  await expect(dialog.getByRole("columnheader", { name: "Status" })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/bulk-preview-en.png` });

  // Fix the broken address in place, drop the unknown level, check again.
  const fixed = `fixed.${tag}@example.com`;
  await dialog.getByLabel("Email address in row 18").fill(fixed);
  await dialog.getByRole("button", { name: "Remove row 20" }).click();
  await dialog.getByRole("button", { name: "Check again" }).click();
  await expect(dialog.getByTestId("bulk-summary")).toHaveText("18 invitations ready to send, 1 row with a problem.");
  await dialog.getByRole("button", { name: "Send 18 invitations" }).click();

  const result = dialog.getByTestId("bulk-result");
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByTestId("bulk-summary")).toHaveText(
    "18 invitations saved; we’ll email them shortly. 1 row was skipped.",
  );
  await expect(result.locator('[data-status="sent"]')).toHaveCount(18);
  await expect(result.locator('[data-status="duplicate"]')).toHaveCount(1);
  await page.screenshot({ path: `${SCREENS}/bulk-result-en.png` });
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  // Every invitation's email goes out over SMTP (queued, delivered by the mail job).
  for (const email of [...good, fixed]) await smtp.waitFor(email, 1, 30_000);
  await expect(page.getByText(good[3]).first()).toBeVisible();

  // The fixed address accepts in a second browser.
  const invitee = await browser.newContext();
  const second = await invitee.newPage();
  await second.goto(firstLink(smtp.to(fixed)[0].text)!);
  await expect(second.getByText("Bulk Desk").first()).toBeVisible();
  await second.getByLabel("Your display name").fill("Fiona Fixed");
  await second.getByRole("button", { name: "Accept invitation" }).click();
  await expect(second).toHaveURL(new RegExp(`/w/${ws}/`), { timeout: 20_000 });
  await invitee.close();

  // Copy invitation link for another invitee: the emailed link stops working, the copied one opens.
  await page.reload();
  await page.getByRole("button", { name: `Actions for the invitation to ${good[4]}` }).click();
  await page.getByRole("menuitem", { name: "Copy invitation link" }).click();
  const linkDialog = page.getByRole("dialog", { name: "Invitation link" });
  const link = await linkDialog.getByTestId("invitation-link").inputValue();
  expect(link.startsWith(`${SMTP_APP}/invite/`)).toBe(true);
  await page.screenshot({ path: `${SCREENS}/bulk-copy-link-en.png` });
  await linkDialog.getByRole("button", { name: "Close" }).first().click();
  const other = await browser.newContext();
  const third = await other.newPage();
  await third.goto(firstLink(smtp.to(good[4])[0].text)!);
  await expect(third.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await third.goto(link);
  await expect(third.getByRole("button", { name: "Accept invitation" })).toBeVisible();
  await other.close();

  // Arabic, phone width: the same dialog mirrors; the preview table scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page
    .getByRole("button", { name: /^(Open the user menu|فتح قائمة المستخدم)$/ })
    .first()
    .click();
  await page.locator('select:has(option[value="ar"])').first().selectOption("ar");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar", { timeout: 15_000 });
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.keyboard.press("Escape");
  await page.getByTestId("add-user").click();
  await page.getByTestId("add-mode-many").click();
  await page.getByRole("textbox", { name: "العناوين" }).fill(`${good[5]}, new.${tag}@example.com bad-address`);
  await page.getByRole("button", { name: "تحقق من العناوين" }).click();
  await expect(page.getByTestId("bulk-row")).toHaveCount(3, { timeout: 30_000 });
  await expect(page.getByTestId("bulk-row").nth(0)).toContainText("مدعو بالفعل");
  await expect(page.getByTestId("bulk-row").nth(2)).toContainText("عنوان غير صالح");
  await page.screenshot({ path: `${SCREENS}/bulk-preview-ar-phone.png` });
});
