// The finer rules of Reports, Settings (General, Teams, Snippets, Webhooks) and Organization
// settings: field errors, tenant scope, counts, pagination, seats, and one-transaction writes.
import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { renameWorkspaceAction } from "@/app/w/[workspaceId]/settings/general/actions";
import {
  addTeamMemberAction,
  createTeamAction,
  renameTeamAction,
  teamCandidatesAction,
} from "@/app/w/[workspaceId]/settings/teams/actions";
import {
  createSnippetAction,
  updateSnippetAction,
  deleteSnippetAction,
} from "@/app/w/[workspaceId]/settings/snippets/actions";
import {
  createWebhookAction,
  deleteWebhookAction,
  rotateWebhookSecretAction,
} from "@/app/w/[workspaceId]/settings/integrations/actions";
import { createWorkspaceAction } from "@/app/org/[orgId]/settings/workspaces/actions";
import { billingSummary, createOrgWorkspace, listOrgUsers } from "@/lib/services/org";
import { usersReport, usersReportTotals } from "@/lib/services/reports";
import { listWebhooks } from "@/lib/services/webhook-endpoints";
// Aliased: the rules-of-hooks lint reads any use* call as a React hook.
import { setupTestDb as openTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace, uniqueEmail } from "@/tests/helpers/request";
import { insertContacts, insertInvitation, insertTeam, snapshot } from "../users/support";

vi.mock("@/lib/services/webhooks", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  kickWebhooks: vi.fn(),
}));

const t = openTestDb();
const unchanged = () => snapshot(t.db, { ignoreActivity: true });

async function message(
  workspaceId: string,
  contactId: string,
  authorId: string | null,
  direction: "in" | "out",
  daysAgo = 0,
) {
  await t.db
    .insertInto("messages")
    .values({
      workspace_id: workspaceId,
      contact_id: contactId,
      author_id: authorId,
      direction,
      body: "x",
      created_at: new Date(Date.now() - daysAgo * 86_400_000),
    })
    .execute();
}

describe("Users report", () => {
  it("counts assigned contacts, messages sent in the last 7 days, last active and online, per member and workspace only", async () => {
    const ws = await createWorkspace({ name: "Reports" });
    const other = await createWorkspace({ name: "Other" });
    const agent = await createUser({ name: "Amal Agent" });
    const idle = await createUser({ name: "Idle Ivan" });
    await addMember(ws, agent, "agent");
    await addMember(ws, idle, "agent");
    await addMember(other, agent, "agent");
    const [c1] = await insertContacts(t.db, ws.workspaceId, agent.id, 3);
    const [o1] = await insertContacts(t.db, other.workspaceId, agent.id, 5);
    await message(ws.workspaceId, c1, agent.id, "out");
    await message(ws.workspaceId, c1, agent.id, "out", 6);
    await message(ws.workspaceId, c1, agent.id, "out", 8); // older than 7 days
    await message(ws.workspaceId, c1, agent.id, "in"); // incoming is not "sent"
    await message(ws.workspaceId, c1, null, "out");
    await message(other.workspaceId, o1, agent.id, "out"); // another workspace
    await t.db
      .updateTable("workspace_members")
      .set({ last_active_at: new Date(Date.now() - 3600_000) })
      .where("workspace_id", "=", ws.workspaceId)
      .where("user_id", "=", agent.id)
      .execute();
    await t.db.insertInto("presence").values({ user_id: agent.id, last_seen_at: new Date() }).execute();
    await t.db
      .insertInto("presence")
      .values({ user_id: idle.id, last_seen_at: new Date(Date.now() - 5 * 60_000) })
      .execute();

    const { rows, nextCursor } = await usersReport(t.db, ws.workspaceId, { limit: 50 });
    expect(nextCursor).toBeNull();
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(["Amal Agent", "Idle Ivan", expect.stringMatching(/^Test User/)].sort());
    expect(byName["Amal Agent"]).toMatchObject({ role: "agent", assignedContacts: 3, messagesSent7d: 2, online: true });
    expect(byName["Amal Agent"].lastActiveAt).toBeInstanceOf(Date);
    expect(byName["Idle Ivan"]).toMatchObject({
      assignedContacts: 0,
      messagesSent7d: 0,
      online: false,
      lastActiveAt: null,
    });

    expect(await usersReportTotals(t.db, ws.workspaceId)).toMatchObject({
      members: 3,
      online: 1,
      assignedContacts: 3,
      messagesSent7d: 2,
    });
  });

  it("pages with a keyset cursor and filters by name or email on the server", async () => {
    const ws = await createWorkspace({ name: "Many" });
    const names = ["Bea", "Cal", "Dan", "Eve", "Fay", "Gus", "Hal"];
    for (const name of names) await addMember(ws, await createUser({ name }), "agent");
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await usersReport(t.db, ws.workspaceId, { limit: 3, cursor });
      seen.push(...page.rows.map((r) => r.name ?? r.email));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.filter((n) => names.includes(n))).toEqual(names);
    expect(seen).toHaveLength(names.length + 1);
    expect((await usersReport(t.db, ws.workspaceId, { limit: 50, q: "ev" })).rows.map((r) => r.name)).toEqual(["Eve"]);
    expect((await usersReport(t.db, ws.workspaceId, { limit: 50, q: "%" })).rows).toEqual([]);
    // A forged cursor is ignored, not an error.
    expect((await usersReport(t.db, ws.workspaceId, { limit: 3, cursor: "garbage" })).rows).toHaveLength(3);
  });
});

describe("Settings → General", () => {
  it("validates the name (1–120, trimmed) as field errors and audits a rename", async () => {
    const ws = await createWorkspace({ name: "Before" });
    await asUser(ws.ownerId, { headers: { "x-switchboard-peer": "198.51.100.4" } });
    const before = await unchanged();
    expect(await renameWorkspaceAction(ws.workspaceId, { name: "  " })).toMatchObject({
      ok: false,
      code: "invalidInput",
      fieldErrors: { name: "Enter a name." },
    });
    expect(await renameWorkspaceAction(ws.workspaceId, { name: "x".repeat(121) })).toMatchObject({
      ok: false,
      fieldErrors: { name: "Use at most 120 characters." },
    });
    expect(await unchanged()).toEqual(before);
    expect(await renameWorkspaceAction(ws.workspaceId, { name: "دعم العملاء" })).toMatchObject({
      ok: true,
      data: { name: "دعم العملاء" },
    });
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "workspace.renamed")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      workspace_id: ws.workspaceId,
      actor_id: ws.ownerId,
      before: { name: "Before" },
      after: { name: "دعم العملاء" },
      ip: "198.51.100.4",
    });
  });
});

describe("Settings → Teams", () => {
  it("refuses a duplicate name as a field error, and teams, members and people of other workspaces", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const outsider = await createUser();
    const otherTeam = await insertTeam(t.db, other.workspaceId, "Elsewhere", []);
    const team = await insertTeam(t.db, ws.workspaceId, "Support", []);
    await insertTeam(t.db, ws.workspaceId, "Sales", []);
    await asUser(ws.ownerId);
    const before = await unchanged();
    const taken = { ok: false, code: "conflict", fieldErrors: { name: "A team with this name already exists." } };
    expect(await createTeamAction(ws.workspaceId, { name: "Support" })).toMatchObject(taken);
    expect(await renameTeamAction(ws.workspaceId, { teamId: team, name: "Sales" })).toMatchObject(taken);
    expect(await createTeamAction(ws.workspaceId, { name: "x".repeat(81) })).toMatchObject({
      fieldErrors: { name: "Use at most 80 characters." },
    });
    expect(await renameTeamAction(ws.workspaceId, { teamId: otherTeam, name: "Mine now" })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    expect(await addTeamMemberAction(ws.workspaceId, { teamId: otherTeam, userId: ws.ownerId })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    expect(await addTeamMemberAction(ws.workspaceId, { teamId: team, userId: outsider.id })).toMatchObject({
      ok: false,
      code: "notFound",
      fieldErrors: { userId: "Choose a member of this workspace." },
    });
    expect(await addTeamMemberAction(ws.workspaceId, { teamId: team, userId: other.ownerId })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    expect(await teamCandidatesAction(ws.workspaceId, { teamId: team, q: "" })).toMatchObject({
      ok: true,
      data: [{ userId: ws.ownerId }],
    });
    expect(await unchanged()).toEqual(before);
    // Adding twice is harmless.
    expect((await addTeamMemberAction(ws.workspaceId, { teamId: team, userId: ws.ownerId })).ok).toBe(true);
    expect((await addTeamMemberAction(ws.workspaceId, { teamId: team, userId: ws.ownerId })).ok).toBe(true);
    expect(await t.db.selectFrom("team_members").selectAll().where("team_id", "=", team).execute()).toEqual([
      { team_id: team, workspace_id: ws.workspaceId, user_id: ws.ownerId },
    ]);
  });
});

describe("Settings → Snippets", () => {
  it("keeps names unique per workspace (field error) and other workspaces' snippets out of reach", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await t.db
      .insertInto("snippets")
      .values({ workspace_id: other.workspaceId, name: "Hello", body: "theirs" })
      .execute();
    const theirs = await t.db
      .selectFrom("snippets")
      .select("id")
      .where("workspace_id", "=", other.workspaceId)
      .executeTakeFirstOrThrow();
    await asUser(ws.ownerId);
    // The same name in another workspace is fine.
    const first = await createSnippetAction(ws.workspaceId, { name: "Hello", body: "ours" });
    expect(first.ok).toBe(true);
    const second = await createSnippetAction(ws.workspaceId, { name: "Bye", body: "ours" });
    const before = await unchanged();
    expect(await createSnippetAction(ws.workspaceId, { name: "Hello", body: "again" })).toMatchObject({
      ok: false,
      code: "conflict",
      fieldErrors: { name: "A snippet with this name already exists." },
    });
    if (!second.ok) throw new Error("setup");
    expect(
      await updateSnippetAction(ws.workspaceId, { snippetId: second.data.id, name: "Hello", body: "x" }),
    ).toMatchObject({
      fieldErrors: { name: "A snippet with this name already exists." },
    });
    expect(await createSnippetAction(ws.workspaceId, { name: "Long", body: "x".repeat(5001) })).toMatchObject({
      fieldErrors: { body: "Use at most 5,000 characters." },
    });
    expect(await createSnippetAction(ws.workspaceId, { name: "Empty", body: "   " })).toMatchObject({
      fieldErrors: { body: "Enter the text." },
    });
    expect(await updateSnippetAction(ws.workspaceId, { snippetId: theirs.id, name: "Mine", body: "x" })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    expect(await deleteSnippetAction(ws.workspaceId, { snippetId: theirs.id })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    expect(await unchanged()).toEqual(before);
  });
});

describe("Settings → Integrations", () => {
  it("needs at least one event, defaults to the five, caps the endpoints, and never lists the secret", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await asUser(ws.ownerId);
    expect(await createWebhookAction(ws.workspaceId, { url: "https://a.example.com/h", events: [] })).toMatchObject({
      ok: false,
      fieldErrors: { events: "Choose at least one event." },
    });
    expect(await createWebhookAction(ws.workspaceId, { url: "", events: ["member.joined"] })).toMatchObject({
      fieldErrors: { url: "Enter a full https:// address." },
    });
    expect(
      await createWebhookAction(ws.workspaceId, { url: "https://a.example.com/h", events: ["member.nope"] }),
    ).toMatchObject({ ok: false, code: "invalidInput" });
    const events = ["member.invited", "member.joined", "member.updated", "member.revoked", "invitation.cancelled"];
    const created = await createWebhookAction(ws.workspaceId, {
      url: "https://a.example.com/h",
      events: [...events].reverse(),
    });
    expect(created).toMatchObject({ ok: true });
    const listed = await listWebhooks(t.db, ws.workspaceId);
    expect(listed[0].events).toEqual(events);
    expect(JSON.stringify(listed)).not.toContain("whsec_");
    // Ten endpoints per workspace.
    for (let i = 1; i < 10; i++)
      expect(
        (await createWebhookAction(ws.workspaceId, { url: `https://a.example.com/h${i}`, events: ["member.joined"] }))
          .ok,
      ).toBe(true);
    expect(
      await createWebhookAction(ws.workspaceId, {
        url: "https://a.example.com/one-too-many",
        events: ["member.joined"],
      }),
    ).toMatchObject({ ok: false, code: "conflict" });
    // Another workspace's endpoint is out of reach.
    const theirs = await t.db
      .insertInto("webhooks")
      .values({ workspace_id: other.workspaceId, url: "https://b.example.com", secret: "whsec_theirs" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await rotateWebhookSecretAction(ws.workspaceId, { webhookId: theirs.id })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    expect(await deleteWebhookAction(ws.workspaceId, { webhookId: theirs.id })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    expect(
      await t.db.selectFrom("webhooks").select("secret").where("id", "=", theirs.id).executeTakeFirstOrThrow(),
    ).toEqual({ secret: "whsec_theirs" });
  });
});

describe("Organization settings", () => {
  it("lists everyone in the organization with their workspaces and levels, and counts seats once per person", async () => {
    const ws = await createWorkspace({ name: "Support", orgName: "Acme" });
    const sales = await t.db
      .insertInto("workspaces")
      .values({ org_id: ws.orgId, name: "Sales" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const both = await createUser({ name: "Both Places" });
    await addMember(ws, both, "manager", ["no_export"]);
    await addMember(sales.id, both, "agent");
    const orgOnly = await createUser({ name: "Org Only" });
    await t.db.insertInto("org_members").values({ org_id: ws.orgId, user_id: orgOnly.id, is_admin: false }).execute();
    await insertInvitation(t.db, { workspaceId: ws.workspaceId, email: uniqueEmail("pending"), invitedBy: ws.ownerId });
    const stranger = await createWorkspace({ orgName: "Other org" }); // not counted

    const { rows } = await listOrgUsers(t.db, ws.orgId, { limit: 50 });
    expect(rows.map((r) => r.name)).toEqual(["Both Places", "Org Only", expect.stringMatching(/^Test User/)]);
    expect(rows[0].workspaces).toEqual([
      { id: sales.id, name: "Sales", role: "agent", roleName: null },
      { id: ws.workspaceId, name: "Support", role: "manager", roleName: null },
    ]);
    expect(rows[1]).toMatchObject({ isAdmin: false, workspaces: [] });
    expect(rows[2]).toMatchObject({ userId: ws.ownerId, isAdmin: true });
    expect(rows.map((r) => r.userId)).not.toContain(stranger.ownerId);

    expect(await billingSummary(t.db, ws.orgId)).toEqual({
      orgName: "Acme",
      plan: "free",
      seatLimit: 25,
      seatsUsed: 2,
      workspaces: 2,
    });
  });

  it("creates a workspace in one transaction: nothing remains when a later write fails", async () => {
    const ws = await createWorkspace();
    await sql`ALTER TABLE audit_log ADD CONSTRAINT test_no_audit CHECK (false) NOT VALID`.execute(t.db);
    try {
      await expect(createOrgWorkspace(t.db, { userId: ws.ownerId, orgId: ws.orgId }, "Doomed")).rejects.toMatchObject({
        code: "23514",
      });
    } finally {
      await sql`ALTER TABLE audit_log DROP CONSTRAINT test_no_audit`.execute(t.db);
    }
    expect(await t.db.selectFrom("workspaces").select("name").where("org_id", "=", ws.orgId).execute()).toEqual([
      { name: "Test Workspace" },
    ]);
  });

  it("re-checks the admin flag inside the transaction", async () => {
    const ws = await createWorkspace();
    await t.db.updateTable("org_members").set({ is_admin: false }).where("user_id", "=", ws.ownerId).execute();
    await expect(createOrgWorkspace(t.db, { userId: ws.ownerId, orgId: ws.orgId }, "Sneaky")).rejects.toMatchObject({
      code: "forbidden",
    });
    await asUser(ws.ownerId);
    expect(await createWorkspaceAction(ws.orgId, { name: "Sneaky" })).toMatchObject({ ok: false, code: "forbidden" });
  });
});
