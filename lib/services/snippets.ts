import "server-only";
import type { DbOrTrx } from "@/db";
import { isUniqueViolation } from "@/db/pg-errors";
import { DomainError } from "@/lib/errors";
import { audit } from "./audit";
import { inTransaction } from "@/db/transaction";
import type { Actor } from "@/lib/access/member";

export interface SnippetItem {
  id: string;
  name: string;
  body: string;
}

export async function listSnippetsForSettings(db: DbOrTrx, workspaceId: string): Promise<SnippetItem[]> {
  return db
    .selectFrom("snippets")
    .select(["id", "name", "body"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("name")
    .orderBy("id")
    .limit(1000)
    .execute();
}

export async function createSnippet(
  db: DbOrTrx,
  actor: Actor,
  input: { name: string; body: string },
): Promise<{ id: string }> {
  try {
    return await inTransaction(db, async (trx) => {
      const row = await trx
        .insertInto("snippets")
        .values({ workspace_id: actor.member.workspaceId, name: input.name, body: input.body })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, {
        workspaceId: actor.member.workspaceId,
        actorId: actor.member.userId,
        action: "snippet.created",
        target: row.id,
        after: { name: input.name },
        ip: actor.ip,
      });
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError("conflict", { fieldErrors: { name: "errors.settings.snippet.nameTaken" } });
    throw e;
  }
}

export async function updateSnippet(
  db: DbOrTrx,
  actor: Actor,
  input: { snippetId: string; name: string; body: string },
): Promise<void> {
  try {
    await inTransaction(db, async (trx) => {
      const before = await trx
        .selectFrom("snippets")
        .select(["name", "body"])
        .where("workspace_id", "=", actor.member.workspaceId)
        .where("id", "=", input.snippetId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw new DomainError("notFound");
      await trx
        .updateTable("snippets")
        .set({ name: input.name, body: input.body })
        .where("workspace_id", "=", actor.member.workspaceId)
        .where("id", "=", input.snippetId)
        .execute();
      await audit(trx, {
        workspaceId: actor.member.workspaceId,
        actorId: actor.member.userId,
        action: "snippet.updated",
        target: input.snippetId,
        before: { name: before.name },
        after: { name: input.name, bodyChanged: before.body !== input.body },
        ip: actor.ip,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError("conflict", { fieldErrors: { name: "errors.settings.snippet.nameTaken" } });
    throw e;
  }
}

export async function deleteSnippet(db: DbOrTrx, actor: Actor, snippetId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx
      .deleteFrom("snippets")
      .where("workspace_id", "=", actor.member.workspaceId)
      .where("id", "=", snippetId)
      .returning("name")
      .executeTakeFirst();
    if (!row) throw new DomainError("notFound");
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "snippet.deleted",
      target: snippetId,
      before: { name: row.name },
      ip: actor.ip,
    });
  });
}
