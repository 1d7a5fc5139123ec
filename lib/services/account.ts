import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { inTransaction } from "@/db/transaction";
import { DomainError } from "@/lib/errors";
import { sniffImageType, type ProfileValues } from "@/lib/validation/account";
import type { Locale } from "@/lib/i18n/locales";

export interface Account {
  id: string;
  email: string;
  name: string | null;
  image: string | null;
  locale: Locale | null;
}

export async function getAccount(db: DbOrTrx, userId: string): Promise<Account | null> {
  const row = await db
    .selectFrom("users")
    .select(["id", "email", "name", "image", "locale"])
    .where("id", "=", userId)
    .executeTakeFirst();
  return row ?? null;
}

export async function updateProfile(db: DbOrTrx, userId: string, values: ProfileValues): Promise<void> {
  const result = await db
    .updateTable("users")
    .set({ name: values.name, locale: values.locale })
    .where("id", "=", userId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new DomainError("unauthenticated");
}

export function avatarUrl(userId: string, at: Date = new Date()): string {
  // The version parameter changes with every upload, so browsers never show a stale image.
  return `/api/avatar/${userId}?v=${at.getTime()}`;
}

/**
 * Store an uploaded avatar. The type comes from the bytes (the declared type is ignored);
 * anything that is not PNG, JPEG, WebP or GIF is refused. Size was checked by the schema
 * and is held again by the table's CHECK.
 */
export async function setAvatar(db: DbOrTrx, userId: string, file: Blob): Promise<{ image: string }> {
  const data = new Uint8Array(await file.arrayBuffer());
  const mime = sniffImageType(data);
  if (!mime) throw new DomainError("invalidInput", { fieldErrors: { avatar: "errors.avatar.badType" } });
  const now = new Date();
  const image = avatarUrl(userId, now);
  const body = async (trx: DbOrTrx) => {
    await trx
      .insertInto("user_avatars")
      .values({ user_id: userId, mime, data: Buffer.from(data), updated_at: now })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ mime, data: Buffer.from(data), updated_at: now }))
      .execute();
    await trx.updateTable("users").set({ image }).where("id", "=", userId).execute();
  };
  await inTransaction(db, body);
  return { image };
}

export async function removeAvatar(db: DbOrTrx, userId: string): Promise<void> {
  const body = async (trx: DbOrTrx) => {
    await trx.deleteFrom("user_avatars").where("user_id", "=", userId).execute();
    await trx.updateTable("users").set({ image: null }).where("id", "=", userId).execute();
  };
  await inTransaction(db, body);
}

/**
 * An uploaded avatar, for its owner and for people who share an organization (so also a
 * workspace) with them; anyone else gets nothing, as if there were no avatar.
 */
export async function getAvatar(
  db: DbOrTrx,
  userId: string,
  viewerId: string,
): Promise<{ mime: string; data: Uint8Array } | null> {
  const row = await db
    .selectFrom("user_avatars as a")
    .select(["a.mime", "a.data"])
    .where("a.user_id", "=", userId)
    .where((eb) =>
      eb.or([
        eb("a.user_id", "=", viewerId),
        eb.exists(
          eb
            .selectFrom("org_members as mine")
            .innerJoin("org_members as theirs", "theirs.org_id", "mine.org_id")
            .select(sql`1`.as("one"))
            .where("mine.user_id", "=", viewerId)
            .whereRef("theirs.user_id", "=", "a.user_id"),
        ),
        eb.exists(
          eb
            .selectFrom("workspace_members as mine")
            .innerJoin("workspace_members as theirs", "theirs.workspace_id", "mine.workspace_id")
            .select(sql`1`.as("one"))
            .where("mine.user_id", "=", viewerId)
            .whereRef("theirs.user_id", "=", "a.user_id"),
        ),
      ]),
    )
    .executeTakeFirst();
  if (!row) return null;
  return { mime: row.mime, data: row.data instanceof Uint8Array ? row.data : new Uint8Array(row.data) };
}
