import { describe, expect, it } from "vitest";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, createUser, createWorkspace } from "@/tests/helpers/fixtures";
import { loadClaims } from "./load-claims";

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
        [owned.workspaceId]: { r: "owner", x: [], v: 1 },
        [other.workspaceId]: { r: "agent", x: ["see_team", "contacts"], v: 1 },
      },
      oa: [owned.orgId],
      cat: expect.any(Number),
    });
    expect(claims!.cat).toBeGreaterThanOrEqual(before);
    expect(claims!.cat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it("follows changes in the database (role, restrictions, version, revocation)", async () => {
    const user = await createUser();
    const ws = await createWorkspace();
    await addMember(ws, user, "agent");
    expect((await loadClaims(t.db, user.id))!.ws![ws.workspaceId]).toEqual({ r: "agent", x: [], v: 1 });

    await t.db
      .updateTable("workspace_members")
      .set((eb) => ({ role: "manager", restrictions: ["no_export"], version: eb("version", "+", 1) }))
      .where("user_id", "=", user.id)
      .execute();
    expect((await loadClaims(t.db, user.id))!.ws![ws.workspaceId]).toEqual({ r: "manager", x: ["no_export"], v: 2 });

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
});
