// No `server-only` marker: the sessions service (and through it the test tiers) imports it.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { DbOrTrx } from "@/db";

// "Has a second factor": any confirmed factor of any kind. Today only the authenticator app
// (user_totp); a passkeys table would add its EXISTS here, and every guard, list and export
// that asks follows.

/** SQL: the user (a column reference such as "m.user_id") has a confirmed second factor. */
export function hasFactorSql(userIdRef: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM user_totp f WHERE f.user_id = ${sql.ref(userIdRef)} AND f.confirmed_at IS NOT NULL)`;
}

export async function hasSecondFactor(db: DbOrTrx, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("user_totp")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  return Boolean(row);
}
