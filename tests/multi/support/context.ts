// What the multi-server tier's global setup hands to its test files (vitest provide/inject).

export interface AppServer {
  name: "A" | "B";
  /** Straight to this server, bypassing the proxy. */
  url: string;
  port: number;
  pid: number;
  logFile: string;
  /** Written by the setup when the process exits: `{ code, signal, at }` (JSON). */
  exitFile: string;
}

export interface MultiContext {
  /** Set when the tier cannot run here (no PostgreSQL or nginx outside CI). */
  skip?: string;
  /** Through nginx. */
  base: string;
  servers: AppServer[];
  dbUrl: string;
  secret: string;
  distDir: string;
  nginxDir: string;
  /** Milliseconds in-flight requests get after SIGTERM (SHUTDOWN_GRACE_MS of the servers). */
  shutdownGraceMs: number;
  /** CRON_SECRET of the servers (/api/cron/<job>). */
  cronSecret: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    multi: MultiContext;
  }
}
