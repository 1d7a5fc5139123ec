import fc from "fast-check";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { loadClaims } from "@/lib/auth/load-claims";
import { authorize } from "@/lib/access/guard";
import { gate } from "@/lib/access/edge-gate";
import {
  AGENT_OPTIONS,
  MANAGER_RESTRICTIONS,
  PERMISSIONS,
  ROLES,
  VISIBILITIES,
  can,
  cleanRestrictions,
  contactVisibility,
  routePermissions,
  type Permission,
  type Role,
} from "@/lib/access/matrix";
import { loadMember } from "@/lib/access/member";
import { memberVisibilitySql, reachesContactsSql } from "@/lib/access/visibility";
import { listContacts } from "@/lib/services/contacts";
import { contactAudience } from "@/lib/services/contact-audience";
import {
  contactAudienceAction,
  deleteContactAction,
  searchContactAssignees,
} from "@/app/w/[workspaceId]/contacts/actions";
import { GET as exportContacts } from "@/app/w/[workspaceId]/contacts/export/route";
import { loadSnippetsAction, searchInboxAssignees } from "@/app/w/[workspaceId]/inbox/actions";
import { deleteWebhookAction } from "@/app/w/[workspaceId]/settings/integrations/actions";
import { teamCandidatesAction } from "@/app/w/[workspaceId]/settings/teams/actions";
import { explainAccessAction, getRevokeInfo } from "@/app/w/[workspaceId]/settings/users/actions";
import { setupTestDb } from "@/tests/helpers/db";
import { addCustomRole, addMember, createUser, createWorkspace } from "@/tests/helpers/fixtures";
import { asUser } from "@/tests/helpers/request";
import type { ActionResult } from "@/lib/actions/result";

// Every layer answers what can() answers, for random custom roles and restriction sets (docs/PERMISSIONS.md,
// Enforcement, layer by layer): the edge gate on a token from loadClaims, the page guard for each workspace
// route, the action wrapper (a representative action per permission), and the SQL visibility.

const t = setupTestDb();
const RUNS = Number(process.env.LAYERS_RUNS) || 40;
const NONE = "00000000-0000-4000-8000-000000000000";

const PATHS = [
  "",
  "dashboard",
  "inbox",
  "contacts",
  "contacts/export",
  "reports",
  "settings",
  "settings/users",
  "settings/users/export",
  "settings/teams",
];

type Call = (ws: string, ownerId: string) => Promise<ActionResult<unknown>>;
/**
 * One action per permission that has one, called as the browser would. The wrapper refuses with `forbidden`
 * exactly when can() is false; allowed, the handler answers (ok, or notFound for the made-up id). Permissions
 * without a workspace action (dashboard, reports: pages only; audit.view: the Users page; account.edit: a user
 * action) are covered by the page guard above.
 */
const ACTIONS: [Permission | Permission[], Call, ((role: Role) => boolean)?][] = [
  ["inbox.view", (ws) => searchInboxAssignees(ws, { q: "" })],
  // The snippets list is for the inbox composer: it takes both.
  [["inbox.view", "snippets.use"], (ws) => loadSnippetsAction(ws, {})],
  // The handler itself refuses an Agent-like viewer: who-can-see is for Owners and Managers.
  ["contacts.view", (ws) => contactAudienceAction(ws, { contactId: NONE }), (role) => role !== "agent"],
  ["contacts.edit", (ws) => searchContactAssignees(ws, { q: "" })],
  ["contacts.delete", (ws) => deleteContactAction(ws, { contactId: NONE })],
  ["settings.view", (ws, owner) => explainAccessAction(ws, { userId: owner })],
  ["settings.manage", (ws) => teamCandidatesAction(ws, { teamId: NONE, q: "" })],
  ["integrations.manage", (ws) => deleteWebhookAction(ws, { webhookId: NONE })],
  ["users.manage", (ws) => getRevokeInfo(ws, { userId: NONE, q: "" })],
];

const RESTRICTIONS = [...MANAGER_RESTRICTIONS, ...AGENT_OPTIONS];
const memberArb = fc.record({
  role: fc.constantFrom(...ROLES),
  restrictions: fc.subarray(RESTRICTIONS),
  custom: fc.option(
    fc.record({ permissions: fc.subarray([...PERMISSIONS]), visibility: fc.constantFrom(...VISIBILITIES) }),
    { freq: 4 },
  ),
});

describe("edge gate, page guard, action wrapper and SQL visibility agree with can()", () => {
  it(`${RUNS} random members`, { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(memberArb, async (arb) => {
        const db = t.db;
        const ws = await createWorkspace({ name: "Layers" });
        const user = await createUser({ name: "Subject" });
        const mate = await createUser({ name: "Mate" });
        const stranger = await createUser({ name: "Stranger" });
        const roleId = arb.custom
          ? await addCustomRole(ws, { name: "Random", base: arb.role, ...arb.custom })
          : undefined;
        // Stored as the app stores them (the table refuses a restriction not valid for the level).
        const restrictions = cleanRestrictions(arb.role, arb.restrictions, Boolean(roleId));
        await addMember(ws, user, arb.role, restrictions, undefined, { roleId });
        await addMember(ws, mate, "agent");
        await addMember(ws, stranger, "agent");
        const team = await db
          .insertInto("teams")
          .values({ workspace_id: ws.workspaceId, name: "T" })
          .returning("id")
          .executeTakeFirstOrThrow();
        await db
          .insertInto("team_members")
          .values([user, mate].map((u) => ({ team_id: team.id, workspace_id: ws.workspaceId, user_id: u.id })))
          .execute();
        const assignees = { own: user.id, mate: mate.id, stranger: stranger.id, owner: ws.ownerId, none: null };
        const ids: Record<string, string> = {};
        for (const [key, assignee] of Object.entries(assignees)) {
          const row = await db
            .insertInto("contacts")
            .values({ workspace_id: ws.workspaceId, name: `C ${key}`, assignee_id: assignee })
            .returning("id")
            .executeTakeFirstOrThrow();
          ids[key] = row.id;
        }

        const member = (await loadMember(db, ws.workspaceId, user.id))!;
        const label = JSON.stringify(arb);

        // Edge gate, on the token the app would mint now.
        const token = { ...(await loadClaims(db, user.id))!, cat: Math.floor(Date.now() / 1000) };
        // Page guard.
        await asUser(user.id);
        for (const path of PATHS) {
          const allowed = routePermissions(path).every((p) => can(member, p));
          expect(gate(`/w/${ws.workspaceId}/${path}`, token), `${label} edge ${path}`).toBe(
            allowed ? "pass" : "forbidden",
          );
          const decision = await authorize(ws.workspaceId, routePermissions(path));
          expect(decision.ok ? "ok" : decision.status, `${label} guard ${path}`).toBe(allowed ? "ok" : 403);
        }

        // Action wrapper.
        for (const [permission, call, extra] of ACTIONS) {
          const result = await call(ws.workspaceId, ws.ownerId);
          const allowed = [permission].flat().every((p) => can(member, p)) && (extra?.(member.role) ?? true);
          const refused = !result.ok && result.code === "forbidden";
          expect(refused, `${label} action for ${permission}: ${JSON.stringify(result)}`).toBe(!allowed);
        }
        // The contacts export route: contacts.view and data.export.
        const csv = await exportContacts(new Request(`http://localhost/w/${ws.workspaceId}/contacts/export`), {
          params: Promise.resolve({ workspaceId: ws.workspaceId }),
        });
        await csv.body?.cancel();
        expect(csv.status, `${label} export`).toBe(
          can(member, "contacts.view") && can(member, "data.export") ? 200 : 403,
        );

        // SQL visibility: what the member's lists show is what contactVisibility() says.
        const visibility = contactVisibility(member);
        const expected = Object.keys(assignees)
          .filter((k) =>
            visibility === "all" ? true : visibility === "self" ? k === "own" : k === "own" || k === "mate",
          )
          .map((k) => ids[k])
          .sort();
        const listed = await listContacts(db, member, { limit: 50 });
        expect(listed.rows.map((r) => r.id).sort(), `${label} visible contacts (${visibility})`).toEqual(expected);

        // The member row's visibility and reach computed in SQL, as who-can-see reads them.
        const row = await db
          .selectFrom("workspace_members as m")
          .leftJoin("workspace_roles as cr", (j) =>
            j.onRef("cr.workspace_id", "=", "m.workspace_id").onRef("cr.id", "=", "m.role_id"),
          )
          .select([memberVisibilitySql("m", "cr").as("visibility"), reachesContactsSql("m", "cr").as("reaches")])
          .where("m.workspace_id", "=", ws.workspaceId)
          .where("m.user_id", "=", user.id)
          .executeTakeFirstOrThrow();
        expect(row.visibility, `${label} SQL visibility`).toBe(visibility);
        const reaches = can(member, "inbox.view") || can(member, "contacts.view");
        expect(row.reaches, `${label} SQL reach`).toBe(reaches);

        // Who can see each contact lists the member exactly for the contacts above (when they reach contacts).
        const owner = (await loadMember(db, ws.workspaceId, ws.ownerId))!;
        for (const [key, id] of Object.entries(ids)) {
          const audience = await contactAudience(db, owner, id);
          expect(
            audience.people.some((p) => p.userId === user.id),
            `${label} who-can-see ${key}`,
          ).toBe(reaches && expected.includes(id));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("the planner folds the literal visibility away: a limited Agent's list reads by assignee", async () => {
    // contactVisible passes the member's visibility as a literal; the comparisons with it fold, so the
    // 'self' query is the plain `assignee_id = …` one (no team subquery left in the plan).
    const ws = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent", ["see_self", "contacts"]);
    const member = (await loadMember(t.db, ws.workspaceId, agent.id))!;
    const { contactVisible } = await import("@/lib/access/visibility");
    const query = t.db.selectFrom("contacts as c").select("c.id").where(contactVisible(member, "c")).compile();
    const plan = await sql
      .raw<{ "QUERY PLAN": string }>(
        `EXPLAIN ${query.sql.replace(/\$(\d+)/g, (_, n) => `'${String(query.parameters[Number(n) - 1])}'`)}`,
      )
      .execute(t.db);
    const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).not.toMatch(/team_members|SubPlan/);
    expect(text).toMatch(/assignee_id/);
  });
});
