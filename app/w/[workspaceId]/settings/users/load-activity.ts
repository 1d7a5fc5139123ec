import "server-only";
import type { DbOrTrx } from "@/db";
import { ROLES, type Role } from "@/lib/access/matrix";
import { isUuid } from "@/lib/validation/id";
import type { Translator } from "@/lib/i18n/translate";
import type { Messages } from "@/lib/i18n/messages/en";
import type { AuditAction } from "@/lib/services/audit";
import { recentAudit } from "@/lib/services/member-changes";
import { accessSummary } from "@/app/components/access-summary";

export interface ActivityEntry {
  id: string;
  at: string;
  actor: string | null;
  action: ActivityAction;
  target: string | null;
  change: string | null;
  ip: string | null;
  requestId: string | null;
}

type ActionLabel = Exclude<keyof Messages["users"]["activity"]["actions"], "other">;
const ACTIONS: Record<AuditAction, ActionLabel> = {
  "invitation.created": "invitationCreated",
  "invitation.resent": "invitationResent",
  "invitation.cancelled": "invitationCancelled",
  "invitation.updated": "invitationUpdated",
  "invitation.accepted": "invitationAccepted",
  "invitation.link_copied": "invitationLinkCopied",
  "member.updated": "memberUpdated",
  "member.revoked": "memberRevoked",
  "member.status_changed": "memberStatusChanged",
  "member.deactivated": "memberDeactivated",
  "member.reactivated": "memberReactivated",
  "workspace.created": "workspaceCreated",
  "workspace.renamed": "workspaceRenamed",
  "workspace.auto_away_changed": "workspaceAutoAwayChanged",
  "team.created": "teamCreated",
  "team.renamed": "teamRenamed",
  "team.deleted": "teamDeleted",
  "team.member_added": "teamMemberAdded",
  "team.member_removed": "teamMemberRemoved",
  "role.created": "roleCreated",
  "role.updated": "roleUpdated",
  "role.deleted": "roleDeleted",
  "snippet.created": "snippetCreated",
  "snippet.updated": "snippetUpdated",
  "snippet.deleted": "snippetDeleted",
  "webhook.created": "webhookCreated",
  "webhook.deleted": "webhookDeleted",
  "webhook.enabled": "webhookEnabled",
  "webhook.disabled": "webhookDisabled",
  "webhook.secret_rotated": "webhookSecretRotated",
  "session.signed_in": "sessionSignedIn",
  "session.signed_out": "sessionSignedOut",
  "session.ended": "sessionEnded",
  "second_factor.passed": "secondFactorPassed",
  "second_factor.failed": "secondFactorFailed",
  "factor.added": "factorAdded",
  "factor.removed": "factorRemoved",
  "recovery_codes.generated": "recoveryCodesGenerated",
  "org.ip_allowlist_changed": "ipAllowlistChanged",
  "org.two_factor_policy_changed": "twoFactorPolicyChanged",
  "sso.configured": "ssoConfigured",
  "sso.domain_added": "ssoDomainAdded",
  "sso.domain_verified": "ssoDomainVerified",
  "sso.domain_removed": "ssoDomainRemoved",
  "sso.required_changed": "ssoRequiredChanged",
  "sso.member_provisioned": "ssoMemberProvisioned",
};
// Rows written before an action existed, or by hand, still render ("Other change").
export type ActivityAction = ActionLabel | "other";
const labelOf = (action: string): ActivityAction =>
  Object.hasOwn(ACTIONS, action) ? ACTIONS[action as AuditAction] : "other";

type Payload = Record<string, unknown>;
/** The recipients of a distributed hand-over (lib/services/handover.ts) who received any. */
const distribution = (after: Payload | null): { userId: string; receives: number }[] =>
  (Array.isArray(after?.distribution) ? (after.distribution as unknown[]) : []).flatMap((d) => {
    const share = d as { userId?: unknown; receives?: unknown };
    return isUuid(share?.userId) && typeof share.receives === "number" && share.receives > 0
      ? [{ userId: share.userId, receives: share.receives }]
      : [];
  });
const asPayload = (v: unknown): Payload | null => {
  if (typeof v === "string") {
    try {
      return asPayload(JSON.parse(v));
    } catch {
      return null;
    }
  }
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Payload) : null;
};
const access = (p: Payload | null): { role: Role; restrictions: string[] } | null =>
  p && typeof p.role === "string" && (ROLES as readonly string[]).includes(p.role)
    ? {
        role: p.role as Role,
        restrictions: Array.isArray(p.restrictions)
          ? p.restrictions.filter((r): r is string => typeof r === "string")
          : [],
      }
    : null;

export const ACTIVITY_PAGE_SIZE = 10;

/**
 * The Owners' activity list: one page of audit rows (newest first, `before` = the cursor
 * of an older page), with user ids turned into names and a readable change.
 */
export async function loadActivity(
  db: DbOrTrx,
  workspaceId: string,
  t: Translator,
  locale: string,
  before?: string,
): Promise<{ entries: ActivityEntry[]; olderCursor: string | null }> {
  const { rows, nextCursor } = await recentAudit(db, workspaceId, { limit: ACTIVITY_PAGE_SIZE, before });
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.action.startsWith("member.") && isUuid(r.target)) ids.add(r.target);
    const heir = asPayload(r.after)?.reassignedTo;
    if (isUuid(heir)) ids.add(heir);
    for (const share of distribution(asPayload(r.after))) ids.add(share.userId);
  }
  const users = ids.size
    ? await db
        .selectFrom("users")
        .select(["id", "name", "email"])
        .where("id", "in", [...ids])
        .execute()
    : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name || u.email]));
  const summary = (a: { role: Role; restrictions: string[] } | null) =>
    a ? accessSummary(t, locale, a.role, a.restrictions) : null;
  // Access until a date (docs/PRODUCT.md): what a change did to the end date, when it touched it.
  const untilNote = (p: Payload | null) => {
    if (!p || !("accessUntil" in p)) return null;
    if (p.reason === "lastOwner") return t("users.activity.accessKeptLastOwner");
    const at = typeof p.accessUntil === "string" ? Date.parse(p.accessUntil) : NaN;
    return Number.isNaN(at)
      ? t("users.activity.accessUntilRemoved")
      : t("users.activity.accessUntil", { date: new Date(at) });
  };
  const joined = (...parts: (string | null)[]) => parts.filter(Boolean).join(" · ") || null;

  const entries = rows.map((r): ActivityEntry => {
    const before = asPayload(r.before);
    const after = asPayload(r.after);
    let change: string | null = null;
    let target: string | null = r.target;
    switch (r.action) {
      case "invitation.created":
      case "invitation.accepted":
        change = joined(summary(access(after)), untilNote(after));
        break;
      case "invitation.cancelled":
        change = summary(access(before));
        break;
      // A role is named by its name at the time, not its id (the row may be gone).
      case "role.created":
      case "role.updated":
      case "role.deleted": {
        const named = (p: Payload | null) => (typeof p?.name === "string" ? p.name : null);
        target = named(after) ?? named(before);
        break;
      }
      case "invitation.updated":
      case "member.updated": {
        const [from, to] = [summary(access(before)), summary(access(after))];
        // The arrow points in reading order: "→" is not mirrored by the bidi algorithm.
        change = joined(from && to ? `${from} ${locale === "ar" ? "←" : "→"} ${to}` : (to ?? from), untilNote(after));
        break;
      }
      case "member.revoked":
      case "member.deactivated": {
        const moved = Number(after?.contactsMoved ?? 0);
        const heir = after?.reassignedTo;
        const shares = distribution(after);
        const list = new Intl.ListFormat(locale, { type: "unit" }).format(
          // Each name isolated (FSI … PDI): a Latin name in an Arabic list keeps its number beside it.
          shares.map(
            (s) => `\u2068${nameOf.get(s.userId) ?? "?"}\u2069 ${new Intl.NumberFormat(locale).format(s.receives)}`,
          ),
        );
        const contacts = shares.length
          ? t("users.activity.contactsDistributed", { count: moved, list })
          : isUuid(heir) && moved > 0
            ? t("users.activity.contactsReassigned", { count: moved, name: nameOf.get(heir) ?? "?" })
            : t("users.activity.contactsUnassigned", { count: moved });
        change = joined(
          summary(access(before)),
          contacts,
          after?.reason === "accessUntil" ? t("users.activity.accessEnded") : null,
        );
        break;
      }
      case "member.status_changed": {
        const label = (p: Payload | null) =>
          p?.availability === "away"
            ? t("shell.availability.away")
            : p?.availability === "available"
              ? t("shell.availability.available")
              : null;
        const [from, to] = [label(before), label(after)];
        change = from && to ? `${from} ${locale === "ar" ? "←" : "→"} ${to}` : to;
        break;
      }
      case "workspace.auto_away_changed": {
        const minutes = after?.minutes;
        change =
          typeof minutes === "number"
            ? t("users.activity.autoAwayAfter", { count: minutes })
            : t("users.activity.autoAwayOff");
        break;
      }
      case "member.reactivated": {
        const returned = Number(after?.contactsReturned ?? 0);
        change = [
          summary(access(after)),
          returned > 0 ? t("users.activity.contactsReturned", { count: returned }) : null,
        ]
          .filter(Boolean)
          .join(" · ");
        break;
      }
      case "workspace.created":
        target =
          typeof after?.workspace === "string" ? t("users.activity.workspaceNamed", { name: after.workspace }) : null;
        change = summary(access(after));
        break;
    }
    if (r.action.startsWith("member.") && isUuid(r.target)) target = nameOf.get(r.target) ?? r.target;
    return {
      id: String(r.id),
      at: new Date(r.created_at).toISOString(),
      actor: r.actor_name || r.actor_email || null,
      action: labelOf(r.action),
      target,
      change,
      ip: r.ip,
      requestId: r.request_id,
    };
  });
  return { entries, olderCursor: nextCursor };
}
