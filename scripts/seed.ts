// npm run db:seed — migrate, then seed the demo organization if the database has none.
// Development data only: never point it at production.
import type { Kysely } from "kysely";
import { openDb } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { seedDemoIfEmpty } from "../db/seed/demo";
import { databaseConfig } from "../lib/env";
import { describeDb } from "./db-describe";

const config = databaseConfig();
console.log(`[db:seed] ${describeDb(config)}`);
const handle = await openDb(config);
try {
  await migrateToLatest(handle.db as Kysely<unknown>);
  const started = Date.now();
  const summary = await seedDemoIfEmpty(handle.db);
  if (summary) {
    console.log(
      `[db:seed] seeded "Acme" (Support, Sales): ${summary.users} users, ${summary.contacts} contacts, ` +
        `${summary.conversations} conversations, ${summary.messages} messages in ${Date.now() - started} ms`,
    );
  } else {
    console.log("[db:seed] an organization already exists: nothing to do");
  }
} catch (error) {
  console.error("[db:seed] failed:", error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
