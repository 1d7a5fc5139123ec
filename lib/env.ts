// Configuration read from the environment, in one place. Edge-safe (no Node imports).

const DEV_SECRET = "switchboard-development-secret-not-for-production";

export function isProduction(): boolean {
  return process.env.NODE_ENV === "production";
}

/** The configured public base URL. Links in emails are built from it, never from a request's Host. */
export function baseUrl(): string {
  const url = process.env.NEXTAUTH_URL || process.env.APP_URL || "http://localhost:3000";
  return url.replace(/\/+$/, "");
}

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (secret) return secret;
  if (isProduction() && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("NEXTAUTH_SECRET must be set in production");
  }
  return DEV_SECRET;
}

/** The development outbox (and /dev pages) are on outside production, or when asked for. */
export function outboxEnabled(): boolean {
  return !process.env.SMTP_URL && (!isProduction() || process.env.MAIL_OUTBOX === "1");
}

/** Demo helpers (one-click demo sign-in) exist only where demo data may exist. */
export function devToolsEnabled(): boolean {
  return !isProduction() || process.env.MAIL_OUTBOX === "1";
}
