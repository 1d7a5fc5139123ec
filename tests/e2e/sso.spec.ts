import { mkdirSync } from "node:fs";
import { expect, test } from "./support/test";
import { demoSignIn } from "./support/signin";
import { DEMO_APP } from "./support/env";
import { switchLanguage } from "./support/language";
import { startIdp, type TestIdp } from "../helpers/oidc-idp";

// Single sign-on (docs/SECURITY.md, Single sign-on) on the demo app, in Chromium, against a real
// OpenID provider (oidc-provider) started here: the Owner (an org admin) configures SSO, adds and
// verifies the domain sso-e2e.example (trusted by the demo app's SSO_TRUSTED_TEST_DOMAINS, which
// needs MAIL_OUTBOX=1) and requires SSO for it, and invites a person of that domain. That person's
// magic link is refused on the sign-in page, "Continue with single sign-on" goes to the provider,
// and coming back accepts the pending invitation. Screenshots en + ar in test-results/screens/sso-*.
const SCREENS = "test-results/screens";
const DOMAIN = "sso-e2e.example";
let idp: TestIdp;

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  idp = await startIdp({ redirectUri: `${DEMO_APP}/api/sso/callback` });
});
test.afterAll(async () => {
  await idp?.close();
});

test("an org admin sets up SSO; a person of a require-SSO domain is refused a link and joins through the provider", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const login = `nadia-${stamp}`;
  const email = `${login}@${DOMAIN}`;
  idp.accounts.set(login, { email, email_verified: true, name: "Nadia Noor" });

  const ws = await demoSignIn(page, "owner@example.com", DEMO_APP);
  await page.getByTestId("org-link").click();
  await page
    .getByRole("navigation", { name: "Organization settings" })
    .getByRole("link", { name: "Single sign-on" })
    .click();
  await expect(page.getByRole("heading", { name: "Single sign-on (OpenID Connect)" })).toBeVisible();
  await expect(page.getByTestId("sso-redirect-uri")).toHaveText(`${DEMO_APP}/api/sso/callback`);

  // A wrong issuer is refused with a clear message; the right one saves.
  const form = page.getByTestId("sso-config-form");
  await page.getByLabel("Issuer URL").fill("http://127.0.0.1:9");
  await page.getByLabel("Client ID").fill(idp.clientId);
  await page.getByLabel("Client secret").fill(idp.clientSecret);
  await page.getByTestId("sso-enabled").check();
  await page.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(form.getByRole("alert")).toContainText("discovery document");
  await page.getByLabel("Issuer URL").fill(idp.issuer);
  await page.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(page.getByTestId("sso-config-status")).toHaveText("Single sign-on saved.");
  await expect(page.getByText("A secret is set. Leave this empty to keep it.")).toBeVisible();
  await expect(page.getByLabel("Client secret")).toHaveValue("");

  // The domain: add, verify, require.
  await page.getByLabel("Domain", { exact: true }).fill(DOMAIN);
  await page.getByRole("button", { name: "Add domain" }).click();
  const row = page.getByTestId("sso-domain-row").filter({ hasText: DOMAIN });
  await expect(row).toContainText("Not verified");
  await expect(row.getByTestId("sso-record")).toHaveText(/^switchboard-verify=/);
  await row.getByRole("button", { name: `Verify ${DOMAIN}` }).click();
  await expect(row).toContainText("Verified");
  await row.getByRole("checkbox", { name: `Require single sign-on for ${DOMAIN}` }).check();
  await expect(page.getByTestId("sso-domains-status")).toContainText("Single sign-on is now required for");
  await expect(row.getByRole("checkbox")).toBeChecked();
  await page.screenshot({ path: `${SCREENS}/sso-settings-en.png`, fullPage: true });
  // The owner's saved language outranks a cookie: switch with the settings header's language menu.
  await switchLanguage(page, "ar");
  await expect(page.getByRole("heading", { name: "الدخول الموحّد (OpenID Connect)" })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sso-settings-ar.png`, fullPage: true });
  await switchLanguage(page, "en");

  // Invite the person (an Agent) from the workspace's Users page.
  await page.goto(`${DEMO_APP}/w/${ws}/settings/users`);
  await page.getByTestId("add-user").click();
  const addDialog = page.getByRole("dialog", { name: "Add user" });
  await addDialog.getByLabel("Email address").fill(email);
  await addDialog.getByRole("radio", { name: /^Agent/ }).check();
  await addDialog.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toBeVisible();

  // The person, in another browser: the link is refused, SSO is offered.
  const theirs = await browser.newContext();
  const person = await theirs.newPage();
  await person.goto(`${DEMO_APP}/signin`);
  await person.getByLabel("Email address").fill(email);
  await person.getByRole("button", { name: "Email me a sign-in link" }).click();
  // Next's route announcer is an alert too: the one inside the form.
  await expect(person.locator("form").getByRole("alert")).toHaveText(
    "Your organization signs this address in with single sign-on, not with an email link.",
  );
  const go = person.getByRole("link", { name: "Continue with single sign-on" });
  await expect(go).toBeVisible();
  await person.screenshot({ path: `${SCREENS}/sso-signin-refused-en.png`, fullPage: true });
  await theirs.addCookies([{ name: "locale", value: "ar", url: DEMO_APP }]);
  await person.reload();
  await person.getByLabel("البريد الإلكتروني").fill(email);
  await person.getByRole("button", { name: "أرسل لي رابط تسجيل الدخول" }).click();
  await expect(person.getByRole("link", { name: "المتابعة بالدخول الموحّد" })).toBeVisible();
  await person.screenshot({ path: `${SCREENS}/sso-signin-refused-ar.png`, fullPage: true });
  await theirs.clearCookies({ name: "locale" });

  // At the provider (its development login and consent pages), then back: the invitation is accepted.
  await person.getByRole("link", { name: "المتابعة بالدخول الموحّد" }).click();
  await expect(person).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await person.locator('input[name="login"]').fill(login);
  await person.locator('input[name="password"]').fill("any");
  await person.getByRole("button", { name: "Sign-in" }).click();
  await person.getByRole("button", { name: "Continue" }).click();
  await expect(person).toHaveURL(new RegExp(`^${DEMO_APP}/w/${ws}/`), { timeout: 20_000 });
  await person.screenshot({ path: `${SCREENS}/sso-joined-en.png`, fullPage: true });
  await expect(person.getByRole("link", { name: "Inbox" })).toBeVisible();
  await theirs.close();

  // The Owner sees the person as a member now. (No other spec uses the domain sso-e2e.example.)
  await page.goto(`${DEMO_APP}/w/${ws}/settings/users`);
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toBeVisible();
});
