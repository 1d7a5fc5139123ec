import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/connect";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { getSession } from "@/lib/auth/session";
import { cookies, headers } from "next/headers";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace, navigation } from "@/tests/helpers/request";

const t = setupTestDb();

// The harness itself: if these fail, every other db test proves nothing.
describe("test database harness", () => {
  it("registers the file's database for getDb() and it is migrated", async () => {
    expect(await getDb()).toBe(t.db);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kysely_migration`.execute(t.db);
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it("isolates tests: rows from one test are gone in the next (1/2)", async () => {
    await seedDemoIfEmpty(t.db);
    await t.db
      .insertInto("mail_queue")
      .values(
        [1, 2].map(() => ({
          to_address: "a@example.com",
          subject: "s",
          text_body: "t",
          html_body: "h",
          kind: "signin" as const,
        })),
      )
      .execute();
    await t.db.insertInto("rate_limits").values({ key: "k", window_start: new Date() }).execute();
    await t.db.insertInto("audit_log").values({ workspace_id: null, actor_id: null, action: "test" }).execute();
    const n = await t.db
      .selectFrom("contacts")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThan(0);
  });

  it("isolates tests: rows from one test are gone in the next (2/2)", async () => {
    const { rows } = await sql<{ tablename: string }>`
      SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'kysely%'`.execute(
      t.db,
    );
    expect(rows.length).toBeGreaterThan(15);
    const nonEmpty: string[] = [];
    for (const { tablename } of rows) {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(tablename)}`.execute(t.db);
      if (r.rows[0].n > 0) nonEmpty.push(tablename);
    }
    expect(nonEmpty).toEqual([]);
  });

  it("restarts identities between tests", async () => {
    const row = await t.db
      .insertInto("mail_queue")
      .values({ to_address: "a@example.com", subject: "s", text_body: "t", html_body: "h", kind: "signin" as const })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(Number(row.id)).toBe(1);
  });
});

describe("request harness", () => {
  it("starts signed out with default headers", async () => {
    expect(await getSession()).toBeNull();
    expect((await headers()).get("x-switchboard-peer")).toBe("203.0.113.7");
  });

  it("asUser mirrors the users row and can sign out again", async () => {
    const user = await createUser({ name: "Ann", locale: "ar" });
    await asUser(user.id, { cookies: { locale: "ar" }, headers: { "x-switchboard-peer": "198.51.100.1" } });
    expect(await getSession()).toMatchObject({ user: { id: user.id, email: user.email, name: "Ann", locale: "ar" } });
    expect((await cookies()).get("locale")?.value).toBe("ar");
    expect((await headers()).get("x-switchboard-peer")).toBe("198.51.100.1");
    await asUser(null);
    expect(await getSession()).toBeNull();
  });
});

describe("navigation()", () => {
  it("reports how a guard ended", async () => {
    const { requireMember } = await import("@/lib/access/guard");
    const ws = await createWorkspace();
    expect(await navigation(requireMember(ws.workspaceId, [], `/w/${ws.workspaceId}`))).toEqual({
      redirect: `/signin?callbackUrl=${encodeURIComponent(`/w/${ws.workspaceId}`)}`,
    });
    await asUser((await createUser()).id);
    expect(await navigation(requireMember(ws.workspaceId))).toEqual({ status: 404 });
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    await asUser(agent.id);
    expect(await navigation(requireMember(ws.workspaceId, ["dashboard.view"]))).toEqual({ status: 403 });
    expect(await navigation(requireMember(ws.workspaceId, ["inbox.view"]))).toMatchObject({
      value: { userId: agent.id, role: "agent" },
    });
  });
});
