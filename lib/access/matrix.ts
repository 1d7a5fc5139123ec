// docs/PERMISSIONS.md as data. Pure and edge-safe: middleware, guards, navigation and buttons all read it.

export const ROLES = ["owner", "manager", "agent"] as const;
export type Role = (typeof ROLES)[number];

export const MANAGER_RESTRICTIONS = ["no_settings", "no_contact_delete", "no_export", "no_integrations"] as const;
export const AGENT_OPTIONS = ["see_team", "see_self", "no_snippets", "contacts"] as const;
export type ManagerRestriction = (typeof MANAGER_RESTRICTIONS)[number];
export type AgentOption = (typeof AGENT_OPTIONS)[number];
export type Restriction = ManagerRestriction | AgentOption;

/** The restrictions a level may carry (an Owner carries none). */
export const RESTRICTIONS_BY_ROLE: Record<Role, readonly Restriction[]> = {
  owner: [],
  manager: MANAGER_RESTRICTIONS,
  agent: AGENT_OPTIONS,
};

export type Visibility = "all" | "team" | "self";

export interface MemberAccess {
  role: Role;
  restrictions: readonly string[];
}

export const PERMISSIONS = [
  "dashboard.view",
  "reports.view",
  "inbox.view",
  "snippets.use",
  "contacts.view",
  "contacts.edit",
  "contacts.delete",
  "data.export",
  "settings.view",
  "settings.manage",
  "integrations.manage",
  "users.manage",
  "audit.view",
  "account.edit",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

type Rule = boolean | ((restrictions: readonly string[]) => boolean);
const has = (r: readonly string[], x: string) => r.includes(x);

/** Rows: permission; columns: access level. A function reads the member's restrictions. */
export const MATRIX: Record<Permission, Record<Role, Rule>> = {
  "dashboard.view": { owner: true, manager: true, agent: false },
  "reports.view": { owner: true, manager: true, agent: false },
  "inbox.view": { owner: true, manager: true, agent: true },
  "snippets.use": { owner: true, manager: true, agent: (r) => !has(r, "no_snippets") },
  "contacts.view": { owner: true, manager: true, agent: (r) => has(r, "contacts") },
  "contacts.edit": { owner: true, manager: true, agent: (r) => has(r, "contacts") },
  "contacts.delete": { owner: true, manager: (r) => !has(r, "no_contact_delete"), agent: false },
  "data.export": { owner: true, manager: (r) => !has(r, "no_export"), agent: false },
  "settings.view": { owner: true, manager: (r) => !has(r, "no_settings"), agent: false },
  // Writes in General, Teams and Snippets: today the same people who may open Settings.
  "settings.manage": { owner: true, manager: (r) => !has(r, "no_settings"), agent: false },
  "integrations.manage": {
    owner: true,
    manager: (r) => !has(r, "no_settings") && !has(r, "no_integrations"),
    agent: false,
  },
  // Which targets and levels a Manager may touch is decided by canManageRole below.
  "users.manage": { owner: true, manager: (r) => !has(r, "no_settings"), agent: false },
  // docs/PRODUCT.md, Users page Audit log: "Owners see it on the Users page".
  "audit.view": { owner: true, manager: false, agent: false },
  "account.edit": { owner: true, manager: true, agent: true },
};

/** Deny by default: unknown roles, unknown permissions and thrown errors all answer false. */
export function can(member: MemberAccess | null | undefined, permission: Permission): boolean {
  if (!member) return false;
  try {
    // Own keys only: a role or permission named like an Object.prototype member
    // ("constructor", "toString") must not find a function there and answer truthy.
    const row = Object.hasOwn(MATRIX, permission) ? MATRIX[permission] : undefined;
    const rule = row && Object.hasOwn(row, member.role) ? row[member.role] : undefined;
    if (typeof rule === "function") return rule(member.restrictions ?? []) === true;
    return rule === true;
  } catch {
    return false;
  }
}

/** Invite / edit / revoke: Owners any level; Managers Agents only. */
export function canManageRole(actor: MemberAccess, targetRole: Role): boolean {
  if (!can(actor, "users.manage")) return false;
  if (actor.role === "owner") return true;
  return actor.role === "manager" && targetRole === "agent";
}

export function grantableRoles(actor: MemberAccess): Role[] {
  return ROLES.filter((role) => canManageRole(actor, role));
}

export function contactVisibility(member: MemberAccess): Visibility {
  if (member.role !== "agent") return "all";
  if (member.restrictions.includes("see_self")) return "self";
  if (member.restrictions.includes("see_team")) return "team";
  return "all";
}

/** Keep only the restrictions valid for a level, in canonical order. */
export function cleanRestrictions(role: Role, restrictions: readonly string[]): Restriction[] {
  const allowed = RESTRICTIONS_BY_ROLE[role];
  const chosen = allowed.filter((r) => restrictions.includes(r));
  if (chosen.includes("see_self") && chosen.includes("see_team")) return chosen.filter((r) => r !== "see_team");
  return chosen;
}

/** Workspace modules, in navigation order, with the permission that opens each. */
export const MODULES = [
  { key: "dashboard", path: "dashboard", permission: "dashboard.view" },
  { key: "inbox", path: "inbox", permission: "inbox.view" },
  { key: "contacts", path: "contacts", permission: "contacts.view" },
  { key: "reports", path: "reports", permission: "reports.view" },
  { key: "settings", path: "settings/general", permission: "settings.view" },
] as const satisfies readonly { key: string; path: string; permission: Permission }[];

export function firstModulePath(member: MemberAccess): string | null {
  return MODULES.find((m) => can(member, m.permission))?.path ?? null;
}

/**
 * The permission a workspace route needs, from its path below /w/[id]/ (docs/PRODUCT.md, Routes).
 * null means "any member"; the longest matching prefix wins.
 */
const ROUTE_PERMISSIONS: [prefix: string, permissions: Permission[]][] = [
  ["", []],
  ["dashboard", ["dashboard.view"]],
  ["inbox", ["inbox.view"]],
  ["contacts", ["contacts.view"]],
  ["contacts/export", ["contacts.view", "data.export"]],
  ["reports", ["reports.view"]],
  ["settings", ["settings.view"]],
  ["settings/users/export", ["settings.view", "data.export"]],
];

/** Every permission a route below /w/[id]/ needs; [] means any member. Longest prefix wins. */
export function routePermissions(subpath: string): Permission[] {
  const clean = subpath.replace(/^\/+|\/+$/g, "");
  let best: [string, Permission[]] = ["", []];
  for (const [prefix, permissions] of ROUTE_PERMISSIONS) {
    if (prefix === "" || clean === prefix || clean.startsWith(prefix + "/")) {
      if (prefix.length >= best[0].length) best = [prefix, permissions];
    }
  }
  return best[1];
}
