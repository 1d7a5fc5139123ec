import "server-only";
import type { DbOrTrx } from "@/db";

export interface AuditEntry {
  workspaceId: string | null;
  orgId?: string | null;
  actorId: string | null;
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** One row per change, written in the same transaction as the change itself. */
export async function audit(db: DbOrTrx, e: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      workspace_id: e.workspaceId,
      org_id: e.orgId ?? null,
      actor_id: e.actorId,
      action: e.action,
      target: e.target ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      ip: e.ip ?? null,
    })
    .execute();
}
