import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";

/**
 * Fixed-window counter in the database, so every app server shares it.
 * Returns false once `limit` hits in the current window have been used.
 */
export async function consumeRateLimit(
  db: DbOrTrx,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<boolean> {
  const windowStart = new Date(Math.floor(Date.now() / (windowSeconds * 1000)) * windowSeconds * 1000);
  const row = await db
    .insertInto("rate_limits")
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(["key", "window_start"]).doUpdateSet({ count: sql`rate_limits.count + 1` }))
    .returning("count")
    .executeTakeFirstOrThrow();
  if (Math.random() < 0.01) {
    await db
      .deleteFrom("rate_limits")
      .where("window_start", "<", new Date(Date.now() - 86_400_000))
      .execute();
  }
  return Number(row.count) <= limit;
}
