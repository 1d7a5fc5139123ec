import { expect, type Page } from "@playwright/test";

/** Switch the signed-in user's language from the user menu, as a person does. */
export async function switchLanguage(page: Page, locale: "en" | "ar") {
  const menu = page.getByRole("button", { name: /^(Open the user menu|فتح قائمة المستخدم)$/ }).first();
  const select = page.locator('select:has(option[value="ar"])').first();
  // Right after a navigation the button may not be hydrated yet and a click does nothing, and a page that
  // refreshes itself (the dashboard's live counts) may close the menu between the click and the choice: open the
  // menu until its language select shows (a click on an open menu would close it again) and choose, as one step.
  await expect(async () => {
    if (!(await select.isVisible())) await menu.click();
    await select.selectOption(locale, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.locator("html")).toHaveAttribute("lang", locale, { timeout: 15_000 });
  await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
  await page.keyboard.press("Escape");
}

/** Save the signed-in user's language on /account, as a person does there (the page has no user menu). */
export async function saveAccountLanguage(page: Page, locale: "en" | "ar") {
  const form = page.locator("form:has(#account-locale)");
  await form.locator("#account-locale").selectOption(locale);
  await form.locator('button[type="submit"]').click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale, { timeout: 15_000 });
  await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
}
