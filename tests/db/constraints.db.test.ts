import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, createUser, createWorkspace } from "@/tests/helpers/fixtures";
import { PG, expectPgError } from "@/tests/helpers/pg-error";

// The invariants of docs/PRODUCT.md, Users page/§7 held by the schema itself, so no code path can break them.
const t = setupTestDb();

const tokenHash = () => createHash("sha256").update(randomBytes(16)).digest("hex");
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);

function invite(
  workspaceId: string,
  email: string,
  extra: Partial<{ role: "owner" | "manager" | "agent"; restrictions: string[]; token_hash: string }> = {},
) {
  return t.db
    .insertInto("invitations")
    .values({
      workspace_id: workspaceId,
      email,
      role: "agent",
      restrictions: [],
      token_hash: tokenHash(),
      expires_at: inDays(7),
      ...extra,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

describe("users", () => {
  it("stores one account per email and only normalised (lower-case) addresses", async () => {
    await createUser({ email: "ann@example.com" });
    await expectPgError(createUser({ email: "ann@example.com" }), PG.unique);
    await expectPgError(createUser({ email: "Bob@example.com" }), PG.check);
    await expectPgError(createUser({ email: "not-an-address" }), PG.check);
  });
});

describe("workspace_members", () => {
  it("refuses a duplicate membership", async () => {
    const ws = await createWorkspace();
    const user = await createUser();
    await addMember(ws, user, "agent");
    await expectPgError(
      t.db
        .insertInto("workspace_members")
        .values({ workspace_id: ws.workspaceId, user_id: user.id, role: "manager" })
        .execute(),
      PG.unique,
    );
  });

  it("refuses an unknown access level", async () => {
    const ws = await createWorkspace();
    await expectPgError(addMember(ws, await createUser(), "admin" as never), PG.check);
  });

  it.each([
    ["owner", ["no_settings"]],
    ["owner", ["see_self"]],
    ["manager", ["see_self"]],
    ["manager", ["contacts"]],
    ["manager", ["no_export", "no_snippets"]],
    ["agent", ["no_export"]],
    ["agent", ["no_settings", "contacts"]],
    ["agent", ["bogus"]],
    ["agent", ["see_team", "see_self"]],
    ["agent", ["see_self", "see_team", "contacts"]],
  ] as const)("refuses %s with restrictions %j", async (role, restrictions) => {
    const ws = await createWorkspace();
    await expectPgError(
      addMember(ws, await createUser(), role, [...restrictions]),
      PG.check,
      "workspace_members_restrictions_check",
    );
  });

  it.each([
    ["manager", ["no_settings", "no_contact_delete", "no_export", "no_integrations"]],
    ["agent", ["see_team", "no_snippets", "contacts"]],
    ["agent", ["see_self"]],
    ["owner", []],
  ] as const)("accepts %s with restrictions %j", async (role, restrictions) => {
    const ws = await createWorkspace();
    const user = await createUser();
    await addMember(ws, user, role, [...restrictions]);
    const row = await t.db
      .selectFrom("workspace_members")
      .select(["role", "restrictions"])
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role, restrictions });
  });

  it("refuses a change that breaks the restriction rules", async () => {
    const ws = await createWorkspace();
    const user = await createUser();
    await addMember(ws, user, "agent", ["see_self"]);
    await expectPgError(
      t.db.updateTable("workspace_members").set({ role: "manager" }).where("user_id", "=", user.id).execute(),
      PG.check,
    );
  });
});

describe("invitations", () => {
  it("allows one pending invitation per workspace and email, and a new one after cancel or acceptance", async () => {
    const ws = await createWorkspace();
    const first = await invite(ws.workspaceId, "new@example.com");
    await expectPgError(invite(ws.workspaceId, "new@example.com"), PG.unique, "invitations_pending_unique");

    await t.db.updateTable("invitations").set({ cancelled_at: new Date() }).where("id", "=", first.id).execute();
    const second = await invite(ws.workspaceId, "new@example.com");
    await expectPgError(invite(ws.workspaceId, "new@example.com"), PG.unique);

    const acceptor = await createUser({ email: "new@example.com" });
    await t.db
      .updateTable("invitations")
      .set({ accepted_at: new Date(), accepted_by: acceptor.id })
      .where("id", "=", second.id)
      .execute();
    await invite(ws.workspaceId, "new@example.com");

    const rows = await t.db.selectFrom("invitations").select("id").where("email", "=", "new@example.com").execute();
    expect(rows).toHaveLength(3);
  });

  it("allows the same address to be pending in two workspaces", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    await invite(a.workspaceId, "twice@example.com");
    await invite(b.workspaceId, "twice@example.com");
  });

  it("stores only normalised addresses", async () => {
    const ws = await createWorkspace();
    await expectPgError(invite(ws.workspaceId, "New@Example.com"), PG.check);
  });

  it("keeps token hashes unique and 64 hex characters long", async () => {
    const ws = await createWorkspace();
    const hash = tokenHash();
    await invite(ws.workspaceId, "a@example.com", { token_hash: hash });
    await expectPgError(invite(ws.workspaceId, "b@example.com", { token_hash: hash }), PG.unique);
    await expectPgError(invite(ws.workspaceId, "c@example.com", { token_hash: "raw-token" }), PG.check);
  });

  it("refuses a bad level and restrictions of another level", async () => {
    const ws = await createWorkspace();
    await expectPgError(invite(ws.workspaceId, "a@example.com", { role: "boss" as never }), PG.check);
    await expectPgError(
      invite(ws.workspaceId, "b@example.com", { role: "manager", restrictions: ["see_team"] }),
      PG.check,
      "invitations_restrictions_check",
    );
    await expectPgError(
      invite(ws.workspaceId, "c@example.com", { role: "agent", restrictions: ["no_export"] }),
      PG.check,
    );
    await expectPgError(
      invite(ws.workspaceId, "d@example.com", { role: "owner", restrictions: ["no_settings"] }),
      PG.check,
    );
    await expectPgError(
      invite(ws.workspaceId, "e@example.com", { role: "agent", restrictions: ["see_team", "see_self"] }),
      PG.check,
    );
  });

  it("cannot be both accepted and cancelled", async () => {
    const ws = await createWorkspace();
    const inv = await invite(ws.workspaceId, "a@example.com");
    await expectPgError(
      t.db
        .updateTable("invitations")
        .set({ accepted_at: new Date(), cancelled_at: new Date() })
        .where("id", "=", inv.id)
        .execute(),
      PG.check,
      "invitations_single_outcome",
    );
  });
});

describe("contacts", () => {
  async function contact(workspaceId: string, assigneeId: string | null) {
    return t.db
      .insertInto("contacts")
      .values({ workspace_id: workspaceId, name: "C", assignee_id: assigneeId })
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  it("refuses an assignee who is not a member of the workspace", async () => {
    const ws = await createWorkspace();
    const stranger = await createUser();
    await expectPgError(contact(ws.workspaceId, stranger.id), PG.foreignKey);
  });

  it("refuses an assignee who is a member of another workspace only", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await expectPgError(contact(ws.workspaceId, other.ownerId), PG.foreignKey);
  });

  it("keeps a member with assigned contacts until they are unassigned", async () => {
    const ws = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    const c = await contact(ws.workspaceId, agent.id);
    const revoke = () =>
      t.db
        .deleteFrom("workspace_members")
        .where("workspace_id", "=", ws.workspaceId)
        .where("user_id", "=", agent.id)
        .execute();
    await expectPgError(revoke(), PG.foreignKey);
    await t.db.updateTable("contacts").set({ assignee_id: null }).where("id", "=", c.id).execute();
    await revoke();
    expect(
      await t.db.selectFrom("workspace_members").select("user_id").where("user_id", "=", agent.id).execute(),
    ).toEqual([]);
  });

  it("refuses a message or conversation pointing at another workspace's contact", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const c = await contact(ws.workspaceId, null);
    await expectPgError(
      t.db
        .insertInto("messages")
        .values({ workspace_id: other.workspaceId, contact_id: c.id, direction: "in", body: "hi" })
        .execute(),
      PG.foreignKey,
    );
    await expectPgError(
      t.db.insertInto("conversations").values({ workspace_id: other.workspaceId, contact_id: c.id }).execute(),
      PG.foreignKey,
    );
    await expectPgError(
      t.db
        .insertInto("messages")
        .values({ workspace_id: ws.workspaceId, contact_id: c.id, direction: "sideways" as never, body: "hi" })
        .execute(),
      PG.check,
    );
  });
});

describe("teams", () => {
  it("refuses a team member who is not a member of the team's workspace", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const team = await t.db
      .insertInto("teams")
      .values({ workspace_id: ws.workspaceId, name: "Tier 1" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const stranger = await createUser();
    await expectPgError(
      t.db
        .insertInto("team_members")
        .values({ team_id: team.id, workspace_id: ws.workspaceId, user_id: stranger.id })
        .execute(),
      PG.foreignKey,
    );
    // A member of another workspace, claimed under that workspace's id, does not fit the team either.
    await expectPgError(
      t.db
        .insertInto("team_members")
        .values({ team_id: team.id, workspace_id: other.workspaceId, user_id: other.ownerId })
        .execute(),
      PG.foreignKey,
    );
  });

  it("drops team memberships with the workspace membership", async () => {
    const ws = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    const team = await t.db
      .insertInto("teams")
      .values({ workspace_id: ws.workspaceId, name: "VIP" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("team_members")
      .values({ team_id: team.id, workspace_id: ws.workspaceId, user_id: agent.id })
      .execute();
    await t.db
      .deleteFrom("workspace_members")
      .where("workspace_id", "=", ws.workspaceId)
      .where("user_id", "=", agent.id)
      .execute();
    expect(await t.db.selectFrom("team_members").selectAll().execute()).toEqual([]);
  });

  it("keeps team names unique within a workspace", async () => {
    const ws = await createWorkspace();
    await t.db.insertInto("teams").values({ workspace_id: ws.workspaceId, name: "VIP" }).execute();
    await expectPgError(
      t.db.insertInto("teams").values({ workspace_id: ws.workspaceId, name: "VIP" }).execute(),
      PG.unique,
    );
  });
});
