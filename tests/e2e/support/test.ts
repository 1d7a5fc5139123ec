import { test as base, expect, type BrowserContext } from "@playwright/test";

// Every browser test runs under the app's Content-Security-Policy and fails when the browser
// reports a violation (a script, style or connection the policy blocked). Specs import `test` and
// `expect` from here.

/**
 * Collect CSP violations in every page of a context, pages opened later included: an init script
 * (injected by the browser, outside the page's policy) forwards each `securitypolicyviolation`
 * event to the test. Chromium does not report them as console messages Playwright sees.
 */
export async function watchCsp(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding("__reportCspViolation", ({ page }, v: string) => violations.push(`${page.url()}: ${v}`));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return violations;
}

export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ context, browser }, run) => {
      const lists = [await watchCsp(context)];
      // Contexts a spec opens itself (a second browser for the invitee) are watched too.
      const original = browser.newContext;
      browser.newContext = async (...args) => {
        const extra = await original.apply(browser, args);
        lists.push(await watchCsp(extra));
        return extra;
      };
      try {
        await run();
      } finally {
        browser.newContext = original;
      }
      expect(lists.flat(), "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
