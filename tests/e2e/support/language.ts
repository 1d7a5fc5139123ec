import { expect, type Page } from "@playwright/test";

/** Switch the signed-in user's language from the user menu, as a person does. */
export async function switchLanguage(page: Page, locale: "en" | "ar") {
  await page
    .getByRole("button", { name: /^(Open the user menu|فتح قائمة المستخدم)$/ })
    .first()
    .click();
  await page.locator('select:has(option[value="ar"])').first().selectOption(locale);
  await expect(page.locator("html")).toHaveAttribute("lang", locale, { timeout: 15_000 });
  await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
  await page.keyboard.press("Escape");
}
