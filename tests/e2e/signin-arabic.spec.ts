import { mkdirSync } from "node:fs";
import { type Locator, type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { SMTP_APP } from "./support/env";

test.use({ baseURL: SMTP_APP });

/** Where text in the input starts: "right" or "left", whatever mix of direction and text-align gives it. */
async function inputTextSide(page: Page, label: string): Promise<string> {
  return page.getByLabel(label).evaluate((el) => {
    const style = getComputedStyle(el);
    const align = style.textAlign;
    if (align === "right" || align === "left") return align;
    if (align === "center") return "center";
    const rtl = style.direction === "rtl";
    if (align === "end") return rtl ? "left" : "right";
    return rtl ? "right" : "left"; // start (or the default)
  });
}

async function textBox(locator: Locator): Promise<{ left: number; right: number }> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const rect = range.getBoundingClientRect();
    return { left: rect.left, right: rect.right };
  });
}

async function expectRightToLeftForm(page: Page, emailLabel: string) {
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");

  const input = await page.getByLabel(emailLabel).boundingBox();
  expect(input).toBeTruthy();
  const right = input!.x + input!.width;
  // Where the words are, not the (full-width) block boxes around them.
  for (const text of [page.getByText(emailLabel, { exact: true }), page.getByRole("heading", { level: 1 })]) {
    const box = await textBox(text);
    expect(Math.abs(box.right - right), "text ends at the field's right edge").toBeLessThanOrEqual(2);
  }
  const label = await textBox(page.getByText(emailLabel, { exact: true }));
  expect(label.left, "the short label sits in the right half").toBeGreaterThan(input!.x + input!.width / 2);
  // The field's own text (placeholder and typed address) sits on the right too.
  expect(await inputTextSide(page, emailLabel)).toBe("right");
}

test.describe("Arabic, right to left", () => {
  test.use({ locale: "ar", extraHTTPHeaders: { "Accept-Language": "ar" } });

  test("the sign-in page follows Accept-Language: ar", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/تسجيل الدخول/);
    await expectRightToLeftForm(page, "البريد الإلكتروني");
    await page.getByLabel("البريد الإلكتروني").fill("layla@example.com");

    mkdirSync("test-results/screens", { recursive: true });
    await page.screenshot({ path: "test-results/screens/signin-ar.png", fullPage: true });
  });
});

test("the language menu switches the sign-in page to Arabic and back", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByLabel("Language").selectOption("ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expectRightToLeftForm(page, "البريد الإلكتروني");

  // The choice is kept (cookie) across a reload.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");

  await page.getByLabel("اللغة").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { name: "Sign in to Switchboard" })).toBeVisible();
});
