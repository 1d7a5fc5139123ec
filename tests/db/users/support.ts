// Shared by the Settings → Users db tests (tests/db/users/*.db.test.ts). Not a test file.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db/connect";
import { loadMember, type MemberContext } from "@/lib/access/member";
import type { Role } from "@/lib/access/matrix";
import { baseUrl } from "@/lib/env";
import { hashToken } from "@/lib/services/tokens";
import { translatorFor } from "@/lib/i18n/catalog";
import { translateKey } from "@/lib/i18n/translate";

export const IP = "198.51.100.23";

/** The English text of a catalog key, as the actions return it. */
export const en = (key: string) => translateKey(translatorFor("en"), key, "errors.generic");

/**
 * Every row of every application table, as text, sorted: two snapshots are equal iff the
 * call in between wrote nothing (used to prove a refused call changed nothing).
 */
export async function snapshot(
  db: DbOrTrx,
  opts: { ignoreActivity?: boolean } = {},
): Promise<Record<string, string[]>> {
  const tables = (
    await sql<{ tablename: string }>`
      SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'kysely\\_%' ORDER BY tablename
    `.execute(db)
  ).rows.map((r) => r.tablename);
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    // ignoreActivity: a call that passed the guard counts as activity (docs/PRODUCT.md, Presence), so the
    // actor's last_active_at may move even when the service then refuses.
    const row = opts.ignoreActivity ? sql`(to_jsonb(t) - 'last_active_at')::text` : sql`t::text`;
    const { rows } = await sql<{ r: string }>`SELECT ${row} AS r FROM ${sql.table(table)} t`.execute(db);
    out[table] = rows.map((r) => r.r).sort();
  }
  return out;
}

/** A service-level actor (what the action wrapper would pass), read from the database. */
export async function actorFor(
  db: DbOrTrx,
  workspaceId: string,
  userId: string,
  ip = IP,
): Promise<{ member: MemberContext; ip: string }> {
  const member = await loadMember(db, workspaceId, userId);
  if (!member) throw new Error(`${userId} is not a member of ${workspaceId}`);
  return { member, ip };
}

/** The token in the newest invitation email sent to `email` (queued: read from the mail queue). */
export async function inviteToken(db: DbOrTrx, email: string): Promise<string> {
  const mails = await db
    .selectFrom("mail_queue")
    .select(["text_body", "html_body"])
    .where("to_address", "=", email)
    .orderBy("id", "desc")
    .execute();
  if (mails.length === 0) throw new Error(`no mail to ${email}`);
  const prefix = `${baseUrl()}/invite/`;
  const at = mails[0].text_body.indexOf(prefix);
  if (at < 0) throw new Error(`no invitation link in the mail to ${email}`);
  const token = /^[A-Za-z0-9_-]+/.exec(mails[0].text_body.slice(at + prefix.length))?.[0];
  if (!token) throw new Error("empty token");
  return token;
}

/** A pending invitation written straight to the table (scene setting; its token is returned). */
export async function insertInvitation(
  db: DbOrTrx,
  opts: {
    workspaceId: string;
    email: string;
    role?: Role;
    restrictions?: string[];
    invitedBy: string | null;
    expiresAt?: Date;
  },
): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString("base64url");
  const row = await db
    .insertInto("invitations")
    .values({
      workspace_id: opts.workspaceId,
      email: opts.email,
      role: opts.role ?? "agent",
      restrictions: opts.restrictions ?? [],
      token_hash: hashToken(token),
      invited_by: opts.invitedBy,
      expires_at: opts.expiresAt ?? new Date(Date.now() + 7 * 86_400_000),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

export async function insertContacts(
  db: DbOrTrx,
  workspaceId: string,
  assigneeId: string | null,
  count: number,
): Promise<string[]> {
  const rows = await db
    .insertInto("contacts")
    .values(
      Array.from({ length: count }, (_, i) => ({
        workspace_id: workspaceId,
        name: `Contact ${i}`,
        assignee_id: assigneeId,
      })),
    )
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

export async function insertTeam(db: DbOrTrx, workspaceId: string, name: string, memberIds: string[]): Promise<string> {
  const team = await db
    .insertInto("teams")
    .values({ workspace_id: workspaceId, name })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (memberIds.length > 0) {
    await db
      .insertInto("team_members")
      .values(memberIds.map((user_id) => ({ team_id: team.id, workspace_id: workspaceId, user_id })))
      .execute();
  }
  return team.id;
}

export async function membership(db: DbOrTrx, workspaceId: string, userId: string) {
  return db
    .selectFrom("workspace_members")
    .select(["role", "restrictions", "version", "invited_by", "last_active_at"])
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function ownerCount(db: DbOrTrx, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom("workspace_members")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("workspace_id", "=", workspaceId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Read a streamed body until `needle` appears (or it ends / times out), then cancel it. */
export async function readUntil(res: Response, needle: string, timeoutMs = 5000): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + timeoutMs;
  try {
    while (!text.includes(needle) && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), Math.max(1, deadline - Date.now()));
      });
      const next = await Promise.race([reader.read(), timeout]);
      clearTimeout(timer);
      if (next === "timeout" || next.done) break;
      text += decoder.decode(next.value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text;
}

/** The deactivation hand-over records of a workspace (of one deactivated member), one per contact. */
export async function handedOver(
  db: DbOrTrx,
  workspaceId: string,
  userId?: string,
): Promise<{ contact_id: string; received_by: string | null }[]> {
  let query = db
    .selectFrom("deactivation_handovers")
    .select(["received_by", "contact_ids"])
    .where("workspace_id", "=", workspaceId);
  if (userId) query = query.where("user_id", "=", userId);
  const rows = await query.execute();
  return rows.flatMap((r) => r.contact_ids.map((contact_id) => ({ contact_id, received_by: r.received_by })));
}
