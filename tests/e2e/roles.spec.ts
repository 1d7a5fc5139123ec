import { mkdirSync } from "node:fs";
import { expect, test } from "./support/test";
import { SMTP_APP, SMTP_PORT } from "./support/env";
import { switchLanguage } from "./support/language";
import { TestSmtpServer, firstLink } from "./support/smtp";

// Custom roles as people use them (docs/PRODUCT.md, Roles), in Chromium on the SMTP app: a fresh Owner creates a
// "Supervisor" role (reports and inbox, no settings), invites someone with it over real SMTP, who accepts in a
// second browser and sees exactly those modules; the Owner removes Reports from the role and the member's open
// browser is refused (the 403 page) on its next navigation to Reports. Screenshots of the Roles page and the
// edit dialog in English and Arabic go to test-results/screens/roles-*.png.
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

test("the Owner creates a Supervisor role, invites with it, and narrowing the role refuses the member at once", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const ownerEmail = `roles.owner.${stamp}@example.com`;
  const inviteeEmail = `supervisor.${stamp}@example.com`;

  // A fresh Owner signs up with a magic link and creates a workspace.
  await page.goto(`${SMTP_APP}/signin`);
  await page.getByLabel("Email address").fill(ownerEmail);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const signinLink = firstLink((await smtp.waitFor(ownerEmail)).text);
  expect(signinLink).not.toBeNull();
  await page.goto(signinLink!);
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Organization name").fill("Roles E2E Org");
  await page.getByLabel("Workspace name").fill("Helpdesk");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/dashboard$/, { timeout: 20_000 });
  const ws = /\/w\/([0-9a-f-]{36})/.exec(page.url())![1];

  // Settings → Roles, from the settings tabs.
  await page.goto(`${SMTP_APP}/w/${ws}/settings/general`);
  await page.getByTestId("settings-nav-roles").click();
  await expect(page.getByRole("heading", { level: 1, name: "Roles" })).toBeVisible();
  await expect(page.getByTestId("level-owner")).toContainText("1 member");
  await expect(page.getByTestId("roles-empty")).toBeVisible();

  // New role: Supervisor, Manager-based, the inbox and reports; nothing else.
  await page.getByTestId("new-role").click();
  const create = page.getByRole("dialog", { name: "New role" });
  await create.getByLabel("Name", { exact: true }).fill("Supervisor");
  await create.getByTestId("role-base-manager").check();
  await create.getByTestId("role-permission-snippets.use").uncheck();
  await create.getByTestId("role-permission-reports.view").check();
  await expect(create.getByTestId("role-permission-inbox.view")).toBeChecked();
  await expect(create.getByTestId("role-permission-settings.manage"), "needs settings first").toBeDisabled();
  await create.getByTestId("role-submit").click();
  await expect(create).toBeHidden();
  await expect(page.getByText("Role “Supervisor” created.")).toBeVisible();
  const card = page.getByTestId("role-card").filter({ hasText: "Supervisor" });
  await expect(card).toContainText("Based on Manager");
  await expect(card).toContainText("See reports");
  await expect(card).toContainText("Work the inbox");
  await page.screenshot({ path: `${SCREENS}/roles-page-en.png`, fullPage: true });
  await card.getByTestId("role-edit").click();
  const edit = page.getByRole("dialog", { name: "Edit role" });
  await expect(edit.getByTestId("role-base-fixed")).toHaveText("Base level: Manager (fixed)");
  await page.screenshot({ path: `${SCREENS}/roles-edit-dialog-en.png` });
  await edit.getByRole("button", { name: "Cancel" }).click();

  // The same in Arabic (the user's saved language), then back to English.
  await switchLanguage(page, "ar");
  await expect(page.getByRole("heading", { level: 1, name: "الأدوار" })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/roles-page-ar.png`, fullPage: true });
  await card.getByTestId("role-edit").click();
  const editAr = page.getByRole("dialog", { name: "تعديل الدور" });
  await expect(editAr).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/roles-edit-dialog-ar.png` });
  await editAr.getByRole("button", { name: "إلغاء" }).click();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SCREENS}/roles-page-ar-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await switchLanguage(page, "en");

  // Add user with the Supervisor role.
  await page.goto(`${SMTP_APP}/w/${ws}/settings/users`);
  await page.getByTestId("add-user").click();
  const add = page.getByRole("dialog", { name: "Add user" });
  await add.getByLabel("Email address").fill(inviteeEmail);
  await add.getByTestId("role-choice-Supervisor").check();
  await add.getByRole("button", { name: "Add", exact: true }).click();
  await expect(add).toBeHidden();
  const invitationRow = page.getByTestId("invitation-row").filter({ hasText: inviteeEmail });
  await expect(invitationRow.getByTestId("access-role-name")).toHaveText("Supervisor");

  // The invitation arrives over SMTP and names the role.
  const invitation = await smtp.waitFor(inviteeEmail);
  expect(invitation.text).toContain("as Supervisor");
  const inviteLink = firstLink(invitation.text);
  expect(inviteLink).not.toBeNull();

  // A second browser accepts, and sees exactly the role's modules.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto(inviteLink!);
  await member.getByLabel("Your display name").fill("Sami Supervisor");
  await member.getByTestId("accept-invitation").click();
  await expect(member).toHaveURL(new RegExp(`/w/${ws}/inbox`), { timeout: 20_000 });
  const nav = member.getByRole("navigation", { name: "Modules" }).first();
  await expect(nav.getByRole("link", { name: "Inbox" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Reports" })).toBeVisible();
  for (const name of ["Dashboard", "Contacts", "Settings"])
    await expect(nav.getByRole("link", { name })).toHaveCount(0);
  await nav.getByRole("link", { name: "Reports" }).click();
  await expect(member).toHaveURL(new RegExp(`/w/${ws}/reports`));
  await expect(member.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await nav.getByRole("link", { name: "Inbox" }).click();
  await expect(member).toHaveURL(new RegExp(`/w/${ws}/inbox`));

  // The Owner removes Reports from the role.
  await page.goto(`${SMTP_APP}/w/${ws}/settings/roles`);
  await expect(card).toContainText("1 member");
  await card.getByTestId("role-edit").click();
  await edit.getByTestId("role-permission-reports.view").uncheck();
  await edit.getByTestId("role-submit").click();
  await expect(edit).toBeHidden();
  await expect(page.getByText("Role “Supervisor” saved.")).toBeVisible();

  // The member's open browser, not reloaded, follows its Reports link: refused on this very navigation.
  await nav.getByRole("link", { name: "Reports" }).click();
  await expect(member.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible({
    timeout: 15_000,
  });
  const response = await member.goto(`${SMTP_APP}/w/${ws}/reports`);
  expect(response?.status()).toBe(403);
  await member.goto(`${SMTP_APP}/w/${ws}/inbox`);
  await expect(
    member.getByRole("navigation", { name: "Modules" }).first().getByRole("link", { name: "Reports" }),
  ).toHaveCount(0);
  await memberContext.close();
});
