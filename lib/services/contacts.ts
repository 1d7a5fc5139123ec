import "server-only";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "@/db";
import { contactVisible, type VisibilityMember } from "@/lib/access/visibility";
import { DomainError } from "@/lib/errors";
import { csvCellSql } from "@/lib/csv/csv";
import { isUuid } from "@/lib/validation/id";
import { decodeKeyset, encodeKeyset } from "./keyset";
import { likePattern, memberMatches, memberSortKey } from "./people-sql";
import { isOnline } from "@/lib/presence/service";
import { isAway } from "@/lib/presence/availability";
import { presenceDot } from "@/lib/validation/availability";

export interface ContactRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: Date;
}

// created_at travels as Postgres text: microsecond precision, so equal timestamps from
// one multi-row insert never make a page skip rows.
const createdKey = sql<string>`c.created_at::text`.as("created_key");

/** Newest first, keyset-paginated, only what the member may see. */
export async function listContacts(
  db: DbOrTrx,
  member: VisibilityMember,
  opts: { q?: string; cursor?: string; limit: number },
) {
  let query = db
    .selectFrom("contacts as c")
    .leftJoin("users as a", "a.id", "c.assignee_id")
    .select([
      "c.id",
      "c.name",
      "c.email",
      "c.phone",
      "c.assignee_id",
      "a.name as assignee_name",
      "a.email as assignee_email",
      "c.created_at",
      createdKey,
    ])
    .where(contactVisible(member, "c"));
  if (opts.q) {
    const p = likePattern(opts.q);
    query = query.where((eb) =>
      eb.or([eb(sql`lower(c.name)`, "like", p), eb(sql`lower(c.email)`, "like", p), eb("c.phone", "like", p)]),
    );
  }
  const after = decodeKeyset("time", opts.cursor);
  if (after) query = query.where(sql<boolean>`(c.created_at, c.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const rows = await query
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .limit(opts.limit + 1)
    .execute();
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((r): ContactRow => ({
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name ?? r.assignee_email,
      createdAt: r.created_at,
    })),
    nextCursor: rows.length > opts.limit && last ? encodeKeyset("time", last.created_key, last.id) : null,
  };
}

/** One contact the member may see, or undefined: the caller answers 404 either way. */
export async function getVisibleContact(db: DbOrTrx, member: VisibilityMember, contactId: string) {
  if (!isUuid(contactId)) return undefined;
  return db
    .selectFrom("contacts as c")
    .leftJoin("users as a", "a.id", "c.assignee_id")
    .select([
      "c.id",
      "c.name",
      "c.email",
      "c.phone",
      "c.assignee_id",
      "a.name as assignee_name",
      "a.email as assignee_email",
      "c.created_at",
      "c.updated_at",
    ])
    .where("c.id", "=", contactId)
    .where(contactVisible(member, "c"))
    .executeTakeFirst();
}

async function requireVisible(db: DbOrTrx, member: VisibilityMember, contactId: string, lock = false) {
  let q = db
    .selectFrom("contacts as c")
    .select(["c.id", "c.name", "c.email", "c.phone", "c.assignee_id"])
    .where("c.id", "=", contactId)
    .where(contactVisible(member, "c"));
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new DomainError("notFound");
  return row;
}

export async function updateContact(
  db: Db,
  member: VisibilityMember,
  input: { contactId: string; name: string; email: string | null; phone: string | null },
) {
  return db.transaction().execute(async (trx) => {
    await requireVisible(trx, member, input.contactId, true);
    await trx
      .updateTable("contacts")
      .set({ name: input.name, email: input.email, phone: input.phone, updated_at: sql`now()` })
      .where("workspace_id", "=", member.workspaceId)
      .where("id", "=", input.contactId)
      .execute();
    return { contactId: input.contactId };
  });
}

/** Assign to a member of this workspace (or nobody). The contact must be visible to the actor. */
export async function assignContact(
  db: Db,
  member: VisibilityMember,
  input: { contactId: string; assigneeId: string | null },
) {
  return db.transaction().execute(async (trx) => {
    await requireVisible(trx, member, input.contactId, true);
    if (input.assigneeId) {
      const target = await trx
        .selectFrom("workspace_members")
        .select("user_id")
        .where("workspace_id", "=", member.workspaceId)
        .where("user_id", "=", input.assigneeId)
        .forShare()
        .executeTakeFirst();
      if (!target)
        throw new DomainError("invalidInput", { fieldErrors: { assigneeId: "errors.contacts.badAssignee" } });
    }
    await trx
      .updateTable("contacts")
      .set({ assignee_id: input.assigneeId, updated_at: sql`now()` })
      .where("workspace_id", "=", member.workspaceId)
      .where("id", "=", input.contactId)
      .execute();
    return { contactId: input.contactId, assigneeId: input.assigneeId };
  });
}

export async function deleteContact(db: Db, member: VisibilityMember, contactId: string) {
  return db.transaction().execute(async (trx) => {
    await requireVisible(trx, member, contactId, true);
    await trx
      .deleteFrom("contacts")
      .where("workspace_id", "=", member.workspaceId)
      .where("id", "=", contactId)
      .execute();
    return { contactId };
  });
}

export const CONTACTS_CSV_HEADER = ["name", "email", "phone", "assignee", "created at"] as const;

/**
 * Every visible contact as CSV text (no header), in keyset batches: flat memory at a million
 * rows (bench/README.md B6). The database writes each batch's lines (csvCellSql; created at as ISO 8601
 * UTC) and answers ONE row: the text, the row count and the last row's keyset key, so no
 * per-row JS objects. Same rows, order and cells as csvRow over
 * [name, email, phone, assignee email, created at].
 */
export async function* contactsCsvRows(db: DbOrTrx, member: VisibilityMember): AsyncGenerator<string> {
  const BATCH = 5000;
  let after: [string, string] | null = null;
  for (;;) {
    let lines = db
      .selectFrom("contacts as c")
      .leftJoin("users as a", "a.id", "c.assignee_id")
      .select(["c.id", "c.created_at"])
      .select(sql<number>`row_number() OVER (ORDER BY c.created_at DESC, c.id DESC)`.as("n"))
      .select(
        // The ISO text is never NULL, never starts with a formula character, never needs quotes: csvCell leaves it as
        // is.
        sql<string>`${csvCellSql(sql.ref("c.name"))} || ',' || ${csvCellSql(sql.ref("c.email"))} || ',' || ${csvCellSql(sql.ref("c.phone"))} || ',' || ${csvCellSql(sql.ref("a.email"))} || ',' || to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || E'\\r\\n'`.as(
          "line",
        ),
      )
      .where(contactVisible(member, "c"));
    if (after) lines = lines.where(sql<boolean>`(c.created_at, c.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
    const batch = await db
      .selectFrom(lines.orderBy("c.created_at", "desc").orderBy("c.id", "desc").limit(BATCH).as("b"))
      .select([
        sql<string | null>`string_agg(b.line, '' ORDER BY b.n)`.as("csv"),
        sql<number>`count(*)::int`.as("rows"),
        // Only a full batch has a next one: its last row is row BATCH.
        sql<string | null>`max(b.created_at::text) FILTER (WHERE b.n = ${BATCH})`.as("created_key"),
        sql<string | null>`max(b.id::text) FILTER (WHERE b.n = ${BATCH})`.as("id"),
      ])
      .executeTakeFirstOrThrow();
    if (batch.csv) yield batch.csv;
    if (batch.rows < BATCH || !batch.created_key || !batch.id) return;
    after = [batch.created_key, batch.id];
  }
}

/** Members a contact may be assigned to (pickers), by name. */
export async function assignableMembers(db: DbOrTrx, workspaceId: string, q = "", limit = 20) {
  let query = db
    .selectFrom("workspace_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .leftJoin("presence as p", "p.user_id", "m.user_id")
    .select(["m.user_id", "u.name", "u.email", isOnline("p").as("online"), isAway("m").as("away")])
    .where("m.workspace_id", "=", workspaceId);
  if (q) query = query.where(memberMatches(q));
  const rows = await query.orderBy(memberSortKey()).orderBy("m.user_id").limit(limit).execute();
  // The picker shows each member's dot (docs/PRODUCT.md, Availability).
  return rows.map(({ online, away, ...m }) => ({ ...m, dot: presenceDot(online, away) }));
}
