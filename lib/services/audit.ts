// No `server-only` marker: the access job (lib/jobs/registry.ts, started from instrumentation) uses it.
import type { DbOrTrx } from "@/db";

/**
 * Every action the audit log records. Closed on purpose: the activity view needs a label
 * for each (load-activity.ts maps them in a Record, so a new one without a label fails to compile).
 */
export type AuditAction =
  | "invitation.created"
  | "invitation.resent"
  | "invitation.cancelled"
  | "invitation.updated"
  | "invitation.accepted"
  | "invitation.link_copied"
  | "member.updated"
  | "member.revoked"
  | "member.status_changed"
  | "member.deactivated"
  | "member.reactivated"
  | "workspace.created"
  | "workspace.renamed"
  | "workspace.auto_away_changed"
  | "team.created"
  | "team.renamed"
  | "team.deleted"
  | "team.member_added"
  | "team.member_removed"
  | "snippet.created"
  | "snippet.updated"
  | "snippet.deleted"
  | "webhook.created"
  | "webhook.deleted"
  | "webhook.enabled"
  | "webhook.disabled"
  | "webhook.secret_rotated";

export interface AuditEntry {
  workspaceId: string | null;
  orgId?: string | null;
  actorId: string | null;
  action: AuditAction;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** One row per change, written in the same transaction as the change itself. */
export async function audit(db: DbOrTrx, e: AuditEntry): Promise<void> {
  await auditMany(db, [e]);
}

/** Several changes of one operation (a bulk invite), in one statement. */
export async function auditMany(db: DbOrTrx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto("audit_log")
    .values(
      entries.map((e) => ({
        workspace_id: e.workspaceId,
        org_id: e.orgId ?? null,
        actor_id: e.actorId,
        action: e.action,
        target: e.target ?? null,
        before: e.before === undefined ? null : JSON.stringify(e.before),
        after: e.after === undefined ? null : JSON.stringify(e.after),
        ip: e.ip ?? null,
      })),
    )
    .execute();
}
