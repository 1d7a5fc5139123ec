import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import type { Role } from "@/lib/access/matrix";
import { decodeKeyset, encodeKeyset } from "./keyset";
import { personMatches, personSortKey } from "./people-sql";

export interface DeactivatedRow {
  id: string;
  email: string;
  name: string | null;
  image: string | null;
  role: Role;
  restrictions: string[];
  deactivatedAt: Date;
  deactivatedBy: string | null;
}

const key = personSortKey();

/** The Users list's *Deactivated* filter: one keyset page by name, searched by name or email. */
export async function listDeactivated(
  db: DbOrTrx,
  workspaceId: string,
  opts: { q: string; cursor?: string; limit: number },
): Promise<{ rows: DeactivatedRow[]; nextCursor: string | null }> {
  const after = decodeKeyset("name", opts.cursor);
  let query = db
    .selectFrom("deactivated_members as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .leftJoin("users as by", "by.id", "d.deactivated_by")
    .select([
      "u.id",
      "u.email",
      "u.name",
      "u.image",
      "d.role",
      "d.restrictions",
      "d.deactivated_at",
      sql<string | null>`coalesce(by.name, by.email)`.as("deactivated_by"),
      key.as("sort_key"),
    ])
    .where("d.workspace_id", "=", workspaceId);
  if (opts.q) query = query.where(personMatches(opts.q));
  if (after) query = query.where(sql<boolean>`(${key}, u.id) > (${after[0]}, ${after[1]}::uuid)`);
  const rows = await query
    .orderBy(key)
    .orderBy("u.id")
    .limit(opts.limit + 1)
    .execute();
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      image: r.image,
      role: r.role,
      restrictions: r.restrictions,
      deactivatedAt: r.deactivated_at,
      deactivatedBy: r.deactivated_by,
    })),
    nextCursor: rows.length > opts.limit && last ? encodeKeyset("name", last.sort_key, last.id) : null,
  };
}

export async function countDeactivated(db: DbOrTrx, workspaceId: string, q = ""): Promise<number> {
  let query = db
    .selectFrom("deactivated_members as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("d.workspace_id", "=", workspaceId);
  if (q) query = query.where(personMatches(q));
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** A deactivated member of this workspace, or undefined (tenant scope in the SQL). */
export async function findDeactivated(db: DbOrTrx, workspaceId: string, userId: string) {
  return db
    .selectFrom("deactivated_members as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .select(["d.user_id", "u.email", "u.name", "d.role"])
    .where("d.workspace_id", "=", workspaceId)
    .where("d.user_id", "=", userId)
    .executeTakeFirst();
}
