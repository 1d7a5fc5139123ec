import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";

export interface RateLimitUse {
  ok: boolean;
  /** Hits still allowed in this window before this call. */
  remaining: number;
  /** When the next window starts (a fresh budget). */
  resetAt: Date;
}

/**
 * Fixed-window counter in the database, so every app server shares it: counts `hits` at once
 * (a bulk invite counts one per invitation). Not ok once more than `limit` hits would have been
 * used in the current window; the count is written either way, so a caller that refuses on a
 * denial runs this in the transaction it rolls back.
 */
export async function countRateLimit(
  db: DbOrTrx,
  key: string,
  limit: number,
  windowSeconds: number,
  hits = 1,
): Promise<RateLimitUse> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
  const row = await db
    .insertInto("rate_limits")
    .values({ key, window_start: windowStart, count: hits })
    .onConflict((oc) => oc.columns(["key", "window_start"]).doUpdateSet({ count: sql`rate_limits.count + ${hits}` }))
    .returning("count")
    .executeTakeFirstOrThrow();
  if (Math.random() < 0.01) {
    await db
      .deleteFrom("rate_limits")
      .where("window_start", "<", new Date(Date.now() - 86_400_000))
      .execute();
  }
  const count = Number(row.count);
  return {
    ok: count <= limit,
    remaining: Math.max(0, limit - (count - hits)),
    resetAt: new Date(windowStart.getTime() + windowMs),
  };
}

/** One hit; false once `limit` hits in the current window have been used. */
export async function consumeRateLimit(
  db: DbOrTrx,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<boolean> {
  return (await countRateLimit(db, key, limit, windowSeconds)).ok;
}
