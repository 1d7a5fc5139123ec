// Where the two `next start` servers of playwright.config.ts listen, and the test SMTP port.
export const SMTP_APP = "http://localhost:3210";
export const DEMO_APP = "http://localhost:3211";
export const SMTP_PORT = 2525;
