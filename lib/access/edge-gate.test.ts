import { describe, expect, it } from "vitest";
import type { TokenClaims } from "@/lib/auth/claims";
import { CLAIMS_TTL_SECONDS } from "@/lib/auth/claims";
import { gate } from "./edge-gate";
import { PERMISSION_SET_VERSION, permissionBits, type Role } from "./matrix";

const NOW = 1_800_000_000;
const WS = "11111111-1111-4111-8111-111111111111";
const ORG = "22222222-2222-4222-8222-222222222222";

function token(role: Role, restrictions: string[] = [], extra: Partial<TokenClaims> = {}): TokenClaims {
  const p = permissionBits({ role, restrictions });
  const claim = { r: role, x: restrictions, v: 1, p };
  return { uid: "u1", cat: NOW - 5, pv: PERMISSION_SET_VERSION, ws: { [WS]: claim }, oa: [], ...extra };
}

describe("gate: public paths", () => {
  it.each([
    "/signin",
    "/signin/check-email",
    "/signout",
    "/invite/abc123",
    "/api/auth/session",
    "/api/auth/callback/email",
    "/api/sso/start",
    "/api/sso/callback",
    "/signin/no-access",
    "/api/health",
    "/api/health/live",
    "/api/health/ready",
    "/api/cron/mail",
    "/dev/mailbox",
    "/forbidden",
  ])("lets %s through without a session", (path) => {
    expect(gate(path, null, NOW)).toBe("public");
  });

  it.each([
    "/signinx",
    "/invite",
    "/api/authx",
    "/api/sso",
    "/api/sso/startx",
    "/api/health/db",
    "/api/healthz",
    "/api/health/readyx",
    "/api/cron",
    "/api/cron/mail/x",
    "/developer",
    "/forbidden/x",
    "/signout/x",
  ])("does not treat the look-alike %s as public", (path) => {
    expect(gate(path, null, NOW)).not.toBe("public");
  });
});

describe("gate: signed out", () => {
  it("sends pages to sign-in and answers 401 to APIs", () => {
    expect(gate("/", null, NOW)).toBe("signin");
    expect(gate(`/w/${WS}/dashboard`, null, NOW)).toBe("signin");
    expect(gate("/account", null, NOW)).toBe("signin");
    expect(gate("/api/presence", null, NOW)).toBe("unauthorized");
  });

  it("treats a token without a user id as signed out", () => {
    expect(gate("/account", {}, NOW)).toBe("signin");
    expect(gate("/api/presence", { ws: {} }, NOW)).toBe("unauthorized");
  });
});

describe("gate: workspace modules from fresh claims", () => {
  it.each([
    ["agent", [], "dashboard", "forbidden"],
    ["agent", [], "reports", "forbidden"],
    ["agent", [], "inbox", "pass"],
    ["agent", ["see_self"], "inbox/abc", "pass"],
    ["agent", [], "contacts", "forbidden"],
    ["agent", ["contacts"], "contacts", "pass"],
    ["agent", ["contacts"], "contacts/export", "forbidden"],
    ["agent", ["contacts"], "settings/general", "forbidden"],
    ["agent", [], "", "pass"],
    ["manager", [], "settings/users", "pass"],
    ["manager", ["no_settings"], "settings/users", "forbidden"],
    ["manager", ["no_settings"], "dashboard", "pass"],
    ["manager", ["no_export"], "contacts/export", "forbidden"],
    ["manager", ["no_export"], "settings/users/export", "forbidden"],
    ["manager", [], "settings/users/export", "pass"],
    ["owner", [], "settings/integrations", "pass"],
    ["owner", [], "reports", "pass"],
  ] as const)("%s %j on /%s → %s", (role, restrictions, sub, expected) => {
    const path = sub ? `/w/${WS}/${sub}` : `/w/${WS}`;
    expect(gate(path, token(role, [...restrictions]), NOW)).toBe(expected);
  });

  it("leaves a workspace missing from the claims to the server guard", () => {
    expect(gate("/w/33333333-3333-4333-8333-333333333333/dashboard", token("agent"), NOW)).toBe("pass");
  });

  it("never denies from stale claims (the server re-reads the membership)", () => {
    const stale = token("agent", [], { cat: NOW - CLAIMS_TTL_SECONDS - 1 });
    expect(gate(`/w/${WS}/dashboard`, stale, NOW)).toBe("pass");
    const justFresh = token("agent", [], { cat: NOW - CLAIMS_TTL_SECONDS });
    expect(gate(`/w/${WS}/dashboard`, justFresh, NOW)).toBe("forbidden");
    expect(gate(`/w/${WS}/dashboard`, token("agent", [], { cat: undefined }), NOW)).toBe("pass");
  });

  it("decides from the token's permission set, and leaves a set of another numbering to the server", () => {
    // A custom role's set (reports only): the level alone would open the dashboard to a Manager-like member.
    const reportsOnly = permissionBits({
      role: "manager",
      restrictions: [],
      custom: { id: "r1", name: "Supervisor", permissions: ["reports.view"], visibility: "all" },
    });
    const custom = token("manager", [], { ws: { [WS]: { r: "manager", x: [], v: 1, p: reportsOnly } } });
    expect(gate(`/w/${WS}/reports`, custom, NOW)).toBe("pass");
    expect(gate(`/w/${WS}/dashboard`, custom, NOW)).toBe("forbidden");
    expect(gate(`/w/${WS}/settings/users`, custom, NOW)).toBe("forbidden");
    expect(gate(`/w/${WS}/dashboard`, { ...custom, pv: PERMISSION_SET_VERSION + 1 }, NOW)).toBe("pass");
    expect(gate(`/w/${WS}/dashboard`, { ...custom, pv: undefined }, NOW)).toBe("pass");
    expect(gate(`/w/${WS}/dashboard`, token("manager", [], { ws: { [WS]: { r: "agent", x: [], v: 1 } } }), NOW)).toBe(
      "pass",
    );
  });
});

describe("gate: organization settings", () => {
  it("lets org admins in and turns others away while claims are fresh", () => {
    expect(gate(`/org/${ORG}/settings/billing`, token("owner", [], { oa: [ORG] }), NOW)).toBe("pass");
    expect(gate(`/org/${ORG}/settings/billing`, token("owner"), NOW)).toBe("forbidden");
    expect(gate(`/org/${ORG}`, token("owner", [], { oa: undefined }), NOW)).toBe("forbidden");
    expect(gate(`/org/${ORG}/settings/users`, token("owner", [], { cat: NOW - 3600 }), NOW)).toBe("pass");
    // A cut organization list (an admin of many organizations) leaves the decision to the server.
    expect(gate(`/org/${ORG}/settings/users`, token("owner", [], { oa: ["x"], oax: true }), NOW)).toBe("pass");
  });
});

describe("gate: other signed-in pages", () => {
  it.each(["/", "/account", "/onboarding", "/api/presence"])("passes %s to the page's own check", (path) => {
    expect(gate(path, token("agent"), NOW)).toBe("pass");
  });
});
