import "server-only";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "@/db";
import { inTransaction } from "@/db/transaction";
import { contactVisibility } from "@/lib/access/matrix";
import { contactVisible, teamMates, type VisibilityMember } from "@/lib/access/visibility";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/id";
import { decodeKeyset, encodeKeyset } from "./keyset";

export const INBOX_TABS = ["mine", "team", "all", "unassigned"] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

/** The tabs a member's visibility allows (docs/PRODUCT.md, Routes): a limited Agent never sees All/Unassigned. */
export function allowedTabs(member: VisibilityMember): InboxTab[] {
  const v = contactVisibility(member);
  if (v === "self") return ["mine"];
  if (v === "team") return ["mine", "team"];
  return ["mine", "team", "all", "unassigned"];
}

export async function listConversations(
  db: DbOrTrx,
  member: VisibilityMember,
  opts: { tab: InboxTab; status?: "open" | "closed"; cursor?: string; limit: number },
) {
  const tab = allowedTabs(member).includes(opts.tab) ? opts.tab : "mine";
  let q = db
    .selectFrom("conversations as cv")
    .innerJoin("contacts as c", (j) =>
      j.onRef("c.workspace_id", "=", "cv.workspace_id").onRef("c.id", "=", "cv.contact_id"),
    )
    .leftJoin("users as a", "a.id", "c.assignee_id")
    .select([
      "c.id",
      "c.name",
      "c.assignee_id",
      "a.name as assignee_name",
      "a.email as assignee_email",
      "cv.status",
      "cv.last_message_at",
      sql<string>`cv.last_message_at::text`.as("key"),
      sql<
        string | null
      >`(SELECT m.body FROM messages m WHERE m.workspace_id = c.workspace_id AND m.contact_id = c.id ORDER BY m.created_at DESC LIMIT 1)`.as(
        "preview",
      ),
    ])
    .where("cv.workspace_id", "=", member.workspaceId)
    .where(contactVisible(member, "c"))
    .where("cv.status", "=", opts.status ?? "open");
  if (tab === "mine") q = q.where("c.assignee_id", "=", member.userId);
  if (tab === "team")
    q = q.where((eb) => eb.or([eb("c.assignee_id", "=", member.userId), eb("c.assignee_id", "in", teamMates(member))]));
  if (tab === "unassigned") q = q.where("c.assignee_id", "is", null);
  const after = decodeKeyset("time", opts.cursor);
  if (after) q = q.where(sql<boolean>`(cv.last_message_at, c.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const compiled = q
    .orderBy("cv.last_message_at", "desc")
    .orderBy("c.id", "desc")
    .limit(opts.limit + 1)
    .compile();
  // The newest open conversations are walked in order and kept when their contact is
  // visible. A parallel plan (Gather Merge) over that ordered LIMIT scan reads ~10x the
  // rows a serial one does (bench/README.md B3: 67k vs 5.5k buffers at 1M contacts), so serial.
  const serial = async (trx: DbOrTrx) => {
    await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx);
    return (await trx.executeQuery(compiled)).rows;
  };
  const rows = await inTransaction(db, serial);
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    tab,
    rows: page,
    nextCursor: rows.length > opts.limit && last ? encodeKeyset("time", last.key, last.id) : null,
  };
}

export async function getThread(db: DbOrTrx, member: VisibilityMember, contactId: string) {
  if (!isUuid(contactId)) return undefined;
  const contact = await db
    .selectFrom("contacts as c")
    .leftJoin("conversations as cv", (j) =>
      j.onRef("cv.workspace_id", "=", "c.workspace_id").onRef("cv.contact_id", "=", "c.id"),
    )
    .leftJoin("users as a", "a.id", "c.assignee_id")
    .select([
      "c.id",
      "c.name",
      "c.email",
      "c.phone",
      "c.assignee_id",
      "a.name as assignee_name",
      "a.email as assignee_email",
      "cv.status",
    ])
    .where("c.id", "=", contactId)
    .where(contactVisible(member, "c"))
    .executeTakeFirst();
  if (!contact) return undefined;
  const messages = await db
    .selectFrom("messages as m")
    .leftJoin("users as u", "u.id", "m.author_id")
    .select([
      "m.id",
      "m.direction",
      "m.body",
      "m.created_at",
      "m.author_id",
      "u.name as author_name",
      "u.email as author_email",
    ])
    .where("m.workspace_id", "=", member.workspaceId)
    .where("m.contact_id", "=", contactId)
    .orderBy("m.created_at", "desc")
    .limit(200)
    .execute();
  return { contact, messages: messages.reverse() };
}

/** Stores an outbound message (no channel delivery: out of scope) and bumps the conversation. */
export async function sendMessage(db: Db, member: VisibilityMember, input: { contactId: string; body: string }) {
  return db.transaction().execute(async (trx) => {
    const visible = await trx
      .selectFrom("contacts as c")
      .select("c.id")
      .where("c.id", "=", input.contactId)
      .where(contactVisible(member, "c"))
      .forUpdate()
      .executeTakeFirst();
    if (!visible) throw new DomainError("notFound");
    const message = await trx
      .insertInto("messages")
      .values({
        workspace_id: member.workspaceId,
        contact_id: input.contactId,
        author_id: member.userId,
        direction: "out",
        body: input.body,
      })
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("conversations")
      .values({
        workspace_id: member.workspaceId,
        contact_id: input.contactId,
        status: "open",
        last_message_at: message.created_at,
      })
      .onConflict((oc) =>
        oc.columns(["workspace_id", "contact_id"]).doUpdateSet({ last_message_at: message.created_at }),
      )
      .execute();
    return { messageId: message.id };
  });
}

export async function setConversationStatus(
  db: Db,
  member: VisibilityMember,
  input: { contactId: string; status: "open" | "closed" },
) {
  return db.transaction().execute(async (trx) => {
    const visible = await trx
      .selectFrom("contacts as c")
      .select("c.id")
      .where("c.id", "=", input.contactId)
      .where(contactVisible(member, "c"))
      .executeTakeFirst();
    if (!visible) throw new DomainError("notFound");
    await trx
      .insertInto("conversations")
      .values({ workspace_id: member.workspaceId, contact_id: input.contactId, status: input.status })
      .onConflict((oc) => oc.columns(["workspace_id", "contact_id"]).doUpdateSet({ status: input.status }))
      .execute();
    return { contactId: input.contactId, status: input.status };
  });
}

export async function listSnippets(db: DbOrTrx, workspaceId: string) {
  return db
    .selectFrom("snippets")
    .select(["id", "name", "body"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("name")
    .execute();
}
