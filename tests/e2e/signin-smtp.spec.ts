import { mkdirSync } from "node:fs";
import { expect, test } from "./support/test";
import { SMTP_APP, SMTP_PORT } from "./support/env";
import { TestSmtpServer, firstLink } from "./support/smtp";

// The app on port 3210 sends mail over SMTP to this in-process server, as it would in production.
let smtp: TestSmtpServer;

test.beforeAll(async () => {
  smtp = new TestSmtpServer(SMTP_PORT);
  await smtp.start();
});

test.afterAll(async () => {
  await smtp?.stop();
});

test.use({ baseURL: SMTP_APP });

test("a new user signs in with an emailed magic link, creates an organization and lands in the workspace", async ({
  page,
}) => {
  const email = `new.user.${Date.now()}@example.com`;

  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign in to Switchboard" })).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();

  const mail = await smtp.waitFor(email);
  expect(mail.text, "plain-text part").not.toBe("");
  expect(mail.html, "HTML part").not.toBe("");
  const link = firstLink(mail.text);
  expect(link, "a link in the text part").not.toBeNull();
  // Links are built on NEXTAUTH_URL, never on the request's Host header.
  expect(link!.startsWith(`${SMTP_APP}/`)).toBe(true);
  expect(mail.html.replaceAll("&amp;", "&")).toContain(link!);

  await page.goto(link!);
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Organization name").fill("Acme Test Org");
  await page.getByLabel("Workspace name").fill("Helpdesk");
  await page.getByRole("button", { name: "Create workspace" }).click();

  // The Owner of a new workspace lands on its first module, inside the workspace shell.
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/dashboard$/, { timeout: 20_000 });
  const nav = page.getByRole("navigation").first();
  await expect(nav).toBeVisible();
  await expect(page.getByText("Helpdesk").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Inbox" }).first()).toBeVisible();
  mkdirSync("test-results/screens", { recursive: true });
  await page.screenshot({ path: "test-results/screens/new-workspace.png", fullPage: true });

  // The link works once.
  await page.context().clearCookies();
  await page.goto(link!);
  await expect(page).toHaveURL(/\/signin\?.*error=Verification/);
});

test("a malformed address is refused with a clear message and no mail is sent", async ({ page }) => {
  const bad = `"a@evil.example"@victim.example`;
  const before = smtp.messages.length;

  await page.goto("/signin");
  await page.getByLabel("Email address").fill(bad);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /valid email/i })).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/signin$/);

  // The server refuses it too, when the browser's validation is bypassed.
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  for (const email of [bad, "victim@example.com, attacker@evil.example", "a@evil.example\r\nBcc: b@evil.example"]) {
    const res = await page.request.post("/api/auth/signin/email", {
      form: { email, csrfToken, callbackUrl: "/", json: "true" },
      maxRedirects: 0,
    });
    expect(res.status(), `status for ${JSON.stringify(email)}`).toBe(400);
    expect(((await res.json()) as { url: string }).url).toContain("error=InvalidEmail");
  }

  // A refused request queues nothing, and the queue is delivered in order: once the mail of a
  // valid request made after the refused ones is in, none of theirs can still be on its way.
  const marker = `after.refusals.${Date.now()}@example.com`;
  const res = await page.request.post("/api/auth/signin/email", {
    form: { email: marker, csrfToken, callbackUrl: "/", json: "true" },
    maxRedirects: 0,
  });
  expect(res.ok(), "the marker request is accepted").toBe(true);
  await smtp.waitFor(marker);
  expect(
    smtp.messages.slice(before).map((m) => m.to),
    "no mail sent for refused input",
  ).toEqual([[marker]]);
});

test("with SMTP down the sign-in request still succeeds, and the link arrives once SMTP is back", async ({ page }) => {
  await smtp.stop();
  const email = `smtp.down.${Date.now()}@example.com`;
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText("it should arrive shortly")).toBeVisible();
  // The first attempt (right after the request) found no server: the mail waits in the queue.
  await page.waitForTimeout(1500);

  smtp = new TestSmtpServer(SMTP_PORT);
  await smtp.start();
  const back = Date.now();
  // Retries 1 s, 2 s, 4 s… apart (MAIL_RETRY_BASE_MS=1000) on the mail job's 5 s tick.
  const mail = await smtp.waitFor(email, 1, 30_000);
  console.info(`[e2e] sign-in mail arrived ${Date.now() - back} ms after SMTP came back`);
  const link = firstLink(mail.text);
  expect(link!.startsWith(`${SMTP_APP}/`)).toBe(true);
  await page.goto(link!);
  await expect(page).toHaveURL(/\/onboarding$/);
  expect(smtp.to(email)).toHaveLength(1);
});
