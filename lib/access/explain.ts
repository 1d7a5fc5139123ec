// Why a member may or may not do each thing (docs/PERMISSIONS.md, Access explainer). Pure and edge-safe like
// matrix.ts, and built only from matrix.ts's own answers, so it cannot drift from can() / contactVisibility().
import {
  MODULES,
  PERMISSIONS,
  cleanPermissions,
  cleanRestrictions,
  contactVisibility,
  hasPermission,
  permissionBits,
  type AgentOption,
  type MemberAccess,
  type Permission,
  type Restriction,
  type Role,
  type Visibility,
} from "./matrix";

/** Why one permission is allowed or denied. */
export type Reason =
  /** The built-in level grants it (or does not). */
  | { kind: "level"; level: Role; grants: boolean }
  /** The custom role includes it (or does not). */
  | { kind: "role"; name: string; grants: boolean }
  /** The custom role lists it, but a role on this base level may not hold it (an Agent-like role manages nobody). */
  | { kind: "base"; level: Role }
  /** Left out of the custom role: a permission it needs is missing. */
  | { kind: "needs"; permission: Permission }
  /** The built-in Agent's contacts module option gave it. */
  | { kind: "option"; option: "contacts" }
  /** A restriction on the member took it away. */
  | { kind: "restriction"; restriction: Restriction };

export interface PermissionExplanation {
  permission: Permission;
  allowed: boolean;
  reason: Reason;
}

export type VisibilityReason =
  | { kind: "level"; level: Role }
  | { kind: "role"; name: string }
  | { kind: "restriction"; restriction: Extract<AgentOption, "see_team" | "see_self"> };

export interface AccessExplanation {
  permissions: PermissionExplanation[];
  visibility: { visibility: Visibility; reason: VisibilityReason };
}

/** What each restriction takes away, read from permissionBits itself (a full custom set with and without it). */
function takenBy(role: Role, restriction: Restriction): number {
  const everything = { id: "", name: "", permissions: PERMISSIONS, visibility: "all" as const };
  const without = permissionBits({ role, restrictions: [], custom: everything });
  const withIt = permissionBits({ role, restrictions: [restriction], custom: everything });
  return without & ~withIt;
}

/** The prerequisite a listed permission was dropped for (cleanPermissions' rule); null when the base forbids it. */
function missingNeed(base: Role, listed: readonly string[], p: Permission): Permission | null {
  return PERMISSIONS.find((q) => cleanPermissions(base, [...listed, q]).includes(p)) ?? null;
}

/** Allowed or not, and why, before restrictions. */
function granted(member: MemberAccess, p: Permission): { allowed: boolean; reason: Reason } {
  const role = member.role;
  if (member.custom) {
    const { name, permissions } = member.custom;
    const kept = cleanPermissions(role, permissions);
    if (kept.includes(p)) return { allowed: true, reason: { kind: "role", name, grants: true } };
    if (!permissions.includes(p)) return { allowed: false, reason: { kind: "role", name, grants: false } };
    const need = missingNeed(role, permissions, p);
    return { allowed: false, reason: need ? { kind: "needs", permission: need } : { kind: "base", level: role } };
  }
  const level = permissionBits({ role, restrictions: [] });
  if (hasPermission(level, p)) return { allowed: true, reason: { kind: "level", level: role, grants: true } };
  const options = cleanRestrictions(role, member.restrictions ?? []).filter((r) => r === "contacts");
  if (options.length && hasPermission(permissionBits({ role, restrictions: options }), p))
    return { allowed: true, reason: { kind: "option", option: "contacts" } };
  return { allowed: false, reason: { kind: "level", level: role, grants: false } };
}

/** One permission: allowed or not and why (a restriction that takes it away wins over what gave it). */
export function explainPermission(member: MemberAccess, p: Permission): PermissionExplanation {
  const base = granted(member, p);
  if (!base.allowed) return { permission: p, ...base };
  const valid = cleanRestrictions(member.role, member.restrictions ?? [], Boolean(member.custom));
  const taker = valid.find((r) => hasPermission(takenBy(member.role, r), p));
  if (taker) return { permission: p, allowed: false, reason: { kind: "restriction", restriction: taker } };
  return { permission: p, ...base };
}

/** Which contacts the member sees, and why. */
export function explainVisibility(member: MemberAccess): AccessExplanation["visibility"] {
  const visibility = contactVisibility(member);
  const own = (member.restrictions ?? []).includes("see_self")
    ? "see_self"
    : (member.restrictions ?? []).includes("see_team")
      ? "see_team"
      : null;
  const fromRole: Visibility = member.role === "agent" ? (member.custom?.visibility ?? "all") : "all";
  if (member.role === "agent" && own && visibility !== fromRole)
    return { visibility, reason: { kind: "restriction", restriction: own } };
  if (member.custom) return { visibility, reason: { kind: "role", name: member.custom.name } };
  return { visibility, reason: { kind: "level", level: member.role } };
}

/** Every permission (PERMISSIONS order) with its reason, and the contact visibility. */
export function explainAccess(member: MemberAccess): AccessExplanation {
  return {
    permissions: PERMISSIONS.map((p) => explainPermission(member, p)),
    visibility: explainVisibility(member),
  };
}

/** The explainer's display groups: the workspace modules (MODULES order), then the member's own account. */
export const EXPLAIN_GROUPS: readonly {
  key: (typeof MODULES)[number]["key"] | "account";
  permissions: Permission[];
}[] = [
  { key: "dashboard", permissions: ["dashboard.view"] },
  { key: "inbox", permissions: ["inbox.view", "snippets.use"] },
  { key: "contacts", permissions: ["contacts.view", "contacts.edit", "contacts.delete", "data.export"] },
  { key: "reports", permissions: ["reports.view"] },
  {
    key: "settings",
    permissions: ["settings.view", "settings.manage", "integrations.manage", "users.manage", "audit.view"],
  },
  { key: "account", permissions: ["account.edit"] },
];
