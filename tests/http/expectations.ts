import type { ActorKey, ContactKey } from "./support/context";

// docs/PERMISSIONS.md, written out by hand for each actor of the suite. The expected outcome of every
// route and action is read from HERE, not from lib/access/matrix.ts, so a wrong matrix
// fails the suite (matrix-table.http.test.ts also compares this table with `can`).

export type Cap =
  | "signedIn" // any session whose user exists
  | "member" // a current member of the Support workspace
  | "dashboard"
  | "reports"
  | "inbox"
  | "snippets" // the composer's snippets
  | "contacts" // contacts module: view, edit, assign
  | "contactDelete"
  | "export" // data export (with the module's own access)
  | "settings" // workspace settings pages: General, Users, Teams, Snippets, Integrations
  | "settingsManage" // rename the workspace; create, change and delete teams and snippets
  | "integrations" // connect / disconnect an integration
  | "manageAgents" // invite / edit / revoke Agents
  | "manageAll" // invite / edit / revoke Managers and Owners
  | "audience" // "who can see this contact": Owner- and Manager-like members with the contacts module
  | "orgAdmin"; // organization settings of Acme

const MANAGER: Cap[] = [
  "signedIn",
  "member",
  "dashboard",
  "reports",
  "inbox",
  "snippets",
  "contacts",
  "contactDelete",
  "export",
  "settings",
  "settingsManage",
  "integrations",
  "manageAgents",
  "audience",
];
const AGENT: Cap[] = ["signedIn", "member", "inbox", "snippets"];
const without = (caps: Cap[], ...gone: Cap[]) => caps.filter((c) => !gone.includes(c));

export const CAPS: Record<ActorKey, readonly Cap[]> = {
  owner: [...MANAGER, "manageAll", "orgAdmin"],
  manager: MANAGER,
  // "workspace settings — may not open workspace settings at all": no Users page either,
  // so no inviting and no users CSV (it lives under settings); integrations need settings too.
  mgr_no_settings: without(MANAGER, "settings", "settingsManage", "integrations", "manageAgents"),
  mgr_no_contact_delete: without(MANAGER, "contactDelete"),
  mgr_no_export: without(MANAGER, "export"),
  // Still opens Settings → Integrations (a settings page) but may not connect/disconnect.
  mgr_no_integrations: without(MANAGER, "integrations"),
  agent_all: AGENT,
  agent_team: AGENT,
  agent_self: AGENT,
  agent_no_snippets: without(AGENT, "snippets"),
  // The ⭕ contacts grant: view/edit/assign, never delete or export (❌ for every Agent).
  agent_contacts: [...AGENT, "contacts"],
  agent_contacts_self: [...AGENT, "contacts"],
  // Custom roles, by hand from their permission lists (global-setup.ts). The Supervisor (Manager-like:
  // reports and the inbox only) has no snippets, no contacts, no settings.
  role_supervisor: ["signedIn", "member", "reports", "inbox"],
  // Agent-like: inbox, contacts view/edit/assign and data export; no snippets (not in the role), no delete.
  role_contacts_export: ["signedIn", "member", "inbox", "contacts", "export"],
  // Manager-like, everything a Manager has but users.manage: no inviting, editing or revoking anyone.
  role_mgr_no_users: without(MANAGER, "manageAgents"),
  org_admin: ["signedIn", "orgAdmin"],
  other_ws: ["signedIn"],
  revoked: ["signedIn"],
  anonymous: [],
};

export const has = (actor: ActorKey, ...caps: Cap[]) => caps.every((c) => CAPS[actor].includes(c));

/** Which of the Support test contacts each actor may see (contact visibility, by hand). */
const ALL_SUPPORT: ContactKey[] = ["self", "team", "unassigned", "cself", "outsider"];
export const VISIBLE: Record<ActorKey, readonly ContactKey[]> = {
  owner: ALL_SUPPORT,
  manager: ALL_SUPPORT,
  mgr_no_settings: ALL_SUPPORT,
  mgr_no_contact_delete: ALL_SUPPORT,
  mgr_no_export: ALL_SUPPORT,
  mgr_no_integrations: ALL_SUPPORT,
  agent_all: ALL_SUPPORT,
  agent_team: ["team"], // assigned to a team-mate; unassigned ones are hidden with a limit
  agent_self: ["self"],
  agent_no_snippets: ALL_SUPPORT,
  agent_contacts: ALL_SUPPORT,
  agent_contacts_self: ["cself"],
  role_supervisor: ALL_SUPPORT,
  role_contacts_export: ALL_SUPPORT,
  role_mgr_no_users: ALL_SUPPORT,
  // "sales" is never visible through /w/<Support>/…, not even to the Owner of both.
  org_admin: [],
  other_ws: [],
  revoked: [],
  anonymous: [],
};

/** The contact visibility of each actor, read from VISIBLE: all, own and team-mates', or own only. */
export function scopeOf(actor: ActorKey): "all" | "team" | "self" {
  return VISIBLE[actor].includes("unassigned") ? "all" : VISIBLE[actor].includes("team") ? "team" : "self";
}

/** The first module a member lands on at /w/<id> (docs/PRODUCT.md, Routes navigation order). */
export function firstModule(actor: ActorKey): string | null {
  if (has(actor, "dashboard")) return "dashboard";
  if (has(actor, "inbox")) return "inbox";
  return null;
}

/** The actors who hold a workspace of their own at the start (onboarding refuses them). */
export const HAS_WORKSPACE: Record<ActorKey, boolean> = {
  owner: true,
  manager: true,
  mgr_no_settings: true,
  mgr_no_contact_delete: true,
  mgr_no_export: true,
  mgr_no_integrations: true,
  agent_all: true,
  agent_team: true,
  agent_self: true,
  agent_no_snippets: true,
  agent_contacts: true,
  agent_contacts_self: true,
  role_supervisor: true,
  role_contacts_export: true,
  role_mgr_no_users: true,
  org_admin: false,
  other_ws: true,
  revoked: false,
  anonymous: false,
};
