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
export const VISIBILITIES = ["all", "team", "self"] as const satisfies readonly Visibility[];

/**
 * A custom role (docs/PERMISSIONS.md, Custom roles): a workspace's own named set of permissions on top of a
 * base level. The member's `role` is the base level (it decides who may manage whom and which restrictions
 * apply); the set replaces the level's built-in permissions; the member's restrictions narrow it further.
 */
export interface CustomRole {
  id: string;
  name: string;
  permissions: readonly Permission[];
  /** Agent-like roles only: which contacts the role sees (an Owner- or Manager-like role sees all). */
  visibility: Visibility;
}

export interface MemberAccess {
  role: Role;
  restrictions: readonly string[];
  /** The custom role the member holds; absent or null: the built-in level `role`. */
  custom?: CustomRole | null;
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

/**
 * The bit of each permission in a permission set, and the version of that numbering. Tokens carry the set as
 * this number (lib/auth/claims.ts); bump the version whenever PERMISSIONS changes order or meaning, and tokens
 * minted before are left to the server by the edge gate.
 */
export const PERMISSION_SET_VERSION = 1;
const BIT = Object.fromEntries(PERMISSIONS.map((p, i) => [p, 1 << i])) as Record<Permission, number>;
const ALL_BITS = (1 << PERMISSIONS.length) - 1;
const bits = (list: readonly Permission[]) => list.reduce((n, p) => n | (Object.hasOwn(BIT, p) ? BIT[p] : 0), 0);

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && Object.hasOwn(BIT, value);
}

/** What each built-in level may do before restrictions (docs/PERMISSIONS.md, The matrix). */
const LEVEL_BITS: Record<Role, number> = {
  owner: ALL_BITS,
  manager: ALL_BITS & ~BIT["audit.view"],
  agent: bits(["inbox.view", "snippets.use", "account.edit"]),
};

/** What a restriction takes away. */
const NARROWS: Record<string, number> = {
  no_settings: bits(["settings.view", "settings.manage", "integrations.manage", "users.manage"]),
  no_contact_delete: BIT["contacts.delete"],
  no_export: BIT["data.export"],
  no_integrations: BIT["integrations.manage"],
  no_snippets: BIT["snippets.use"],
};
/** The built-in Agent's one option that gives rather than takes: the contacts module. */
const AGENT_CONTACTS = bits(["contacts.view", "contacts.edit"]);

/**
 * The member's effective permission set, as bits (PERMISSIONS order): the level's or the custom role's set,
 * minus what the restrictions valid for the member take away. Unknown roles answer the empty set.
 */
export function permissionBits(member: MemberAccess): number {
  const valid = cleanRestrictions(member.role, member.restrictions ?? [], Boolean(member.custom));
  let set: number;
  if (member.custom) set = bits(cleanPermissions(member.role, member.custom.permissions));
  else if (Object.hasOwn(LEVEL_BITS, member.role)) set = LEVEL_BITS[member.role];
  else return 0;
  if (!member.custom && member.role === "agent" && valid.includes("contacts")) set |= AGENT_CONTACTS;
  for (const r of valid) set &= ~(NARROWS[r] ?? 0);
  return set;
}

/** True when a permission set (bits, as in the token) holds the permission. */
export function hasPermission(set: number, permission: Permission): boolean {
  return Object.hasOwn(BIT, permission) && (set & BIT[permission]) !== 0;
}

/** The permissions of a set, in PERMISSIONS order. */
export function permissionList(set: number): Permission[] {
  return PERMISSIONS.filter((p) => (set & BIT[p]) !== 0);
}

/** Deny by default: unknown roles, unknown permissions and thrown errors all answer false. */
export function can(member: MemberAccess | null | undefined, permission: Permission): boolean {
  if (!member) return false;
  try {
    return hasPermission(permissionBits(member), permission);
  } catch {
    return false;
  }
}

/**
 * What a permission needs to make sense: the settings writes, users and the activity log live in workspace
 * settings; editing or deleting a contact needs the contacts module; snippets need the inbox.
 */
export const PERMISSION_NEEDS: Partial<Record<Permission, Permission>> = {
  // The snippets live in the inbox's composer.
  "snippets.use": "inbox.view",
  "settings.manage": "settings.view",
  "integrations.manage": "settings.view",
  "users.manage": "settings.view",
  "audit.view": "settings.view",
  "contacts.edit": "contacts.view",
  "contacts.delete": "contacts.view",
};
/** Permissions a base level may not hold in a custom role: an Agent-like role manages nobody. */
export const NOT_FOR_BASE: Record<Role, readonly Permission[]> = { owner: [], manager: [], agent: ["users.manage"] };

/**
 * A custom role's permissions as stored: known ones only, in PERMISSIONS order, without those the base
 * may not hold or whose prerequisite is missing, and always the member's own account.
 */
export function cleanPermissions(base: Role, permissions: readonly string[]): Permission[] {
  const chosen = new Set<string>([...permissions, "account.edit"]);
  const forbidden = Object.hasOwn(NOT_FOR_BASE, base) ? NOT_FOR_BASE[base] : PERMISSIONS;
  return PERMISSIONS.filter((p) => {
    if (!chosen.has(p) || forbidden.includes(p)) return false;
    const need = PERMISSION_NEEDS[p];
    return !need || chosen.has(need);
  });
}

/** Invite / edit / revoke: Owner-like actors any level; Manager-like ones Agent-like members only. */
export function canManageRole(actor: MemberAccess, targetRole: Role): boolean {
  if (!can(actor, "users.manage")) return false;
  if (actor.role === "owner") return true;
  return actor.role === "manager" && targetRole === "agent";
}

/**
 * Settings → Roles (docs/PERMISSIONS.md, Custom roles): members whose base level is Owner and who hold users
 * management. The one rule for the actions, the page guard and the navigation item.
 */
export function canManageRoles(member: MemberAccess | null | undefined): boolean {
  return Boolean(member) && member!.role === "owner" && can(member, "settings.view") && can(member, "users.manage");
}

export function grantableRoles(actor: MemberAccess): Role[] {
  return ROLES.filter((role) => canManageRole(actor, role));
}

/**
 * Whether the actor may give someone this custom role: an Owner-like actor any; a Manager-like one only an
 * Agent-like role whose permissions are all the actor's own (nobody hands out more than they hold).
 */
export function canGrantCustomRole(actor: MemberAccess, role: { base: Role; permissions: readonly Permission[] }) {
  if (!canManageRole(actor, role.base)) return false;
  if (actor.role === "owner") return true;
  const mine = permissionBits(actor);
  const theirs = bits(cleanPermissions(role.base, role.permissions));
  return (theirs & ~mine) === 0;
}

const NARROWER: Record<Visibility, number> = { all: 0, team: 1, self: 2 };

export function contactVisibility(member: MemberAccess): Visibility {
  if (member.role !== "agent") return "all";
  let v: Visibility = member.custom?.visibility ?? "all";
  if (!Object.hasOwn(NARROWER, v)) v = "self";
  const r = member.restrictions;
  const own: Visibility = r.includes("see_self") ? "self" : r.includes("see_team") ? "team" : "all";
  return NARROWER[own] > NARROWER[v] ? own : v;
}

/**
 * Keep only the restrictions valid for a level, in canonical order. A custom role's member has no _contacts
 * module_ option (the role decides the module); an Agent-like one keeps the visibility and snippets options.
 */
export function cleanRestrictions(role: Role, restrictions: readonly string[], custom = false): Restriction[] {
  const allowed = Object.hasOwn(RESTRICTIONS_BY_ROLE, role) ? RESTRICTIONS_BY_ROLE[role] : [];
  let chosen = allowed.filter((r) => restrictions.includes(r));
  if (custom) chosen = chosen.filter((r) => r !== "contacts");
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
  // The page guard also checks canManageRoles (the base level must be Owner).
  ["settings/roles", ["settings.view", "users.manage"]],
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
