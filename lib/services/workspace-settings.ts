import "server-only";
import type { DbOrTrx } from "@/db";
import { ActionError } from "@/lib/actions/result";
import { audit } from "./audit";

export interface Actor {
  userId: string;
  workspaceId: string;
  ip?: string | null;
}

const inTransaction = <T>(db: DbOrTrx, body: (trx: DbOrTrx) => Promise<T>) =>
  db.isTransaction ? body(db) : db.transaction().execute(body);

/** Settings → General: rename the workspace; the old and new names go to the audit log. */
export async function renameWorkspace(db: DbOrTrx, actor: Actor, name: string): Promise<{ name: string }> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("workspaces")
      .select("name")
      .where("id", "=", actor.workspaceId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new ActionError("notFound");
    if (before.name === name) return { name };
    await trx.updateTable("workspaces").set({ name }).where("id", "=", actor.workspaceId).execute();
    await audit(trx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: "workspace.renamed",
      target: actor.workspaceId,
      before: { name: before.name },
      after: { name },
      ip: actor.ip ?? null,
    });
    return { name };
  });
}

export { inTransaction };
