import { describe, expect, it } from "vitest";
import ContactPage from "@/app/w/[workspaceId]/contacts/[contactId]/page";
import ContactsPage from "@/app/w/[workspaceId]/contacts/(list)/page";
import {
  assignContactAction,
  deleteContactAction,
  searchContactAssignees,
  updateContactAction,
} from "@/app/w/[workspaceId]/contacts/actions";
import { GET as exportContacts } from "@/app/w/[workspaceId]/contacts/export/route";
import { loadMember } from "@/lib/access/member";
import { contactsCsvRows, listContacts } from "@/lib/services/contacts";
// Aliased: the React hooks lint rule reads any `use…` call at the top level as a hook.
import { setupTestDb as openTestDb } from "@/tests/helpers/db";
import { ACTORS, CONTACT_KEYS, VISIBLE, buildScene, keysOf, outcome, signInAs, type Actor, type Scene } from "./scene";

const t = openTestDb();

// docs/PERMISSIONS.md/§3, contacts module. Who may do what, per actor (checked before visibility):
//   view  — open the module (contacts.view: Owners, Managers, Agents with the `contacts` option)
//   edit  — change details / assignee (contacts.edit: same people)
//   del   — delete (contacts.delete: Owners, Managers without no_contact_delete)
//   csv   — export (contacts.view + data.export: Owners, Managers without no_export)
// "404" rows are not members (another workspace's, revoked); anonymous is "401".
type Access = "ok" | "403" | "404" | "401";
const ACCESS: Record<Actor, { view: Access; edit: Access; del: Access; csv: Access }> = {
  owner: { view: "ok", edit: "ok", del: "ok", csv: "ok" },
  manager: { view: "ok", edit: "ok", del: "ok", csv: "ok" },
  managerNoDelete: { view: "ok", edit: "ok", del: "403", csv: "ok" },
  managerNoExport: { view: "ok", edit: "ok", del: "ok", csv: "403" },
  managerNoSettings: { view: "ok", edit: "ok", del: "ok", csv: "ok" },
  agentAll: { view: "ok", edit: "ok", del: "403", csv: "403" },
  agentTeam: { view: "ok", edit: "ok", del: "403", csv: "403" },
  agentSelf: { view: "ok", edit: "ok", del: "403", csv: "403" },
  agentNoContacts: { view: "403", edit: "403", del: "403", csv: "403" },
  agentNoSnippets: { view: "ok", edit: "ok", del: "403", csv: "403" },
  outsider: { view: "404", edit: "404", del: "404", csv: "404" },
  revoked: { view: "404", edit: "404", del: "404", csv: "404" },
  anonymous: { view: "401", edit: "401", del: "401", csv: "401" },
};

/** What an action answers when the gate refuses, by the gate's status. */
const ACTION_CODE = { "403": "forbidden", "404": "notFound", "401": "unauthenticated" } as const;
/** What a page does when the gate refuses: anonymous is sent to /signin. */
const PAGE_OUTCOME = { ok: "ok", "403": "403", "404": "404", "401": "redirect" } as const;

const pageParams = (workspaceId: string, contactId: string) => ({
  params: Promise.resolve({ workspaceId, contactId }),
});
const listParams = (workspaceId: string, sp: Record<string, string> = {}) => ({
  params: Promise.resolve({ workspaceId }),
  searchParams: Promise.resolve(sp),
});
const contactExists = async (id: string) =>
  (await t.db.selectFrom("contacts").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
const contactRow = (id: string) =>
  t.db
    .selectFrom("contacts")
    .select(["name", "email", "phone", "assignee_id"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

async function csvOf(scene: Scene, actor: Actor) {
  await signInAs(scene, actor);
  const res = await exportContacts(new Request(`http://localhost/w/${scene.workspaceId}/contacts/export`), {
    params: Promise.resolve({ workspaceId: scene.workspaceId }),
  });
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") };
}

describe("contacts pages: the module gate, then visibility (hidden = 404, never 403)", () => {
  it.each(ACTORS)("%s", async (actor) => {
    const scene = await buildScene();
    await signInAs(scene, actor);
    const gate = PAGE_OUTCOME[ACCESS[actor].view];

    expect(await outcome(() => ContactsPage(listParams(scene.workspaceId)))).toBe(gate);
    for (const key of CONTACT_KEYS) {
      const expected = gate !== "ok" ? gate : VISIBLE[actor].includes(key) ? "ok" : "404";
      expect(
        await outcome(() => ContactPage(pageParams(scene.workspaceId, scene.contacts[key].id))),
        `${actor} → ${key}`,
      ).toBe(expected);
    }
    // IDOR: another workspace's contact through this workspace's URL, and a malformed id.
    expect(await outcome(() => ContactPage(pageParams(scene.workspaceId, scene.foreign.id)))).toBe(
      gate === "ok" ? "404" : gate,
    );
    expect(await outcome(() => ContactPage(pageParams(scene.workspaceId, "not-a-uuid")))).toBe(
      gate === "ok" ? "404" : gate,
    );
  });
});

describe("list and search show only visible contacts", () => {
  it.each(ACTORS.filter((a) => ACCESS[a].view === "ok"))("%s", async (actor) => {
    const scene = await buildScene();
    const member = (await loadMember(t.db, scene.workspaceId, scene.users[actor as Exclude<Actor, "anonymous">].id))!;
    const all = await listContacts(t.db, member, { limit: 50 });
    expect(
      keysOf(
        scene,
        all.rows.map((r) => r.id),
      ),
    ).toEqual([...VISIBLE[actor]].sort());

    // Searching for every contact by name, email and phone finds only the visible ones.
    for (const key of CONTACT_KEYS) {
      for (const q of [`contact ${key}`.toUpperCase(), `${key.toLowerCase()}@customer`]) {
        const found = await listContacts(t.db, member, { q, limit: 50 });
        expect(
          keysOf(
            scene,
            found.rows.map((r) => r.id),
          ),
          `${actor} q=${q}`,
        ).toEqual(VISIBLE[actor].includes(key) ? [key] : []);
      }
    }
    const byPhone = await listContacts(t.db, member, { q: "555 0100", limit: 50 });
    expect(byPhone.rows).toHaveLength(VISIBLE[actor].length);
    expect((await listContacts(t.db, member, { q: "foreign", limit: 50 })).rows).toEqual([]);
  });

  it("pages with a keyset cursor: no row twice, none skipped", async () => {
    const scene = await buildScene();
    const member = (await loadMember(t.db, scene.workspaceId, scene.users.owner.id))!;
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listContacts(t.db, member, { cursor, limit: 2 });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(keysOf(scene, seen)).toEqual([...CONTACT_KEYS].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe("CSV export (contacts.view + data.export), rows limited to what the member sees", () => {
  it.each(ACTORS)("%s", async (actor) => {
    const scene = await buildScene();
    const res = await csvOf(scene, actor);
    const expected = { ok: 200, "403": 403, "404": 404, "401": 401 }[ACCESS[actor].csv];
    expect(res.status).toBe(expected);
    if (expected !== 200) {
      expect(res.text).not.toContain("Contact");
      return;
    }
    expect(res.type).toBe("text/csv; charset=utf-8");
    const lines = res.text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("name,email,phone,assignee,created at");
    const names = lines.slice(1).map((l) => l.split(",")[0]);
    expect(names.sort()).toEqual(VISIBLE[actor].map((k) => `Contact ${k}`).sort());
    expect(res.text).not.toContain("foreign");
  });

  it("the export source itself applies visibility (an Agent limited to self, a team Agent)", async () => {
    const scene = await buildScene();
    for (const actor of ["agentSelf", "agentTeam"] as const) {
      const member = (await loadMember(t.db, scene.workspaceId, scene.users[actor].id))!;
      const names: string[] = [];
      for await (const chunk of contactsCsvRows(t.db, member))
        for (const line of chunk.split("\r\n").slice(0, -1)) names.push(line.split(",")[0]);
      expect(names.sort()).toEqual(VISIBLE[actor].map((k) => `Contact ${k}`).sort());
    }
  });
});

describe("actions: gate first, then visibility; a hidden or foreign contact is notFound and untouched", () => {
  it.each(ACTORS)("%s: update", async (actor) => {
    const scene = await buildScene();
    await signInAs(scene, actor);
    for (const target of [...CONTACT_KEYS, "foreign"] as const) {
      const contact = target === "foreign" ? scene.foreign : scene.contacts[target];
      const before = await contactRow(contact.id);
      const result = await updateContactAction(scene.workspaceId, {
        contactId: contact.id,
        name: "Renamed",
        email: "New@Example.com",
        phone: "",
      });
      const gate = ACCESS[actor].edit;
      const allowed = gate === "ok" && target !== "foreign" && VISIBLE[actor].includes(target);
      if (allowed) {
        expect(result, `${actor} → ${target}`).toEqual({ ok: true, data: { contactId: contact.id } });
        expect(await contactRow(contact.id)).toMatchObject({ name: "Renamed", email: "new@example.com", phone: null });
      } else {
        expect(result, `${actor} → ${target}`).toMatchObject({
          ok: false,
          code: gate === "ok" ? "notFound" : ACTION_CODE[gate],
        });
        expect(await contactRow(contact.id)).toEqual(before);
      }
    }
  });

  it.each(ACTORS)("%s: assign", async (actor) => {
    const scene = await buildScene();
    await signInAs(scene, actor);
    const gate = ACCESS[actor].edit;
    for (const target of [...CONTACT_KEYS, "foreign"] as const) {
      const contact = target === "foreign" ? scene.foreign : scene.contacts[target];
      const before = await contactRow(contact.id);
      const result = await assignContactAction(scene.workspaceId, {
        contactId: contact.id,
        assigneeId: scene.users.owner.id,
      });
      const allowed = gate === "ok" && target !== "foreign" && VISIBLE[actor].includes(target);
      if (allowed) {
        // A limited Agent who gives the contact away no longer sees it: the UI leaves the page.
        const stillVisible = VISIBLE[actor] === CONTACT_KEYS;
        expect(result, `${actor} → ${target}`).toEqual({
          ok: true,
          data: { contactId: contact.id, assigneeId: scene.users.owner.id, stillVisible },
        });
        expect((await contactRow(contact.id)).assignee_id).toBe(scene.users.owner.id);
      } else {
        expect(result, `${actor} → ${target}`).toMatchObject({
          ok: false,
          code: gate === "ok" ? "notFound" : ACTION_CODE[gate],
        });
        expect(await contactRow(contact.id)).toEqual(before);
      }
    }
  });

  it.each(ACTORS)("%s: delete", async (actor) => {
    const scene = await buildScene();
    await signInAs(scene, actor);
    const gate = ACCESS[actor].del;
    for (const target of [...CONTACT_KEYS, "foreign"] as const) {
      const contact = target === "foreign" ? scene.foreign : scene.contacts[target];
      const result = await deleteContactAction(scene.workspaceId, { contactId: contact.id });
      const allowed = gate === "ok" && target !== "foreign" && VISIBLE[actor].includes(target);
      if (allowed) expect(result, `${actor} → ${target}`).toEqual({ ok: true, data: { contactId: contact.id } });
      else
        expect(result, `${actor} → ${target}`).toMatchObject({
          ok: false,
          code: gate === "ok" ? "notFound" : ACTION_CODE[gate],
        });
      expect(await contactExists(contact.id)).toBe(!allowed);
    }
  });

  it.each(ACTORS)("%s: assignee picker", async (actor) => {
    const scene = await buildScene();
    await signInAs(scene, actor);
    const result = await searchContactAssignees(scene.workspaceId, { q: "" });
    const gate = ACCESS[actor].edit;
    if (gate !== "ok") {
      expect(result).toMatchObject({ ok: false, code: ACTION_CODE[gate] });
      return;
    }
    if (!result.ok) throw new Error(result.message);
    const ids = result.data.map((m) => m.userId);
    expect(ids).toContain(scene.users.owner.id);
    expect(ids).not.toContain(scene.users.outsider.id);
    expect(ids).not.toContain(scene.users.revoked.id);
  });
});

describe("action input", () => {
  it("refuses invalid details with field errors (catalog text), and an assignee from outside the workspace", async () => {
    const scene = await buildScene();
    await signInAs(scene, "owner");
    const id = scene.contacts.ofOwner.id;
    const bad = await updateContactAction(scene.workspaceId, {
      contactId: id,
      name: "  ",
      email: "not an email",
      phone: "call me",
    });
    expect(bad).toMatchObject({
      ok: false,
      code: "invalidInput",
      fieldErrors: {
        name: "Enter a name.",
        email: expect.stringContaining("valid email"),
        phone: expect.stringContaining("phone number"),
      },
    });
    const long = await updateContactAction(scene.workspaceId, {
      contactId: id,
      name: "x".repeat(201),
      email: "",
      phone: "",
    });
    expect(long).toMatchObject({ ok: false, fieldErrors: { name: "Use at most 200 characters." } });

    for (const assigneeId of [scene.users.outsider.id, scene.users.revoked.id]) {
      expect(await assignContactAction(scene.workspaceId, { contactId: id, assigneeId })).toMatchObject({
        ok: false,
        code: "invalidInput",
        fieldErrors: { assigneeId: "Choose a member of this workspace." },
      });
    }
    expect((await contactRow(id)).assignee_id).toBe(scene.users.owner.id);
    expect(await assignContactAction(scene.workspaceId, { contactId: id, assigneeId: null })).toMatchObject({
      ok: true,
      data: { assigneeId: null },
    });
  });

  it("answers in Arabic for an Arabic reader", async () => {
    const scene = await buildScene();
    const { asUser } = await import("@/tests/helpers/request");
    await asUser(scene.users.owner.id, { cookies: { locale: "ar" }, headers: { "accept-language": "ar" } });
    const bad = await updateContactAction(scene.workspaceId, {
      contactId: scene.contacts.ofOwner.id,
      name: "",
      email: "",
      phone: "",
    });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { name: "أدخل اسمًا." } });
  });
});
