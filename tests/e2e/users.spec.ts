import { mkdirSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { type Page } from "@playwright/test";
import { decode } from "next-auth/jwt";
import { expect, test } from "./support/test";
import { demoSignIn } from "./support/signin";
import { DEMO_APP, E2E_SECRET, SMTP_APP, SMTP_PORT } from "./support/env";
import { TestSmtpServer, firstLink } from "./support/smtp";

// Settings → Users as people use it (docs/PRODUCT.md, Users page), in Chromium:
//  - on the SMTP app (3210): a fresh Owner invites a restricted Manager by email (real SMTP
//    server in this process), a second browser accepts, the Owner's open page shows the new
//    member online without a reload, the Owner changes the level, the export downloads and parses;
//  - on the demo app (3211): the Owner revokes Sara Self (an Agent with contacts) handing her
//    contacts to Adam Agent, and Sara's open browser is refused on its next navigation.
// Screenshots in English and Arabic go to test-results/screens/users-*.png.
const SCREENS = "test-results/screens";
const HEADER = [
  "name",
  "email",
  "access level",
  "role",
  "status",
  "restrictions",
  "teams",
  "last active",
  "availability",
  "joined or invited at",
  "invited by",
  "access until",
  "two-step sign-in",
];

let smtp: TestSmtpServer;

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  smtp = new TestSmtpServer(SMTP_PORT);
  await smtp.start();
});

test.afterAll(async () => {
  await smtp?.stop();
});

/** Through the user menu's language switcher (saved on the user). */
async function switchLanguage(page: Page, locale: "en" | "ar") {
  await page
    .getByRole("button", { name: /^(Open the user menu|فتح قائمة المستخدم)$/ })
    .first()
    .click();
  await page.locator('select:has(option[value="ar"])').first().selectOption(locale);
  await expect(page.locator("html")).toHaveAttribute("lang", locale, { timeout: 15_000 });
  await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
  await page.keyboard.press("Escape");
}

/** The decoded session token of the page's browser context (null when it has none). */
async function sessionOf(page: Page) {
  const cookie = (await page.context().cookies(SMTP_APP)).find((c) => c.name === "next-auth.session-token");
  expect(cookie, "a session cookie").toBeDefined();
  return decode({ token: cookie!.value, secret: E2E_SECRET });
}

test("the Owner invites a restricted Manager who accepts, sees them online live, changes the level and exports", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const ownerEmail = `owner.${stamp}@example.com`;
  const inviteeEmail = `new.manager.${stamp}@example.com`;
  const inviteeName = "Mona Manager";

  // A fresh Owner signs up with a magic link and creates a workspace.
  await page.goto(`${SMTP_APP}/signin`);
  await page.getByLabel("Email address").fill(ownerEmail);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const signinLink = firstLink((await smtp.waitFor(ownerEmail)).text);
  expect(signinLink).not.toBeNull();
  await page.goto(signinLink!);
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Organization name").fill("Users E2E Org");
  await page.getByLabel("Workspace name").fill("Frontdesk");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/dashboard$/, { timeout: 20_000 });
  const ws = /\/w\/([0-9a-f-]{36})/.exec(page.url())![1];

  // Settings → Users.
  await page.goto(`${SMTP_APP}/w/${ws}/settings/users`);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByTestId("member-row")).toHaveCount(1);

  // Add user: a Manager who may not export data.
  await page.getByTestId("add-user").click();
  const addDialog = page.getByRole("dialog", { name: "Add user" });
  await expect(addDialog).toBeVisible();
  await addDialog.getByLabel("Email address").fill(inviteeEmail);
  await addDialog.getByRole("radio", { name: /^Manager/ }).check();
  await addDialog.getByRole("checkbox", { name: "May not export data" }).check();
  await page.screenshot({ path: `${SCREENS}/users-add-dialog-en.png` });
  await addDialog.getByRole("button", { name: "Add", exact: true }).click();
  await expect(addDialog).toBeHidden();
  await expect(page.getByText(`Invitation saved. We’ll email it to ${inviteeEmail} shortly.`)).toBeVisible();
  const invitationRow = page.getByTestId("invitation-row").filter({ hasText: inviteeEmail });
  await expect(invitationRow).toContainText("Manager");
  await expect(invitationRow).toContainText("no data export");

  // The invitation arrives over SMTP with a link on the configured base URL.
  const invitation = await smtp.waitFor(inviteeEmail);
  const inviteLink = firstLink(invitation.text);
  expect(inviteLink, "a link in the invitation").not.toBeNull();
  expect(inviteLink!.startsWith(`${SMTP_APP}/invite/`)).toBe(true);
  expect(invitation.html.replaceAll("&amp;", "&")).toContain(inviteLink!);
  // The pending invitation shows its email's delivery state (queued until the SMTP server accepted it).
  await expect(async () => {
    await page.reload();
    await expect(invitationRow.getByTestId("invitation-mail")).toHaveText("Email sent", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  // A second browser opens the link and accepts.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(inviteLink!);
  await expect(invitee.getByRole("heading", { name: "Join Frontdesk" })).toBeVisible();
  await invitee.getByLabel("Your display name").fill(inviteeName);
  await invitee.getByTestId("accept-invitation").click();
  await expect(invitee).toHaveURL(new RegExp(`/w/${ws}/`), { timeout: 20_000 });
  await expect(invitee.getByRole("navigation", { name: "Modules" }).first()).toBeVisible();
  // Signed in as the new member: their session token, decoded as next-auth decodes it.
  const ownerToken = await sessionOf(page);
  const inviteeToken = await sessionOf(invitee);
  expect(inviteeToken).toMatchObject({
    email: inviteeEmail,
    name: inviteeName,
    ws: { [ws]: { r: "manager", x: ["no_export"] } },
  });
  expect(inviteeToken?.sub).toMatch(/^[0-9a-f-]{36}$/);
  expect(inviteeToken?.uid).toBe(inviteeToken?.sub);
  expect(ownerToken).toMatchObject({ email: ownerEmail });
  expect(inviteeToken?.sub, "not the Owner's account").not.toBe(ownerToken?.sub);

  // Back on the Owner's page, NOT reloaded: the new member appears, and is online.
  const memberRow = page.getByTestId("member-row").filter({ hasText: inviteeEmail });
  await expect(memberRow, "the new member's row appears without a reload").toBeVisible({ timeout: 15_000 });
  await expect(memberRow.locator("[data-status]"), "the presence dot turns online live").toHaveAttribute(
    "data-status",
    "online",
    { timeout: 15_000 },
  );
  await expect(memberRow).toContainText(inviteeName);
  await expect(memberRow).toContainText("Manager");
  await expect(memberRow).toContainText("no data export");
  await expect(page.getByTestId("invitation-row")).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/users-list-online-en.png`, fullPage: true });

  // Edit access: Manager → Agent.
  await memberRow.getByRole("button", { name: `Actions for ${inviteeName}` }).click();
  await page.getByRole("menuitem", { name: "Edit access" }).click();
  const editDialog = page.getByRole("dialog", { name: "Edit access" });
  await expect(editDialog).toBeVisible();
  await editDialog.getByRole("radio", { name: /^Agent/ }).check();
  await expect(editDialog.getByText("Contact visibility")).toBeVisible();
  // Access until a date, 20 days ahead (a calendar day in the browser's zone; the list shows it back).
  const end = new Date(Date.now() + 20 * 86_400_000);
  const day = `${end.getFullYear()}-${String(end.getMonth() + 1).padStart(2, "0")}-${String(end.getDate()).padStart(2, "0")}`;
  await editDialog.getByLabel("Access until").fill(day);
  await expect(editDialog.getByRole("radio", { name: "Become unassigned" })).toBeChecked();
  await page.screenshot({ path: `${SCREENS}/users-edit-dialog-en.png` });
  await editDialog.getByRole("button", { name: "Update" }).click();
  await expect(editDialog).toBeHidden();
  await expect(page.getByText(`Access updated for ${inviteeName}.`)).toBeVisible();
  await expect(memberRow.getByTestId("member-access")).toHaveText("Agent");
  const shown = new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(
    new Date(end.getFullYear(), end.getMonth(), end.getDate(), 23, 59),
  );
  await expect(memberRow.getByTestId("access-until")).toHaveText(`Access until ${shown}`);

  // Export: downloads a CSV that parses.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-users").click()]);
  expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
  const raw = readFileSync(await download.path(), "utf8");
  expect(raw.charCodeAt(0), "UTF-8 BOM").toBe(0xfeff);
  const rows = parse(raw.slice(1), { relax_column_count: false }) as string[][];
  expect(rows[0]).toEqual(HEADER);
  const body = rows.slice(1);
  expect(body).toHaveLength(2);
  const owner = body.find((r) => r[1] === ownerEmail);
  const agent = body.find((r) => r[1] === inviteeEmail);
  expect(owner?.[2]).toBe("owner");
  expect(owner?.[4]).toBe("active");
  expect(agent?.slice(0, 6)).toEqual([inviteeName, inviteeEmail, "agent", "agent", "active", ""]);
  // Both are online with the app open, and Available.
  expect(agent?.[8]).toBe("available");
  expect(agent?.[10]).toBe(ownerEmail);
  expect(Number.isNaN(Date.parse(agent![9])), "joined at is a date").toBe(false);
  // The end of the chosen day in the browser's zone, as ISO 8601 UTC.
  expect(agent?.[11]).toBe(new Date(end.getFullYear(), end.getMonth(), end.getDate(), 23, 59, 59, 999).toISOString());
  expect(owner?.[11]).toBe("");

  // The same page in Arabic.
  await switchLanguage(page, "ar");
  await expect(page.getByRole("heading", { level: 1, name: "المستخدمون" })).toBeVisible();
  await expect(memberRow.locator("[data-status]")).toHaveAttribute("data-status", "online");
  await page.screenshot({ path: `${SCREENS}/users-list-online-ar.png`, fullPage: true });
  await page.getByTestId("add-user").click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/users-add-dialog-ar.png` });
  await page.keyboard.press("Escape");
  await switchLanguage(page, "en");

  await inviteeContext.close();
});

test("the Owner revokes an Agent, handing her contacts to a colleague, and her open browser is refused", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const ws = await demoSignIn(page, "owner@example.com");

  const saraContext = await browser.newContext();
  const sara = await saraContext.newPage();
  expect(await demoSignIn(sara, "agent.self@example.com")).toBe(ws);
  await expect(sara).toHaveURL(new RegExp(`/w/${ws}/inbox`));
  await expect(sara.getByTestId("conversation").first()).toBeVisible();

  await page.goto(`${DEMO_APP}/w/${ws}/settings/users?q=Sara`);
  const saraRow = page.getByTestId("member-row").filter({ hasText: "agent.self@example.com" });
  await expect(saraRow).toBeVisible();
  await saraRow.getByRole("button", { name: "Actions for Sara Self" }).click();
  await page.getByRole("menuitem", { name: "Revoke access" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke access" });
  await expect(dialog).toBeVisible();
  const count = dialog.getByTestId("revoke-contacts");
  await expect(count).toContainText(/\d+ contacts? (is|are) assigned to Sara Self\./);
  const held = Number(/(\d+)/.exec((await count.textContent()) ?? "")![1]);
  expect(held, "Sara holds contacts in the demo data").toBeGreaterThan(0);

  await dialog.getByRole("radio", { name: "Give them all to one member" }).check();
  await dialog.getByRole("searchbox", { name: "Search members" }).fill("Adam");
  await dialog.getByRole("radio", { name: /Adam Agent/ }).check();
  await page.screenshot({ path: `${SCREENS}/users-revoke-dialog-en.png` });
  await dialog.getByRole("button", { name: "Revoke access" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Sara Self no longer has access to this workspace.")).toBeVisible();
  await expect(saraRow).toHaveCount(0);

  // The activity log records the hand-over.
  await page.goto(`${DEMO_APP}/w/${ws}/settings/users`);
  await expect(page.getByText(new RegExp(`${held} contacts? reassigned to Adam Agent`)).first()).toBeVisible();

  // Sara's open browser: its next navigation is refused (404 page, no inbox).
  await sara.goto(`${DEMO_APP}/w/${ws}/inbox`);
  await expect(sara.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(sara.getByTestId("conversation")).toHaveCount(0);
  await expect(sara.getByTestId("composer")).toHaveCount(0);
  await sara.screenshot({ path: `${SCREENS}/users-revoked-agent-en.png`, fullPage: true });
  await saraContext.close();

  // The revoke dialog in Arabic (for another Agent; cancelled).
  await switchLanguage(page, "ar");
  const adamRow = page.getByTestId("member-row").filter({ hasText: "agent.all@example.com" });
  await adamRow.getByRole("button").first().click();
  await page.getByRole("menuitem").last().click();
  await expect(page.getByRole("dialog").getByTestId("revoke-contacts")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/users-revoke-dialog-ar.png` });
  await page.keyboard.press("Escape");
  await switchLanguage(page, "en");
});
