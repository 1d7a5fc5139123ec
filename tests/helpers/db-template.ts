// Shared by the db project's global setup (main process) and tests/helpers/db.ts (workers).
// No vitest runtime imports here: the global setup runs outside any test file.

export type TestDbTemplate =
  | { kind: "pglite"; snapshot: string } // path of a gzip data-directory snapshot, already migrated
  | { kind: "pg"; adminUrl: string; template: string; prefix: string }; // a migrated template database

declare module "vitest" {
  export interface ProvidedContext {
    testDb: TestDbTemplate;
  }
}

/** The same server and credentials as `url`, another database. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** One statement on a short-lived connection (CREATE/DROP DATABASE cannot run in a pool transaction). */
export async function adminQuery(url: string, statement: string): Promise<unknown[]> {
  const pg = await import("pg");
  const Client = pg.default?.Client ?? pg.Client;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}
