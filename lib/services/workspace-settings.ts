import "server-only";
import type { DbOrTrx } from "@/db";
import { inTransaction } from "@/db/transaction";
import type { Actor } from "@/lib/access/member";
import { DomainError } from "@/lib/errors";
import { audit } from "./audit";

/** Settings → General: rename the workspace; the old and new names go to the audit log. */
export async function renameWorkspace(db: DbOrTrx, actor: Actor, name: string): Promise<{ name: string }> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("workspaces")
      .select("name")
      .where("id", "=", actor.member.workspaceId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new DomainError("notFound");
    if (before.name === name) return { name };
    await trx.updateTable("workspaces").set({ name }).where("id", "=", actor.member.workspaceId).execute();
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "workspace.renamed",
      target: actor.member.workspaceId,
      before: { name: before.name },
      after: { name },
      ip: actor.ip,
    });
    return { name };
  });
}
