import { describe, expect, it } from "vitest";
import {
  assignConversationAction,
  loadSnippetsAction,
  searchInboxAssignees,
  sendMessageAction,
  setConversationStatusAction,
} from "@/app/w/[workspaceId]/inbox/actions";
import InboxPage from "@/app/w/[workspaceId]/inbox/page";
import { loadMember } from "@/lib/access/member";
import { INBOX_TABS, allowedTabs, getThread, listConversations, type InboxTab } from "@/lib/services/inbox";
// Aliased: the React hooks lint rule reads any `use…` call at the top level as a hook.
import { setupTestDb as openTestDb } from "@/tests/helpers/db";
import {
  ACTORS,
  CONTACT_KEYS,
  VISIBLE,
  buildScene,
  keysOf,
  outcome,
  signInAs,
  type Actor,
  type ContactKey,
  type Scene,
} from "../contacts/scene";

const t = openTestDb();

// docs/PERMISSIONS.md/§3, inbox. Every member may open it (inbox.view); the contact visibility
// restriction decides which conversations exist for them; `no_snippets` refuses snippets.
type Gate = "ok" | "404" | "401";
const GATE: Record<Actor, Gate> = {
  owner: "ok",
  manager: "ok",
  managerNoDelete: "ok",
  managerNoExport: "ok",
  managerNoSettings: "ok",
  agentAll: "ok",
  agentTeam: "ok",
  agentSelf: "ok",
  agentNoContacts: "ok",
  agentNoSnippets: "ok",
  outsider: "404",
  revoked: "404",
  anonymous: "401",
};
const MEMBERS = ACTORS.filter((a) => GATE[a] === "ok");
const ACTION_CODE = { "404": "notFound", "401": "unauthenticated" } as const;

/** The tabs each member gets: a limited Agent never sees All or Unassigned. */
const TABS: Partial<Record<Actor, InboxTab[]>> = {
  agentTeam: ["mine", "team"],
  agentSelf: ["mine"],
};
const tabsOf = (actor: Actor) => TABS[actor] ?? ["mine", "team", "all", "unassigned"];

const pageProps = (scene: Scene, sp: Record<string, string> = {}) => ({
  params: Promise.resolve({ workspaceId: scene.workspaceId }),
  searchParams: Promise.resolve(sp),
});
const memberOf = async (scene: Scene, actor: Actor) =>
  (await loadMember(t.db, scene.workspaceId, scene.users[actor as Exclude<Actor, "anonymous">].id))!;
const targets = (scene: Scene) => [
  ...CONTACT_KEYS.map((k) => [k, scene.contacts[k].id] as const),
  ["foreign", scene.foreign.id] as const,
];
const canReach = (actor: Actor, key: ContactKey | "foreign") =>
  GATE[actor] === "ok" && key !== "foreign" && VISIBLE[actor].includes(key);
const messageCount = async (contactId: string) =>
  Number(
    (
      await t.db
        .selectFrom("messages")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("contact_id", "=", contactId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const statusOf = async (contactId: string) =>
  (await t.db.selectFrom("conversations").select("status").where("contact_id", "=", contactId).executeTakeFirst())
    ?.status;

describe("inbox page: every member opens it; a thread outside visibility (or another workspace's) is 404", () => {
  it.each(ACTORS)("%s", async (actor) => {
    const scene = await buildScene();
    await signInAs(scene, actor);
    const gate = GATE[actor] === "401" ? "redirect" : GATE[actor];
    expect(await outcome(() => InboxPage(pageProps(scene)))).toBe(gate);
    for (const [key, id] of targets(scene)) {
      const expected = gate !== "ok" ? gate : canReach(actor, key) ? "ok" : "404";
      expect(await outcome(() => InboxPage(pageProps(scene, { c: id }))), `${actor} → ${key}`).toBe(expected);
    }
    expect(await outcome(() => InboxPage(pageProps(scene, { c: "nope" })))).toBe(gate === "ok" ? "404" : gate);
  });
});

describe("tabs and conversation lists follow visibility", () => {
  it.each(MEMBERS)("%s", async (actor) => {
    const scene = await buildScene();
    const member = await memberOf(scene, actor);
    expect(allowedTabs(member)).toEqual(tabsOf(actor));

    const seen = new Set<string>();
    for (const tab of INBOX_TABS) {
      const list = await listConversations(t.db, member, { tab, limit: 50 });
      // A tab the member may not use falls back to Mine, never widens the view.
      expect(list.tab).toBe(tabsOf(actor).includes(tab) ? tab : "mine");
      for (const row of list.rows) seen.add(row.id);
      for (const key of keysOf(
        scene,
        list.rows.map((r) => r.id),
      ))
        expect(VISIBLE[actor], `${actor} tab ${tab} shows ${key}`).toContain(key);
    }
    // Everything visible is reachable through some allowed tab, and nothing else.
    expect(keysOf(scene, [...seen])).toEqual([...VISIBLE[actor]].sort());

    for (const [key, id] of targets(scene)) {
      expect((await getThread(t.db, member, id)) !== undefined, `${actor} thread ${key}`).toBe(canReach(actor, key));
    }
  });

  it("Mine / Team / Unassigned hold what their names say (Owner's view)", async () => {
    const scene = await buildScene();
    const member = await memberOf(scene, "owner");
    const keys = async (tab: InboxTab) =>
      keysOf(
        scene,
        (await listConversations(t.db, member, { tab, limit: 50 })).rows.map((r) => r.id),
      );
    expect(await keys("mine")).toEqual(["ofOwner"]);
    expect(await keys("unassigned")).toEqual(["unassigned"]);
    expect(await keys("all")).toEqual([...CONTACT_KEYS].sort());
    const team = await memberOf(scene, "agentTeam");
    expect(
      keysOf(
        scene,
        (await listConversations(t.db, team, { tab: "team", limit: 50 })).rows.map((r) => r.id),
      ),
    ).toEqual(["ofMate", "ofTeamAgent"]);
  });

  it("closed conversations are listed only under status=closed", async () => {
    const scene = await buildScene();
    await signInAs(scene, "owner");
    expect(
      await setConversationStatusAction(scene.workspaceId, { contactId: scene.contacts.ofOwner.id, status: "closed" }),
    ).toMatchObject({ ok: true });
    const member = await memberOf(scene, "owner");
    expect(
      keysOf(
        scene,
        (await listConversations(t.db, member, { tab: "mine", limit: 50 })).rows.map((r) => r.id),
      ),
    ).toEqual([]);
    expect(
      keysOf(
        scene,
        (await listConversations(t.db, member, { tab: "mine", status: "closed", limit: 50 })).rows.map((r) => r.id),
      ),
    ).toEqual(["ofOwner"]);
  });
});

describe("actions on a conversation: gate, then visibility; hidden or foreign → notFound and nothing changes", () => {
  it.each(ACTORS)("%s: send a message", async (actor) => {
    const scene = await buildScene();
    await signInAs(scene, actor);
    for (const [key, id] of targets(scene)) {
      const before = await messageCount(id);
      const result = await sendMessageAction(scene.workspaceId, { contactId: id, body: `  Reply from ${actor}  ` });
      if (canReach(actor, key)) {
        expect(result, `${actor} → ${key}`).toMatchObject({ ok: true });
        const last = await t.db
          .selectFrom("messages")
          .select(["direction", "body", "author_id"])
          .where("contact_id", "=", id)
          .orderBy("created_at", "desc")
          .executeTakeFirstOrThrow();
        expect(last).toEqual({
          direction: "out",
          body: `Reply from ${actor}`,
          author_id: scene.users[actor as Exclude<Actor, "anonymous">].id,
        });
        expect(await messageCount(id)).toBe(before + 1);
      } else {
        expect(result, `${actor} → ${key}`).toMatchObject({
          ok: false,
          code: GATE[actor] === "ok" ? "notFound" : ACTION_CODE[GATE[actor] as "404" | "401"],
        });
        expect(await messageCount(id)).toBe(before);
      }
    }
  });

  it.each(ACTORS)("%s: close and reopen", async (actor) => {
    const scene = await buildScene();
    await signInAs(scene, actor);
    for (const [key, id] of targets(scene)) {
      const result = await setConversationStatusAction(scene.workspaceId, { contactId: id, status: "closed" });
      if (canReach(actor, key)) {
        expect(result, `${actor} → ${key}`).toEqual({ ok: true, data: { contactId: id, status: "closed" } });
        expect(await statusOf(id)).toBe("closed");
        expect(await setConversationStatusAction(scene.workspaceId, { contactId: id, status: "open" })).toMatchObject({
          ok: true,
        });
        expect(await statusOf(id)).toBe("open");
      } else {
        expect(result, `${actor} → ${key}`).toMatchObject({
          ok: false,
          code: GATE[actor] === "ok" ? "notFound" : ACTION_CODE[GATE[actor] as "404" | "401"],
        });
        expect(await statusOf(id)).toBe("open");
      }
    }
  });

  it.each(ACTORS)("%s: assign to me, then unassign", async (actor) => {
    const scene = await buildScene();
    await signInAs(scene, actor);
    for (const [key, id] of targets(scene)) {
      const before = (
        await t.db.selectFrom("contacts").select("assignee_id").where("id", "=", id).executeTakeFirstOrThrow()
      ).assignee_id;
      if (actor === "anonymous" || !canReach(actor, key)) {
        const me = actor === "anonymous" ? scene.users.owner.id : scene.users[actor].id;
        const result = await assignConversationAction(scene.workspaceId, { contactId: id, assigneeId: me });
        expect(result, `${actor} → ${key}`).toMatchObject({
          ok: false,
          code: GATE[actor] === "ok" ? "notFound" : ACTION_CODE[GATE[actor] as "404" | "401"],
        });
        expect(
          (await t.db.selectFrom("contacts").select("assignee_id").where("id", "=", id).executeTakeFirstOrThrow())
            .assignee_id,
        ).toBe(before);
        continue;
      }
      const me = scene.users[actor].id;
      expect(await assignConversationAction(scene.workspaceId, { contactId: id, assigneeId: me })).toEqual({
        ok: true,
        data: { contactId: id, assigneeId: me, stillVisible: true },
      });
      // Unassigning hides it from a limited Agent: the action says so, and from then on it is notFound for them.
      const limited = VISIBLE[actor] !== CONTACT_KEYS;
      expect(await assignConversationAction(scene.workspaceId, { contactId: id, assigneeId: null })).toEqual({
        ok: true,
        data: { contactId: id, assigneeId: null, stillVisible: !limited },
      });
      if (limited)
        expect(await sendMessageAction(scene.workspaceId, { contactId: id, body: "still there?" })).toMatchObject({
          ok: false,
          code: "notFound",
        });
    }
  });

  it.each(ACTORS)("%s: assignee picker lists this workspace's members only", async (actor) => {
    const scene = await buildScene();
    await signInAs(scene, actor);
    const result = await searchInboxAssignees(scene.workspaceId, { q: "" });
    if (GATE[actor] !== "ok") {
      expect(result).toMatchObject({ ok: false, code: ACTION_CODE[GATE[actor] as "404" | "401"] });
      return;
    }
    if (!result.ok) throw new Error(result.message);
    const ids = result.data.map((m) => m.userId);
    expect(ids).toEqual(expect.arrayContaining([scene.users.owner.id, scene.users.mate.id]));
    expect(ids).not.toContain(scene.users.outsider.id);
    expect(ids).not.toContain(scene.users.revoked.id);
    const found = await searchInboxAssignees(scene.workspaceId, { q: "mia" });
    expect(found.ok && found.data.map((m) => m.userId)).toEqual([scene.users.mate.id]);
    // NUL cannot reach PostgreSQL in text (22021; found by the action fuzzer): it is dropped.
    const nul = await searchInboxAssignees(scene.workspaceId, { q: "m\u0000ia" });
    expect(nul.ok && nul.data.map((m) => m.userId)).toEqual([scene.users.mate.id]);
  });
});

describe("snippets: loaded only through an action guarded by snippets.use", () => {
  const SNIPPETS: Record<Actor, "ok" | "forbidden" | "notFound" | "unauthenticated"> = {
    owner: "ok",
    manager: "ok",
    managerNoDelete: "ok",
    managerNoExport: "ok",
    managerNoSettings: "ok",
    agentAll: "ok",
    agentTeam: "ok",
    agentSelf: "ok",
    agentNoContacts: "ok",
    agentNoSnippets: "forbidden",
    outsider: "notFound",
    revoked: "notFound",
    anonymous: "unauthenticated",
  };
  it.each(ACTORS)("%s", async (actor) => {
    const scene = await buildScene();
    await signInAs(scene, actor);
    const result = await loadSnippetsAction(scene.workspaceId, {});
    if (SNIPPETS[actor] === "ok") {
      expect(result).toEqual({
        ok: true,
        data: [{ id: scene.snippetId, name: "Greeting", body: "Hello! How can we help?" }],
      });
    } else {
      expect(result).toMatchObject({ ok: false, code: SNIPPETS[actor] });
      expect(JSON.stringify(result)).not.toContain("Hello! How can we help?");
    }
  });
});

describe("message input", () => {
  it("needs 1 to 10,000 characters after trimming, and a contact id", async () => {
    const scene = await buildScene();
    await signInAs(scene, "owner");
    const id = scene.contacts.ofOwner.id;
    const before = await messageCount(id);
    for (const body of ["", "   \n ", "x".repeat(10_001)]) {
      expect(await sendMessageAction(scene.workspaceId, { contactId: id, body })).toMatchObject({
        ok: false,
        code: "invalidInput",
        fieldErrors: { body: expect.any(String) },
      });
    }
    expect(await sendMessageAction(scene.workspaceId, { contactId: "not-a-uuid", body: "hi" })).toMatchObject({
      ok: false,
      code: "invalidInput",
    });
    expect(await messageCount(id)).toBe(before);
    expect(await sendMessageAction(scene.workspaceId, { contactId: id, body: "x".repeat(10_000) })).toMatchObject({
      ok: true,
    });
    expect(await sendMessageAction(scene.workspaceId, { contactId: id, body: "" })).toMatchObject({
      fieldErrors: { body: "Write a message first." },
    });
  });

  it("a reply bumps the conversation to the top of the list", async () => {
    const scene = await buildScene();
    await signInAs(scene, "owner");
    const member = await memberOf(scene, "owner");
    const oldest = (await listConversations(t.db, member, { tab: "all", limit: 50 })).rows.at(-1)!.id;
    expect(await sendMessageAction(scene.workspaceId, { contactId: oldest, body: "Back to you" })).toMatchObject({
      ok: true,
    });
    const rows = (await listConversations(t.db, member, { tab: "all", limit: 50 })).rows;
    expect(rows[0]).toMatchObject({ id: oldest, preview: "Back to you" });
  });
});
