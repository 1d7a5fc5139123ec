import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/connect";
import { getSession } from "@/lib/auth/session";
import { cookies, headers } from "next/headers";
import { useTestDb } from "@/tests/helpers/db";
import { asUser, createUser, createWorkspace } from "@/tests/helpers/request";

const t = useTestDb();

// The harness itself: if these fail, every other db test proves nothing.
describe("test database harness", () => {
  it("registers the file's database for getDb() and it is migrated", async () => {
    expect(await getDb()).toBe(t.db);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kysely_migration`.execute(t.db);
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it("isolates tests: rows from one test are gone in the next (1/2)", async () => {
    await createWorkspace();
    const n = await t.db.selectFrom("organizations").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it("isolates tests: rows from one test are gone in the next (2/2)", async () => {
    const n = await t.db.selectFrom("organizations").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it("restarts identities on truncate", async () => {
    const row = await t.db
      .insertInto("mail_outbox")
      .values({ to_address: "a@example.com", subject: "s", text_body: "t", html_body: "h" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(Number(row.id)).toBe(1);
  });
});

describe("request harness", () => {
  it("starts signed out with default headers", async () => {
    expect(await getSession()).toBeNull();
    expect((await headers()).get("x-forwarded-for")).toBe("203.0.113.7");
  });

  it("asUser mirrors the users row and can sign out again", async () => {
    const user = await createUser({ name: "Ann", locale: "ar" });
    await asUser(user.id, { cookies: { locale: "ar" }, headers: { "x-forwarded-for": "198.51.100.1" } });
    expect(await getSession()).toMatchObject({ user: { id: user.id, email: user.email, name: "Ann", locale: "ar" } });
    expect((await cookies()).get("locale")?.value).toBe("ar");
    expect((await headers()).get("x-forwarded-for")).toBe("198.51.100.1");
    await asUser(null);
    expect(await getSession()).toBeNull();
  });
});
