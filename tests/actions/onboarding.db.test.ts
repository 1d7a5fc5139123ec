import { describe, expect, it } from "vitest";
import { createWorkspace as createFirstWorkspaceAction } from "@/app/onboarding/actions";
import { catalogs } from "@/lib/i18n/catalog";
import { createTranslator } from "@/lib/i18n/translate";
import { setupTestDb } from "@/tests/helpers/db";
import { heldRace } from "@/tests/helpers/race";
import { asUser, createUser, createWorkspace } from "@/tests/helpers/request";

// The /onboarding server action, called directly as the browser would (docs/PRODUCT.md, Routes).
const t = setupTestDb();
const en = createTranslator("en", catalogs.en);
const ar = createTranslator("ar", catalogs.ar);

const counts = async () => {
  const n = async (table: "organizations" | "workspaces" | "workspace_members" | "org_members" | "audit_log") =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    organizations: await n("organizations"),
    workspaces: await n("workspaces"),
    members: await n("workspace_members"),
    orgMembers: await n("org_members"),
    audit: await n("audit_log"),
  };
};
const nothing = { organizations: 0, workspaces: 0, members: 0, orgMembers: 0, audit: 0 };

describe("onboarding: createWorkspace action", () => {
  it("refuses an anonymous caller and writes nothing", async () => {
    await asUser(null);
    const result = await createFirstWorkspaceAction({ organizationName: "Acme", workspaceName: "Support" });
    expect(result).toEqual({ ok: false, code: "unauthenticated", message: en("errors.unauthenticated") });
    expect(await counts()).toEqual(nothing);
  });

  it("creates the organization and workspace for a fresh user, who becomes org admin and Owner", async () => {
    const user = await createUser();
    await asUser(user.id, { headers: { "x-switchboard-peer": "198.51.100.23", "x-forwarded-for": "6.6.6.6" } });

    const result = await createFirstWorkspaceAction({ organizationName: "  Acme Ltd  ", workspaceName: "Support" });

    expect(result.ok).toBe(true);
    const workspaceId = (result as { ok: true; data: { workspaceId: string } }).data.workspaceId;
    const ws = await t.db
      .selectFrom("workspaces as w")
      .innerJoin("organizations as o", "o.id", "w.org_id")
      .select(["w.id", "w.name", "w.org_id", "o.name as org"])
      .executeTakeFirstOrThrow();
    expect(ws).toMatchObject({ id: workspaceId, name: "Support", org: "Acme Ltd" });
    expect(await t.db.selectFrom("org_members").select(["org_id", "user_id", "is_admin"]).execute()).toEqual([
      { org_id: ws.org_id, user_id: user.id, is_admin: true },
    ]);
    const member = await t.db
      .selectFrom("workspace_members")
      .select(["workspace_id", "user_id", "role", "restrictions", "last_active_at"])
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({ workspace_id: workspaceId, user_id: user.id, role: "owner", restrictions: [] });
    const audit = await t.db.selectFrom("audit_log").select(["workspace_id", "actor_id", "action", "ip"]).execute();
    expect(audit).toEqual([
      { workspace_id: workspaceId, actor_id: user.id, action: "workspace.created", ip: "198.51.100.23" },
    ]);
  });

  it.each([
    [{ organizationName: "", workspaceName: "Support" }, { organizationName: "errors.name.required" }],
    [
      { organizationName: "   ", workspaceName: "x".repeat(121) },
      { organizationName: "errors.name.required", workspaceName: "errors.name.tooLong" },
    ],
    [{ organizationName: "Acme" }, { workspaceName: "errors.name.required" }],
    [
      { organizationName: 42, workspaceName: ["Support"] },
      { organizationName: "errors.name.required", workspaceName: "errors.name.required" },
    ],
  ] as [unknown, Record<string, string>][])(
    "returns field errors for %j and writes nothing",
    async (input, expected) => {
      const user = await createUser();
      await asUser(user.id);
      const result = await createFirstWorkspaceAction(input);
      expect(result).toMatchObject({ ok: false, code: "invalidInput", message: en("errors.invalidInput") });
      const fieldErrors = Object.fromEntries(Object.entries(expected).map(([field, key]) => [field, en(key as never)]));
      expect((result as { fieldErrors?: Record<string, string> }).fieldErrors).toEqual(fieldErrors);
      expect(await counts()).toEqual(nothing);
    },
  );

  it("refuses input that is not an object", async () => {
    await asUser((await createUser()).id);
    for (const input of [null, "Acme", 1]) {
      expect(await createFirstWorkspaceAction(input)).toMatchObject({ ok: false, code: "invalidInput" });
    }
    expect(await counts()).toEqual(nothing);
  });

  it("answers in the user's language", async () => {
    const user = await createUser({ locale: "ar" });
    await asUser(user.id);
    const result = await createFirstWorkspaceAction({ organizationName: "", workspaceName: "Support" });
    expect(result).toMatchObject({
      ok: false,
      message: ar("errors.invalidInput"),
      fieldErrors: { organizationName: ar("errors.name.required") },
    });
    expect(ar("errors.name.required")).not.toBe(en("errors.name.required"));
  });

  it("refuses a user who already belongs to a workspace", async () => {
    const user = await createUser();
    await createWorkspace({ owner: user });
    await asUser(user.id);
    const before = await counts();
    const result = await createFirstWorkspaceAction({ organizationName: "Second", workspaceName: "Again" });
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    expect(await counts()).toEqual(before);
  });

  it("creates one organization when the form is submitted twice at once", async () => {
    await asUser((await createUser()).id);
    const submit = () => createFirstWorkspaceAction({ organizationName: "Acme", workspaceName: "Support" });
    // On PostgreSQL the second submit is seen waiting on the first one's lock of the user row.
    const [first, second] = await heldRace(t, "onboarding.create", submit, submit);
    expect(first).toMatchObject({ status: "fulfilled", value: { ok: true } });
    expect(second).toMatchObject({ status: "fulfilled", value: { ok: false, code: "conflict" } });
    expect(await counts()).toEqual({ organizations: 1, workspaces: 1, members: 1, orgMembers: 1, audit: 1 });
  });

  it("refuses a session whose user no longer exists, writing nothing", async () => {
    await asUser("00000000-0000-4000-8000-000000000000");
    expect(await createFirstWorkspaceAction({ organizationName: "Ghost", workspaceName: "Town" })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    expect(await counts()).toEqual(nothing);
  });
});
