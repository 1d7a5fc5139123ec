// Where the two `next start` servers of playwright.config.ts listen, and the test SMTP port.
// E2E_PORT moves all three (SMTP app on it, demo app on it + 1, SMTP on it + 2), so that two
// checkouts on one machine can run their browser tests at once.
const base = Number(process.env.E2E_PORT) || 3210;
export const SMTP_APP_PORT = base;
export const DEMO_APP_PORT = base + 1;
export const SMTP_PORT = process.env.E2E_PORT ? base + 2 : 2525;
export const SMTP_APP = `http://localhost:${SMTP_APP_PORT}`;
export const DEMO_APP = `http://localhost:${DEMO_APP_PORT}`;
/** NEXTAUTH_SECRET of both apps: the specs decode session cookies with it. */
export const E2E_SECRET = "e2e-secret-not-for-production-0123456789";
