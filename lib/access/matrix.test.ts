import { describe, expect, it } from "vitest";
import {
  AGENT_OPTIONS,
  MANAGER_RESTRICTIONS,
  MODULES,
  PERMISSIONS,
  can,
  canManageRole,
  cleanRestrictions,
  contactVisibility,
  firstModulePath,
  grantableRoles,
  routePermissions,
  type MemberAccess,
  type Permission,
} from "./matrix";

// docs/PERMISSIONS.md, written out by hand cell by cell (not derived from MATRIX, so a wrong cell in the
// matrix fails here). Columns, in order:
const COLS: Permission[] = [
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
];
const Y = true;
const N = false;
const CASES: [label: string, member: MemberAccess, expected: boolean[]][] = [
  // eslint-disable-next-line max-len -- the column legend of the table below
  //                                                                  dash rep  inbox snip cview cedit cdel exp  set  smng integ users audit acct
  ["owner", { role: "owner", restrictions: [] }, /*              */ [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y]],
  ["manager", { role: "manager", restrictions: [] }, /*          */ [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N, Y]],
  [
    "manager no_settings",
    { role: "manager", restrictions: ["no_settings"] },
    [Y, Y, Y, Y, Y, Y, Y, Y, N, N, N, N, N, Y],
  ],
  [
    "manager no_contact_delete",
    { role: "manager", restrictions: ["no_contact_delete"] },
    [Y, Y, Y, Y, Y, Y, N, Y, Y, Y, Y, Y, N, Y],
  ],
  ["manager no_export", { role: "manager", restrictions: ["no_export"] }, [Y, Y, Y, Y, Y, Y, Y, N, Y, Y, Y, Y, N, Y]],
  [
    "manager no_integrations",
    { role: "manager", restrictions: ["no_integrations"] },
    [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N, Y, N, Y],
  ],
  [
    "manager with every restriction",
    { role: "manager", restrictions: [...MANAGER_RESTRICTIONS] },
    [Y, Y, Y, Y, Y, Y, N, N, N, N, N, N, N, Y],
  ],
  ["agent", { role: "agent", restrictions: [] }, /*              */ [N, N, Y, Y, N, N, N, N, N, N, N, N, N, Y]],
  ["agent see_team", { role: "agent", restrictions: ["see_team"] }, [N, N, Y, Y, N, N, N, N, N, N, N, N, N, Y]],
  ["agent see_self", { role: "agent", restrictions: ["see_self"] }, [N, N, Y, Y, N, N, N, N, N, N, N, N, N, Y]],
  ["agent no_snippets", { role: "agent", restrictions: ["no_snippets"] }, [N, N, Y, N, N, N, N, N, N, N, N, N, N, Y]],
  ["agent contacts", { role: "agent", restrictions: ["contacts"] }, [N, N, Y, Y, Y, Y, N, N, N, N, N, N, N, Y]],
  [
    "agent contacts + see_self + no_snippets",
    { role: "agent", restrictions: ["contacts", "see_self", "no_snippets"] },
    [N, N, Y, N, Y, Y, N, N, N, N, N, N, N, Y],
  ],
  // Options of another level mean nothing: an agent option on a manager, a manager
  // restriction on an agent (the database refuses both; the matrix must not be fooled).
  [
    "manager with agent options",
    { role: "manager", restrictions: ["no_snippets", "see_self"] },
    [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N, Y],
  ],
  [
    "agent with manager restrictions",
    { role: "agent", restrictions: [...MANAGER_RESTRICTIONS] },
    [N, N, Y, Y, N, N, N, N, N, N, N, N, N, Y],
  ],
];

describe("can(): every cell of docs/PERMISSIONS.md", () => {
  it("covers every permission the matrix declares", () => {
    expect([...COLS].sort()).toEqual([...PERMISSIONS].sort());
  });

  for (const [label, member, expected] of CASES) {
    for (const [i, permission] of COLS.entries()) {
      it(`${label} ${expected[i] ? "may" : "may not"} ${permission}`, () => {
        expect(can(member, permission)).toBe(expected[i]);
      });
    }
  }
});

describe("can(): deny by default", () => {
  it("denies a missing member", () => {
    expect(can(null, "inbox.view")).toBe(false);
    expect(can(undefined, "account.edit")).toBe(false);
  });

  it("denies unknown roles, including names found on Object.prototype", () => {
    for (const role of ["admin", "", "OWNER", "constructor", "toString", "__proto__", "hasOwnProperty"]) {
      for (const permission of PERMISSIONS) {
        expect(can({ role: role as never, restrictions: [] }, permission), `${role} / ${permission}`).toBe(false);
      }
    }
  });

  it("denies unknown permissions", () => {
    for (const permission of ["billing.view", "", "constructor", "__proto__", "toString"]) {
      expect(can({ role: "owner", restrictions: [] }, permission as Permission), permission).toBe(false);
    }
  });

  it("denies when reading the member throws", () => {
    const broken = {
      role: "manager",
      get restrictions(): string[] {
        throw new Error("boom");
      },
    } as MemberAccess;
    expect(can(broken, "settings.view")).toBe(false);
  });

  it("treats missing restrictions as none", () => {
    expect(can({ role: "agent", restrictions: undefined as never }, "snippets.use")).toBe(true);
    expect(can({ role: "agent", restrictions: undefined as never }, "contacts.view")).toBe(false);
  });
});

describe("canManageRole / grantableRoles (invite, edit, revoke)", () => {
  const owner: MemberAccess = { role: "owner", restrictions: [] };
  const manager: MemberAccess = { role: "manager", restrictions: [] };

  it("lets an Owner manage every level", () => {
    for (const role of ["owner", "manager", "agent"] as const) expect(canManageRole(owner, role)).toBe(true);
    expect(grantableRoles(owner)).toEqual(["owner", "manager", "agent"]);
  });

  it("lets a Manager manage Agents only", () => {
    expect(canManageRole(manager, "agent")).toBe(true);
    expect(canManageRole(manager, "manager")).toBe(false);
    expect(canManageRole(manager, "owner")).toBe(false);
    expect(grantableRoles(manager)).toEqual(["agent"]);
  });

  it("keeps other manager restrictions irrelevant to managing Agents", () => {
    const m: MemberAccess = { role: "manager", restrictions: ["no_export", "no_contact_delete", "no_integrations"] };
    expect(grantableRoles(m)).toEqual(["agent"]);
  });

  it("refuses a Manager restricted from workspace settings, and every Agent", () => {
    expect(grantableRoles({ role: "manager", restrictions: ["no_settings"] })).toEqual([]);
    for (const restrictions of [[], ["contacts"], ["see_team"]]) {
      expect(grantableRoles({ role: "agent", restrictions })).toEqual([]);
    }
    expect(canManageRole({ role: "nobody" as never, restrictions: [] }, "agent")).toBe(false);
  });
});

describe("contactVisibility", () => {
  it("is all for Owners, Managers and unrestricted Agents", () => {
    expect(contactVisibility({ role: "owner", restrictions: [] })).toBe("all");
    expect(contactVisibility({ role: "manager", restrictions: ["see_self"] })).toBe("all");
    expect(contactVisibility({ role: "agent", restrictions: ["contacts", "no_snippets"] })).toBe("all");
  });

  it("follows the agent's option, the narrower one winning", () => {
    expect(contactVisibility({ role: "agent", restrictions: ["see_team"] })).toBe("team");
    expect(contactVisibility({ role: "agent", restrictions: ["see_self"] })).toBe("self");
    expect(contactVisibility({ role: "agent", restrictions: ["see_team", "see_self"] })).toBe("self");
  });
});

describe("cleanRestrictions", () => {
  it("keeps only the level's own restrictions, in canonical order", () => {
    expect(cleanRestrictions("manager", ["no_export", "see_self", "bogus", "no_settings"])).toEqual([
      "no_settings",
      "no_export",
    ]);
    expect(cleanRestrictions("agent", ["contacts", "no_export", "see_team"])).toEqual(["see_team", "contacts"]);
    expect(cleanRestrictions("owner", ["no_settings", "see_self"])).toEqual([]);
  });

  it("never returns both visibility limits (the narrower stays)", () => {
    expect(cleanRestrictions("agent", ["see_team", "see_self"])).toEqual(["see_self"]);
  });

  it("returns only known names", () => {
    const all = [...MANAGER_RESTRICTIONS, ...AGENT_OPTIONS, "x"];
    expect(cleanRestrictions("manager", all)).toEqual([...MANAGER_RESTRICTIONS]);
  });
});

describe("modules and routes", () => {
  it("opens the first module the member may use", () => {
    expect(firstModulePath({ role: "owner", restrictions: [] })).toBe("dashboard");
    expect(firstModulePath({ role: "manager", restrictions: ["no_settings"] })).toBe("dashboard");
    expect(firstModulePath({ role: "agent", restrictions: ["see_self"] })).toBe("inbox");
    expect(firstModulePath({ role: "ghost" as never, restrictions: [] })).toBeNull();
  });

  it("lists the modules in navigation order", () => {
    expect(MODULES.map((m) => m.key)).toEqual(["dashboard", "inbox", "contacts", "reports", "settings"]);
  });

  it.each([
    ["", []],
    ["/", []],
    ["dashboard", ["dashboard.view"]],
    ["inbox", ["inbox.view"]],
    ["inbox/3f1c", ["inbox.view"]],
    ["contacts", ["contacts.view"]],
    ["contacts/123/edit", ["contacts.view"]],
    ["contacts/export", ["contacts.view", "data.export"]],
    ["/contacts/export/", ["contacts.view", "data.export"]],
    ["reports", ["reports.view"]],
    ["settings", ["settings.view"]],
    ["settings/general", ["settings.view"]],
    ["settings/users", ["settings.view"]],
    ["settings/users/export", ["settings.view", "data.export"]],
    ["settings/integrations", ["settings.view"]],
    // A prefix must match a whole segment.
    ["contactsexport", []],
    ["settingsx/users/export", []],
    ["dashboards", []],
  ] as [string, Permission[]][])("routePermissions(%j) = %j", (subpath, expected) => {
    expect(routePermissions(subpath)).toEqual(expected);
  });

  it("refuses an agent the users export and a restricted manager the contacts export", () => {
    const agent: MemberAccess = { role: "agent", restrictions: ["contacts"] };
    const manager: MemberAccess = { role: "manager", restrictions: ["no_export"] };
    expect(routePermissions("contacts").every((p) => can(agent, p))).toBe(true);
    expect(routePermissions("contacts/export").every((p) => can(agent, p))).toBe(false);
    expect(routePermissions("contacts/export").every((p) => can(manager, p))).toBe(false);
    expect(routePermissions("settings/users/export").every((p) => can({ role: "owner", restrictions: [] }, p))).toBe(
      true,
    );
  });
});
