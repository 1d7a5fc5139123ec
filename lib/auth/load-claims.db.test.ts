import { describe, expect, it } from "vitest";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, createUser, createWorkspace } from "@/tests/helpers/fixtures";
import { encode } from "./jwt";
import { loadClaims, MAX_ADMIN_ORG_CLAIMS, MAX_WORKSPACE_CLAIMS } from "./load-claims";
import { PERMISSION_SET_VERSION, permissionBits, type Role } from "@/lib/access/matrix";

const bits = (role: Role, restrictions: string[]) => permissionBits({ role, restrictions });

const t = setupTestDb();

describe("loadClaims", () => {
  it("mirrors every membership, its version and the org-admin flags", async () => {
    const user = await createUser({ locale: "ar", name: "ليلى" });
    const owned = await createWorkspace({ owner: user });
    const other = await createWorkspace();
    await addMember(other, user, "agent", ["see_team", "contacts"]);
    const before = Math.floor(Date.now() / 1000);

    const claims = await loadClaims(t.db, user.id);

    expect(claims).toEqual({
      uid: user.id,
      name: "ليلى",
      loc: "ar",
      ws: {
        [owned.workspaceId]: { r: "owner", x: [], v: 1, p: bits("owner", []) },
        [other.workspaceId]: {
          r: "agent",
          x: ["see_team", "contacts"],
          v: 1,
          p: bits("agent", ["see_team", "contacts"]),
        },
      },
      oa: [owned.orgId],
      cat: expect.any(Number),
      pv: PERMISSION_SET_VERSION,
    });
    expect(claims!.cat).toBeGreaterThanOrEqual(before);
    expect(claims!.cat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it("follows changes in the database (role, restrictions, version, revocation)", async () => {
    const user = await createUser();
    const ws = await createWorkspace();
    await addMember(ws, user, "agent");
    expect((await loadClaims(t.db, user.id))!.ws![ws.workspaceId]).toEqual({
      r: "agent",
      x: [],
      v: 1,
      p: bits("agent", []),
    });

    await t.db
      .updateTable("workspace_members")
      .set((eb) => ({ role: "manager", restrictions: ["no_export"], version: eb("version", "+", 1) }))
      .where("user_id", "=", user.id)
      .execute();
    expect((await loadClaims(t.db, user.id))!.ws![ws.workspaceId]).toEqual({
      r: "manager",
      x: ["no_export"],
      v: 2,
      p: bits("manager", ["no_export"]),
    });

    await t.db.deleteFrom("workspace_members").where("user_id", "=", user.id).execute();
    expect((await loadClaims(t.db, user.id))!.ws).toEqual({});
  });

  it("gives a user without memberships empty claims, and no admin rights for plain org membership", async () => {
    const user = await createUser();
    expect(await loadClaims(t.db, user.id)).toMatchObject({ uid: user.id, loc: null, ws: {}, oa: [] });
    const ws = await createWorkspace();
    await addMember(ws, user, "manager");
    expect((await loadClaims(t.db, user.id))!.oa).toEqual([]);
  });

  it("returns null for a user who no longer exists", async () => {
    expect(await loadClaims(t.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("keeps the token small for a member of 200 workspaces: the most recently used ones, cookie under 4 KB", async () => {
    const user = await createUser({ name: "Busy Person With A Fairly Long Display Name For Good Measure" });
    // 20 organizations this person administers, each with 10 workspaces where they are an Agent
    // with the longest restriction list: 200 memberships in all.
    const joined: string[] = [];
    for (let o = 0; o < 20; o++) {
      const org = await t.db
        .insertInto("organizations")
        .values({ name: `Org ${o}` })
        .returning("id")
        .executeTakeFirstOrThrow();
      await t.db.insertInto("org_members").values({ org_id: org.id, user_id: user.id, is_admin: true }).execute();
      const rows = await t.db
        .insertInto("workspaces")
        .values(Array.from({ length: 10 }, (_, w) => ({ org_id: org.id, name: `W ${o}.${w}` })))
        .returning("id")
        .execute();
      for (const [w, row] of rows.entries()) {
        await t.db
          .insertInto("workspace_members")
          .values({
            workspace_id: row.id,
            user_id: user.id,
            role: "agent",
            restrictions: ["see_team", "no_snippets", "contacts"],
            joined_at: new Date(Date.UTC(2026, 0, 1) + (o * 10 + w) * 60_000),
          })
          .execute();
        joined.push(row.id);
      }
    }
    // One old workspace was used a minute ago: it ranks first although it was joined first.
    await t.db
      .updateTable("workspace_members")
      .set({ last_active_at: new Date(Date.now() - 60_000) })
      .where("workspace_id", "=", joined[0])
      .where("user_id", "=", user.id)
      .execute();

    const claims = (await loadClaims(t.db, user.id))!;
    expect(Object.keys(claims.ws!)).toHaveLength(MAX_WORKSPACE_CLAIMS);
    expect(Object.keys(claims.ws!)).toEqual([joined[0], ...joined.slice(-(MAX_WORKSPACE_CLAIMS - 1)).reverse()]);
    expect(claims.oa).toHaveLength(MAX_ADMIN_ORG_CLAIMS);
    expect(claims.oax).toBe(true);

    // The cookie next-auth or issueSession would set: one value, under the 4096-byte limit.
    const cookie = `next-auth.session-token=${await encode({
      secret: "s".repeat(44),
      token: { sub: user.id, email: `${"x".repeat(60)}@example.com`, name: user.name, ...claims },
    })}`;
    expect(cookie.length).toBeLessThan(4096);
  });
});
