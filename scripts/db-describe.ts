import type { DbConfig } from "../db/connect";

/** Where the scripts are pointed, without printing a password. */
export function describeDb(config: DbConfig): string {
  if (config.kind === "pglite") return `PGlite at ${config.dataDir ?? "(memory)"}`;
  try {
    const url = new URL(config.connectionString);
    if (url.password) url.password = "***";
    return `${config.kind === "pg" ? "PostgreSQL" : "Vercel Postgres"} at ${url.host}${url.pathname}`;
  } catch {
    return config.kind === "pg" ? "PostgreSQL" : "Vercel Postgres";
  }
}
