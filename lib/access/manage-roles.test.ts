import { describe, expect, it } from "vitest";
import { canManageRoles, routePermissions, type CustomRole, type MemberAccess } from "./matrix";

const custom = (permissions: CustomRole["permissions"]): CustomRole => ({
  id: "00000000-0000-4000-8000-000000000001",
  name: "Custom",
  permissions,
  visibility: "all",
});

describe("canManageRoles (Settings → Roles)", () => {
  const cases: [string, MemberAccess | null, boolean][] = [
    ["built-in Owner", { role: "owner", restrictions: [] }, true],
    [
      "Owner-like role with users management",
      { role: "owner", restrictions: [], custom: custom(["settings.view", "users.manage"]) },
      true,
    ],
    [
      "Owner-like role without users management",
      { role: "owner", restrictions: [], custom: custom(["settings.view", "reports.view"]) },
      false,
    ],
    [
      "Owner-like role with users.manage but no settings.view (cleaned away)",
      { role: "owner", restrictions: [], custom: custom(["users.manage"]) },
      false,
    ],
    ["built-in Manager", { role: "manager", restrictions: [] }, false],
    [
      "Manager-like role with everything",
      { role: "manager", restrictions: [], custom: custom(["settings.view", "users.manage", "audit.view"]) },
      false,
    ],
    ["Manager with no_settings", { role: "manager", restrictions: ["no_settings"] }, false],
    ["Agent", { role: "agent", restrictions: [] }, false],
    ["nobody", null, false],
    ["unknown level", { role: "boss" as never, restrictions: [] }, false],
  ];
  for (const [label, member, expected] of cases)
    it(`${label}: ${expected ? "may" : "may not"}`, () => expect(canManageRoles(member)).toBe(expected));

  it("the route needs settings and users management", () => {
    expect(routePermissions("settings/roles")).toEqual(["settings.view", "users.manage"]);
    expect(routePermissions("settings/roles/")).toEqual(["settings.view", "users.manage"]);
  });
});
