import { defineConfig } from "@playwright/test";
import { DEMO_APP_PORT, E2E_SECRET, SMTP_APP_PORT, SMTP_PORT } from "./tests/e2e/support/env";

// Browser tests run against the production build in `.next` (`npm run build` first; CI's
// build step makes it), started twice with `next start`, each on its own fresh PGlite
// directory (docs/ARCHITECTURE.md, known trap 3):
//  - SMTP app (3210): mail goes over real SMTP to a server the specs start in beforeAll;
//  - demo app (3211): demo data and the database outbox shown at /dev/mailbox.
// The browser is Debian's Chromium; Playwright never downloads one.
// `next start` must not pick up a database or mail setting from the shell that runs the tests.
const common = {
  NEXT_DIST_DIR: ".next",
  DATABASE_URL: "",
  POSTGRES_URL: "",
  NEXTAUTH_SECRET: E2E_SECRET,
  NEXT_TELEMETRY_DISABLED: "1",
};

function nextStart(port: number, dataDir: string, env: Record<string, string>) {
  return {
    name: `app:${port}`,
    // Fresh database every run: the directory is removed just before the server opens it.
    command: `rm -rf ${dataDir} && exec node node_modules/next/dist/bin/next start -p ${port}`,
    url: `http://localhost:${port}/api/health`,
    env: { ...common, PGLITE_DIR: dataDir, NEXTAUTH_URL: `http://localhost:${port}`, ...env },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
  };
}

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/artifacts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    nextStart(SMTP_APP_PORT, `.data/e2e-smtp-${SMTP_APP_PORT}`, {
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      MAIL_OUTBOX: "",
      DEMO_SEED: "",
      // signin-smtp.spec.ts stops the SMTP server and starts it again: retries 1 s, 2 s, 4 s… apart.
      MAIL_RETRY_BASE_MS: "1000",
    }),
    nextStart(DEMO_APP_PORT, `.data/e2e-demo-${DEMO_APP_PORT}`, {
      SMTP_URL: "",
      MAIL_OUTBOX: "1",
      DEMO_SEED: "1",
      // Every spec signs the demo accounts in from one IP, many times in a run: a person would not.
      SIGNIN_LIMIT_PER_EMAIL: "1000",
      SIGNIN_LIMIT_PER_IP: "1000",
      // sso.spec.ts: a key for the sealed client secret, and its made-up domain verified without
      // DNS (SSO_TRUSTED_TEST_DOMAINS is honoured only with MAIL_OUTBOX=1; docs/SECURITY.md).
      SSO_ENCRYPTION_KEY: "3".repeat(64),
      SSO_TRUSTED_TEST_DOMAINS: "sso-e2e.example",
    }),
  ],
});
