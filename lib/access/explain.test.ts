import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXPLAIN_GROUPS, explainAccess, explainPermission } from "./explain";
import {
  AGENT_OPTIONS,
  MANAGER_RESTRICTIONS,
  PERMISSIONS,
  ROLES,
  VISIBILITIES,
  can,
  contactVisibility,
  type MemberAccess,
  type Permission,
} from "./matrix";

const ALL_RESTRICTIONS = [...MANAGER_RESTRICTIONS, ...AGENT_OPTIONS];
const subsets = <T>(list: readonly T[]): T[][] =>
  list.reduce<T[][]>((acc, x) => [...acc, ...acc.map((s) => [...s, x])], [[]]);

/** The explanation agrees with can() and contactVisibility(), and its reason fits the member. */
function check(member: MemberAccess) {
  const e = explainAccess(member);
  expect(e.permissions.map((x) => x.permission)).toEqual(PERMISSIONS);
  for (const x of e.permissions) {
    expect(x.allowed, `${JSON.stringify(member)} ${x.permission}`).toBe(can(member, x.permission));
    const r = x.reason;
    if (r.kind === "restriction") expect(member.restrictions).toContain(r.restriction);
    if (r.kind === "option") expect(member.custom ?? null).toBeNull();
    if (r.kind === "role" || r.kind === "needs" || r.kind === "base") expect(member.custom).toBeTruthy();
    if (r.kind === "needs") expect(can(member, r.permission)).toBe(false);
    if (r.kind === "level" || r.kind === "role") expect(r.grants).toBe(x.allowed);
  }
  expect(e.visibility.visibility).toBe(contactVisibility(member));
  if (e.visibility.reason.kind === "restriction")
    expect(member.restrictions).toContain(e.visibility.reason.restriction);
}

describe("explainAccess agrees with can() and contactVisibility()", () => {
  it("every built-in level × every subset of every restriction (3 × 256)", () => {
    for (const role of ROLES) for (const restrictions of subsets(ALL_RESTRICTIONS)) check({ role, restrictions });
  });

  it("random custom roles and restrictions (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.subarray([...PERMISSIONS]),
        fc.constantFrom(...VISIBILITIES),
        fc.subarray(ALL_RESTRICTIONS),
        (role, permissions, visibility, restrictions) =>
          check({ role, restrictions, custom: { id: "r", name: "Role", permissions, visibility } }),
      ),
      { numRuns: 2000 },
    );
  });
});

describe("the reasons, by hand", () => {
  const reason = (member: MemberAccess, p: Permission) => explainPermission(member, p);
  const custom = (base: "owner" | "manager" | "agent", permissions: Permission[], visibility = "all" as const) => ({
    role: base,
    restrictions: [] as string[],
    custom: { id: "r", name: "Supervisor", permissions, visibility },
  });

  it("a built-in level grants or denies", () => {
    expect(reason({ role: "owner", restrictions: [] }, "audit.view")).toEqual({
      permission: "audit.view",
      allowed: true,
      reason: { kind: "level", level: "owner", grants: true },
    });
    expect(reason({ role: "manager", restrictions: [] }, "audit.view").reason).toEqual({
      kind: "level",
      level: "manager",
      grants: false,
    });
  });

  it("a restriction takes it away", () => {
    expect(reason({ role: "manager", restrictions: ["no_export"] }, "data.export")).toEqual({
      permission: "data.export",
      allowed: false,
      reason: { kind: "restriction", restriction: "no_export" },
    });
    // no_settings takes integrations too, and comes first in canonical order.
    expect(
      reason({ role: "manager", restrictions: ["no_integrations", "no_settings"] }, "integrations.manage"),
    ).toMatchObject({ allowed: false, reason: { kind: "restriction", restriction: "no_settings" } });
    expect(reason({ role: "agent", restrictions: ["no_snippets"] }, "snippets.use").reason).toEqual({
      kind: "restriction",
      restriction: "no_snippets",
    });
    // A restriction not valid for the level takes nothing.
    expect(reason({ role: "agent", restrictions: ["no_export"] }, "inbox.view").allowed).toBe(true);
  });

  it("the Agent's contacts module option gives contacts view and edit, never delete", () => {
    const agent = { role: "agent" as const, restrictions: ["contacts"] };
    expect(reason(agent, "contacts.edit")).toMatchObject({ allowed: true, reason: { kind: "option" } });
    expect(reason(agent, "contacts.delete").reason).toEqual({ kind: "level", level: "agent", grants: false });
    expect(reason({ role: "agent", restrictions: [] }, "contacts.view").allowed).toBe(false);
  });

  it("a custom role includes it, leaves it out, needs a prerequisite, or cannot hold it on its base", () => {
    const supervisor = custom("manager", ["reports.view", "inbox.view"]);
    expect(reason(supervisor, "reports.view").reason).toEqual({ kind: "role", name: "Supervisor", grants: true });
    expect(reason(supervisor, "dashboard.view").reason).toEqual({ kind: "role", name: "Supervisor", grants: false });
    expect(reason(supervisor, "account.edit").allowed).toBe(true);
    expect(reason(custom("manager", ["contacts.edit"]), "contacts.edit")).toEqual({
      permission: "contacts.edit",
      allowed: false,
      reason: { kind: "needs", permission: "contacts.view" },
    });
    expect(reason(custom("agent", ["settings.view", "users.manage"]), "users.manage").reason).toEqual({
      kind: "base",
      level: "agent",
    });
    // The member's restriction still narrows the role's set, and the contacts option does not apply to a role.
    const narrowed = { ...custom("manager", ["data.export", "contacts.view"]), restrictions: ["no_export"] };
    expect(reason(narrowed, "data.export").reason).toEqual({ kind: "restriction", restriction: "no_export" });
    const agentLike = { ...custom("agent", ["inbox.view"]), restrictions: ["contacts"] };
    expect(reason(agentLike, "contacts.view").reason).toEqual({ kind: "role", name: "Supervisor", grants: false });
  });

  it("the contact visibility and why", () => {
    expect(explainAccess({ role: "manager", restrictions: ["see_self"] }).visibility).toEqual({
      visibility: "all",
      reason: { kind: "level", level: "manager" },
    });
    expect(explainAccess({ role: "agent", restrictions: ["see_team"] }).visibility).toEqual({
      visibility: "team",
      reason: { kind: "restriction", restriction: "see_team" },
    });
    expect(explainAccess(custom("agent", ["inbox.view"], "team" as "all")).visibility).toEqual({
      visibility: "team",
      reason: { kind: "role", name: "Supervisor" },
    });
    const selfOnTeam = { ...custom("agent", ["inbox.view"], "team" as "all"), restrictions: ["see_self"] };
    expect(explainAccess(selfOnTeam).visibility).toEqual({
      visibility: "self",
      reason: { kind: "restriction", restriction: "see_self" },
    });
  });

  it("the display groups hold every permission exactly once", () => {
    expect(EXPLAIN_GROUPS.flatMap((g) => g.permissions).sort()).toEqual([...PERMISSIONS].sort());
  });
});
