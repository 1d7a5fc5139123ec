// No `server-only` marker: the sessions service (and through it the test tiers) imports it.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { DbOrTrx } from "@/db";

// "Has a second factor": any confirmed factor of any kind: the authenticator app (user_totp,
// once confirmed) or a passkey (user_passkeys). Every guard, list and export asks here.

/** SQL: the user (a column reference such as "m.user_id") has a confirmed second factor. */
export function hasFactorSql(userIdRef: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(EXISTS (SELECT 1 FROM user_totp f WHERE f.user_id = ${sql.ref(userIdRef)} AND f.confirmed_at IS NOT NULL)
    OR EXISTS (SELECT 1 FROM user_passkeys p WHERE p.user_id = ${sql.ref(userIdRef)}))`;
}

export async function hasSecondFactor(db: DbOrTrx, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("users as u")
    .select(hasFactorSql("u.id").as("has"))
    .where("u.id", "=", userId)
    .executeTakeFirst();
  return Boolean(row?.has);
}
