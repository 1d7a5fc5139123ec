import "server-only";
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
  | "webhook.secret_rotated"
  // User-level (workspace_id NULL; org_id set when an org admin acted): lib/services/sessions.ts.
  | "session.signed_in"
  | "session.signed_out"
  | "session.ended";

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
