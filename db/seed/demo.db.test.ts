import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDb } from "@/db/connect";
import { setupTestDb } from "@/tests/helpers/db";
import { createUser, createWorkspace } from "@/tests/helpers/fixtures";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { seedDemoIfEmpty, SUPERVISOR } from "./demo";

const t = setupTestDb();

const count = async (
  table: "organizations" | "workspaces" | "users" | "contacts" | "messages" | "conversations" | "snippets" | "teams",
) =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function workspaceId(name: string) {
  return (await t.db.selectFrom("workspaces").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
}

/** Everything the seed decides, minus generated ids and "now"-relative times. */
async function fingerprint() {
  const contacts = await t.db
    .selectFrom("contacts as c")
    .innerJoin("workspaces as w", "w.id", "c.workspace_id")
    .leftJoin("users as u", "u.id", "c.assignee_id")
    .select(["w.name as ws", "c.id", "c.name", "c.email", "c.phone", "u.email as assignee"])
    .orderBy("c.id")
    .execute();
  const messages = await t.db
    .selectFrom("messages as m")
    .leftJoin("users as u", "u.id", "m.author_id")
    .select(["m.contact_id", "m.direction", "m.body", "u.email as author"])
    .orderBy("m.contact_id")
    .orderBy("m.created_at")
    .execute();
  return JSON.stringify({ contacts, messages });
}

describe("seedDemoIfEmpty", () => {
  it("seeds the Acme organization with Support and Sales", async () => {
    const summary = await seedDemoIfEmpty(t.db);
    expect(summary).not.toBeNull();
    expect(await count("organizations")).toBe(1);
    const org = await t.db.selectFrom("organizations").select("name").executeTakeFirstOrThrow();
    expect(org.name).toBe("Acme");
    expect((await t.db.selectFrom("workspaces").select("name").orderBy("name").execute()).map((w) => w.name)).toEqual([
      "Sales",
      "Support",
    ]);
    expect(summary!.contacts).toBe(await count("contacts"));
    expect(summary!.messages).toBe(await count("messages"));
    expect(summary!.conversations).toBe(await count("conversations"));
  });

  it("has one custom role, Supervisor (Manager-based: dashboard, reports, inbox; no settings), held by one member", async () => {
    await seedDemoIfEmpty(t.db);
    const support = await workspaceId("Support");
    const roles = await t.db
      .selectFrom("workspace_roles")
      .select(["id", "workspace_id", "name", "base", "permissions"])
      .execute();
    expect(roles).toEqual([
      {
        id: expect.any(String),
        workspace_id: support,
        name: "Supervisor",
        base: "manager",
        permissions: ["dashboard.view", "reports.view", "inbox.view", "snippets.use", "account.edit"],
      },
    ]);
    const holders = await t.db
      .selectFrom("workspace_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["u.email", "m.role"])
      .where("m.role_id", "=", roles[0].id)
      .execute();
    expect(holders).toEqual([{ email: SUPERVISOR.holder, role: "manager" }]);
  });

  it("gives every demo account exactly its level and restrictions in Support", async () => {
    await seedDemoIfEmpty(t.db);
    const support = await workspaceId("Support");
    const rows = await t.db
      .selectFrom("workspace_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["u.email", "u.name", "u.email_verified", "m.role", "m.restrictions"])
      .where("m.workspace_id", "=", support)
      .execute();
    for (const account of DEMO_ACCOUNTS) {
      const row = rows.find((r) => r.email === account.email);
      expect(row, account.email).toBeDefined();
      expect({ role: row!.role, restrictions: row!.restrictions, name: row!.name }).toEqual({
        role: account.role,
        restrictions: account.restrictions,
        name: account.name,
      });
    }
    const users = await t.db.selectFrom("users").select(["email", "email_verified"]).execute();
    expect(users.every((u) => u.email_verified instanceof Date)).toBe(true);
  });

  it("makes the Owner org admin and Owner of both workspaces, with others in Sales too", async () => {
    await seedDemoIfEmpty(t.db);
    const owner = await t.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "owner@example.com")
      .executeTakeFirstOrThrow();
    const admins = await t.db
      .selectFrom("org_members as o")
      .innerJoin("users as u", "u.id", "o.user_id")
      .select("u.email")
      .where("o.is_admin", "=", true)
      .execute();
    expect(admins.map((a) => a.email)).toEqual(["owner@example.com"]);
    const ownerships = await t.db
      .selectFrom("workspace_members")
      .select("role")
      .where("user_id", "=", owner.id)
      .execute();
    expect(ownerships.map((m) => m.role)).toEqual(["owner", "owner"]);
    const sales = await t.db
      .selectFrom("workspace_members")
      .select("role")
      .where("workspace_id", "=", await workspaceId("Sales"))
      .execute();
    expect(sales.length).toBeGreaterThanOrEqual(3);
    // Every workspace member belongs to the organization.
    const orphans = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id
      WHERE NOT EXISTS (SELECT 1 FROM org_members o WHERE o.org_id = w.org_id AND o.user_id = m.user_id)`.execute(t.db);
    expect(orphans.rows[0].n).toBe(0);
  });

  it("creates about 300 + 40 contacts, ~60% assigned to agents and managers, with Arabic and English names", async () => {
    await seedDemoIfEmpty(t.db);
    for (const [name, expected] of [
      ["Support", 300],
      ["Sales", 40],
    ] as const) {
      const ws = await workspaceId(name);
      const rows = await t.db
        .selectFrom("contacts as c")
        .leftJoin("workspace_members as m", (j) =>
          j.onRef("m.workspace_id", "=", "c.workspace_id").onRef("m.user_id", "=", "c.assignee_id"),
        )
        .select(["c.name", "c.email", "c.assignee_id", "m.role"])
        .where("c.workspace_id", "=", ws)
        .execute();
      expect(rows.length, name).toBeGreaterThanOrEqual(expected * 0.9);
      expect(rows.length, name).toBeLessThanOrEqual(expected * 1.1);
      const assigned = rows.filter((r) => r.assignee_id);
      expect(assigned.length / rows.length, name).toBeGreaterThan(0.45);
      expect(assigned.length / rows.length, name).toBeLessThan(0.75);
      expect(
        assigned.every((r) => r.role === "agent" || r.role === "manager"),
        name,
      ).toBe(true);
      if (name === "Support") {
        expect(rows.filter((r) => /[\u0600-\u06FF]/.test(r.name)).length).toBeGreaterThan(50);
        expect(rows.filter((r) => /^[A-Za-z' -]+$/.test(r.name)).length).toBeGreaterThan(50);
        expect(new Set(rows.map((r) => r.name)).size).toBeGreaterThan(150);
        expect(
          rows.filter((r) => r.email).every((r) => r.email === r.email!.toLowerCase() && r.email!.includes("@")),
        ).toBe(true);
      }
    }
  });

  it("lets the see_team and see_self agents see contacts through their teams", async () => {
    await seedDemoIfEmpty(t.db);
    const support = await workspaceId("Support");
    for (const email of ["agent.team@example.com", "agent.nosnippets@example.com"]) {
      const { rows } = await sql<{ mates: number; mate_contacts: number }>`
        SELECT count(DISTINCT tm2.user_id)::int AS mates,
               (SELECT count(*)::int FROM contacts c WHERE c.workspace_id = ${support}
                  AND c.assignee_id IN (SELECT t2.user_id FROM team_members t1 JOIN team_members t2 ON t2.team_id = t1.team_id
                                        WHERE t1.user_id = u.id AND t2.user_id <> u.id)) AS mate_contacts
        FROM users u JOIN team_members tm ON tm.user_id = u.id JOIN team_members tm2 ON tm2.team_id = tm.team_id AND tm2.user_id <> u.id
        WHERE u.email = ${email} GROUP BY u.id`.execute(t.db);
      expect(rows[0]?.mates, email).toBeGreaterThanOrEqual(2);
      expect(rows[0]?.mate_contacts, email).toBeGreaterThan(10);
    }
    const self = await t.db
      .selectFrom("contacts as c")
      .innerJoin("users as u", "u.id", "c.assignee_id")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("u.email", "=", "agent.self@example.com")
      .executeTakeFirstOrThrow();
    expect(Number(self.n)).toBeGreaterThan(5);
    expect((await t.db.selectFrom("teams").select("name").orderBy("name").execute()).map((x) => x.name)).toEqual([
      "Tier 1",
      "VIP",
    ]);
  });

  it("writes conversations for about half the contacts, 2–6 messages each, authors on outbound only", async () => {
    await seedDemoIfEmpty(t.db);
    const contacts = await count("contacts");
    const conversations = await t.db
      .selectFrom("conversations")
      .select(["workspace_id", "contact_id", "status", "last_message_at"])
      .execute();
    expect(conversations.length / contacts).toBeGreaterThan(0.35);
    expect(conversations.length / contacts).toBeLessThan(0.65);
    expect(new Set(conversations.map((c) => c.status))).toEqual(new Set(["open", "closed"]));

    const perContact = await t.db
      .selectFrom("messages")
      .select(["contact_id", (eb) => eb.fn.countAll<string>().as("n"), (eb) => eb.fn.max("created_at").as("last")])
      .groupBy("contact_id")
      .execute();
    expect(perContact.length).toBe(conversations.length);
    expect(perContact.every((m) => Number(m.n) >= 2 && Number(m.n) <= 6)).toBe(true);
    const last = new Map(perContact.map((m) => [m.contact_id, new Date(m.last as Date).getTime()]));
    expect(conversations.every((c) => last.get(c.contact_id) === c.last_message_at.getTime())).toBe(true);

    const { rows } = await sql<{ bad_out: number; bad_in: number; non_member_author: number; future: number }>`
      SELECT count(*) FILTER (WHERE direction = 'out' AND author_id IS NULL)::int AS bad_out,
             count(*) FILTER (WHERE direction = 'in' AND author_id IS NOT NULL)::int AS bad_in,
             count(*) FILTER (WHERE author_id IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM workspace_members wm WHERE wm.workspace_id = messages.workspace_id AND wm.user_id = messages.author_id))::int AS non_member_author,
             count(*) FILTER (WHERE created_at > now())::int AS future
      FROM messages`.execute(t.db);
    expect(rows[0]).toEqual({ bad_out: 0, bad_in: 0, non_member_author: 0, future: 0 });
  });

  it("adds five snippets per workspace, some in Arabic, and varied last-active times with one Never", async () => {
    await seedDemoIfEmpty(t.db);
    for (const name of ["Support", "Sales"]) {
      const snippets = await t.db
        .selectFrom("snippets")
        .select(["name", "body"])
        .where("workspace_id", "=", await workspaceId(name))
        .execute();
      expect(snippets, name).toHaveLength(5);
      expect(
        snippets.some((s) => /[\u0600-\u06FF]/.test(s.body)),
        name,
      ).toBe(true);
    }
    const members = await t.db
      .selectFrom("workspace_members")
      .select("last_active_at")
      .where("workspace_id", "=", await workspaceId("Support"))
      .execute();
    const never = members.filter((m) => m.last_active_at === null);
    expect(never.length).toBeGreaterThanOrEqual(1);
    const ages = members.filter((m) => m.last_active_at).map((m) => Date.now() - m.last_active_at!.getTime());
    expect(ages.every((a) => a >= 0)).toBe(true);
    expect(ages.some((a) => a < 3600_000)).toBe(true); // minutes ago
    expect(ages.some((a) => a > 86_400_000)).toBe(true); // days ago
  });

  it("is deterministic", async () => {
    await seedDemoIfEmpty(t.db);
    const first = await fingerprint();
    await t.db.deleteFrom("organizations").execute();
    await t.db.deleteFrom("users").execute();
    expect(await count("contacts")).toBe(0);
    await seedDemoIfEmpty(t.db);
    expect(await fingerprint()).toBe(first);
  });

  it("does nothing a second time", async () => {
    expect(await seedDemoIfEmpty(t.db)).not.toBeNull();
    const before = await Promise.all([
      count("users"),
      count("contacts"),
      count("messages"),
      count("snippets"),
      count("teams"),
    ]);
    expect(await seedDemoIfEmpty(t.db)).toBeNull();
    expect(
      await Promise.all([count("users"), count("contacts"), count("messages"), count("snippets"), count("teams")]),
    ).toEqual(before);
  });

  it("does nothing when any organization exists", async () => {
    await createWorkspace({ orgName: "Real Co" });
    expect(await seedDemoIfEmpty(t.db)).toBeNull();
    expect(await count("organizations")).toBe(1);
    expect(await count("contacts")).toBe(0);
  });

  it("keeps a user who signed in before the seed ran", async () => {
    const early = await createUser({ email: "owner@example.com", name: null, verified: false });
    await seedDemoIfEmpty(t.db);
    const row = await t.db
      .selectFrom("users")
      .select(["id", "name", "email_verified"])
      .where("email", "=", "owner@example.com")
      .executeTakeFirstOrThrow();
    expect(row.id).toBe(early.id);
    expect(row.name).toBe("Olivia Owner");
    expect(row.email_verified).toBeInstanceOf(Date);
  });

  it("seeds once when two processes start at the same moment", async () => {
    const other = t.config.kind === "pg" ? await openDb(t.config) : null;
    try {
      const results = await Promise.all([seedDemoIfEmpty(t.db), seedDemoIfEmpty(other?.db ?? t.db)]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(await count("organizations")).toBe(1);
    } finally {
      await other?.close();
    }
  });

  it("rolls everything back if any part fails", async () => {
    // Make the seed's late insert into snippets fail: the one transaction must leave no
    // organization, user or contact behind.
    await sql`ALTER TABLE snippets ADD CONSTRAINT test_no_snippets CHECK (false) NOT VALID`.execute(t.db);
    try {
      await expect(seedDemoIfEmpty(t.db)).rejects.toThrow();
      expect(await count("organizations")).toBe(0);
      expect(await count("contacts")).toBe(0);
      expect(await count("users")).toBe(0);
    } finally {
      await sql`ALTER TABLE snippets DROP CONSTRAINT test_no_snippets`.execute(t.db);
    }
  });
});
