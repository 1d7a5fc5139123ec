import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import {
  AGENT_OPTIONS,
  MANAGER_RESTRICTIONS,
  can,
  canManageRole,
  contactVisibility,
  firstModulePath,
  type MemberAccess,
  type Permission,
} from "@/lib/access/matrix";
import { ACTION_CASES, restoreSupport } from "./action-cases";
import { CAPS, firstModule, scopeOf, type Cap } from "./expectations";
import { ROUTE_CASES } from "./routes";
import { loadManifest, sourceActions, type ManifestAction } from "./support/actions";
import { ACTOR_KEYS, type ActorKey } from "./support/context";
import { cookieFor, putAvatar, type ClaimMode } from "./support/fixtures";
import { pool } from "./support/http";
import { recorder } from "./support/report";
import { checkAction, checkRoute } from "./support/run";
import { loadSecrets, secretsFor, type Secrets } from "./support/secrets";

// docs/PERMISSIONS.md × §3 over HTTP against `next start`: every actor × every route and every server
// action, twice — with the actor's honest token (middleware + server guard), and with a
// stale token that still claims "Owner of Support and Sales, Acme org admin" (the edge
// middleware lets it through, so only the server guard can refuse).

const ctx = inject("http");
const root = process.cwd();
const MODES: ClaimMode[] = ["honest", "stale-owner"];
const actorsFor = (mode: ClaimMode): ActorKey[] =>
  mode === "honest" ? [...ACTOR_KEYS] : ACTOR_KEYS.filter((a) => a !== "owner" && a !== "anonymous");

const custom = (role: MemberAccess["role"], name: string, permissions: Permission[]): MemberAccess => ({
  role,
  restrictions: [],
  custom: { id: name, name, permissions, visibility: "all" },
});

describe("the hand-written docs/PERMISSIONS.md table agrees with lib/access/matrix.ts", () => {
  // Cap → what the matrix must answer. A mismatch means the matrix or this table is wrong.
  const PERMS: Partial<Record<Cap, Permission[]>> = {
    dashboard: ["dashboard.view"],
    reports: ["reports.view"],
    inbox: ["inbox.view"],
    snippets: ["snippets.use"],
    contacts: ["contacts.view", "contacts.edit"],
    contactDelete: ["contacts.delete"],
    export: ["data.export"],
    settings: ["settings.view"],
    settingsManage: ["settings.manage"],
    integrations: ["integrations.manage"],
  };
  const ACCESS: Partial<Record<ActorKey, MemberAccess>> = {
    owner: { role: "owner", restrictions: [] },
    manager: { role: "manager", restrictions: [] },
    mgr_no_settings: { role: "manager", restrictions: ["no_settings"] },
    mgr_no_contact_delete: { role: "manager", restrictions: ["no_contact_delete"] },
    mgr_no_export: { role: "manager", restrictions: ["no_export"] },
    mgr_no_integrations: { role: "manager", restrictions: ["no_integrations"] },
    agent_all: { role: "agent", restrictions: [] },
    agent_team: { role: "agent", restrictions: ["see_team"] },
    agent_self: { role: "agent", restrictions: ["see_self"] },
    agent_no_snippets: { role: "agent", restrictions: ["no_snippets"] },
    agent_contacts: { role: "agent", restrictions: ["contacts"] },
    agent_contacts_self: { role: "agent", restrictions: ["contacts", "see_self"] },
    // The custom roles of global-setup.ts, as loadMember reads them.
    role_supervisor: custom("manager", "Reports supervisor", ["reports.view", "inbox.view"]),
    role_contacts_export: custom("agent", "Contacts and export", [
      "inbox.view",
      "contacts.view",
      "contacts.edit",
      "data.export",
    ]),
    role_mgr_no_users: custom("manager", "Manager without users", [
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
    ]),
  };

  it("has the four Manager restrictions and four Agent options of the SPEC", () => {
    expect([...MANAGER_RESTRICTIONS].sort()).toEqual([
      "no_contact_delete",
      "no_export",
      "no_integrations",
      "no_settings",
    ]);
    expect([...AGENT_OPTIONS].sort()).toEqual(["contacts", "no_snippets", "see_self", "see_team"]);
  });

  for (const [actor, access] of Object.entries(ACCESS) as [ActorKey, MemberAccess][]) {
    it(`${actor}: every capability`, () => {
      const wrong: string[] = [];
      for (const [cap, perms] of Object.entries(PERMS) as [Cap, Permission[]][]) {
        const want = CAPS[actor].includes(cap);
        for (const p of perms)
          if (can(access, p) !== want) wrong.push(`${p}: matrix says ${can(access, p)}, SPEC table says ${want}`);
      }
      if (canManageRole(access, "agent") !== CAPS[actor].includes("manageAgents")) wrong.push("canManageRole(agent)");
      for (const role of ["manager", "owner"] as const) {
        if (canManageRole(access, role) !== CAPS[actor].includes("manageAll")) wrong.push(`canManageRole(${role})`);
      }
      const visibility = contactVisibility(access);
      const handVisibility = scopeOf(actor);
      if (visibility !== handVisibility) wrong.push(`visibility: matrix ${visibility}, table ${handVisibility}`);
      if (firstModulePath(access) !== firstModule(actor))
        wrong.push(`first module: matrix ${firstModulePath(access)}, table ${firstModule(actor)}`);
      expect(wrong).toEqual([]);
    });
  }
});

describe.skipIf(!!ctx.skip)("access matrix over HTTP (next start)", () => {
  let handle: DbHandle;
  let manifest: ManifestAction[];
  let secrets: Secrets;
  const record = recorder(ctx.resultsDir ?? "", "access-matrix");

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    manifest = loadManifest(root, ctx.distDir);
    secrets = await loadSecrets(handle.db, ctx);
    await putAvatar(handle.db, ctx.actors.owner.userId);
  });
  afterAll(async () => {
    if (handle) {
      await restoreSupport(handle.db, ctx);
      await handle.close();
    }
  });

  it("has an input builder for every server action in the sources, and the build has them all", () => {
    const cases = new Set(ACTION_CASES.map((c) => `${c.file}#${c.exportName}`));
    const inSource = sourceActions(root).map((a) => `${a.file}#${a.exportName}`);
    const inBuild = new Set(manifest.map((a) => `${a.file}#${a.exportName}`));
    expect(
      inSource.filter((a) => !cases.has(a)),
      "actions with no case in action-cases.ts",
    ).toEqual([]);
    expect(
      inSource.filter((a) => !inBuild.has(a)),
      `actions missing from ${ctx.distDir} (stale build?)`,
    ).toEqual([]);
    expect(
      [...cases].filter((c) => !inSource.includes(c)),
      "cases for actions that no longer exist",
    ).toEqual([]);
  });

  for (const mode of MODES) {
    describe(`routes, ${mode} token`, () => {
      for (const actor of actorsFor(mode)) {
        it(actor, async () => {
          const cookie = await cookieFor(ctx, actor, mode);
          const failures: string[] = [];
          const routes = ROUTE_CASES.filter((r) => mode === "honest" || !r.redirectsOnly);
          const results = await pool(routes, 3, (route) =>
            checkRoute(ctx, route, actor, cookie, secretsFor(secrets, ctx, actor)),
          );
          results.forEach(({ pass, observed, expected }, i) => {
            const route = routes[i];
            record({
              group: "routes",
              mode,
              actor,
              target: route.key,
              expected: expected.startsWith("redirect:") ? "redirect" : expected,
              observed,
              pass,
            });
            if (!pass) failures.push(`${route.key}: expected ${expected}, got ${observed}`);
          });
          expect(failures).toEqual([]);
        });
      }
    });
  }

  for (const mode of MODES) {
    describe(`server actions, ${mode} token`, () => {
      for (const c of ACTION_CASES.filter((x) => mode === "honest" || !x.honestOnly)) {
        it(c.key, async () => {
          const failures: string[] = [];
          for (const actor of actorsFor(mode)) {
            const { pass, observed, expected } = await checkAction(handle.db, ctx, manifest, c, actor, { mode });
            record({ group: "actions", mode, actor, target: c.key, expected, observed, pass });
            if (!pass) failures.push(`${actor}: expected ${expected}, got ${observed}`);
          }
          expect(failures).toEqual([]);
        });
      }
    });
  }
});
