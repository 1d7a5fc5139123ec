// No `server-only` marker: the access job (lib/jobs/registry.ts, started from instrumentation) uses it.
import type { DbOrTrx } from "@/db";
import { currentRequestId } from "@/lib/log";

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
  | "role.created"
  | "role.updated"
  | "role.deleted"
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
  | "session.ended"
  // Two-step sign-in (user-level): lib/services/two-factor.ts.
  | "second_factor.passed"
  | "second_factor.failed"
  | "factor.added"
  | "factor.removed"
  | "recovery_codes.generated"
  // Organization settings (workspace_id NULL, org_id set): lib/services/ip-allowlist.ts.
  | "org.ip_allowlist_changed"
  | "org.two_factor_policy_changed"
  // Single sign-on (org_id set): lib/services/sso-settings.ts.
  // sso.member_provisioned is a workspace event (lib/sso/signin.ts).
  | "sso.configured"
  | "sso.domain_added"
  | "sso.domain_verified"
  | "sso.domain_removed"
  | "sso.required_changed"
  | "sso.member_provisioned";

export interface AuditEntry {
  workspaceId: string | null;
  orgId?: string | null;
  actorId: string | null;
  action: AuditAction;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  /** Defaults to the id of the request being served (the action wrappers enter its context). */
  requestId?: string | null;
}

/**
 * One row per change, written in the same transaction as the change itself, with the id of the
 * request that made it (matches the server's log lines and the reference on error messages).
 */
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
        request_id: e.requestId === undefined ? currentRequestId() : e.requestId,
      })),
    )
    .execute();
}
