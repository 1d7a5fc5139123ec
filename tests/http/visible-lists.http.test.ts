import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { has, scopeOf } from "./expectations";
import { ACTOR_KEYS, type ActorKey } from "./support/context";
import { cookieFor } from "./support/fixtures";
import { pool, raw } from "./support/http";
import { recorder } from "./support/report";

// "Allowed" is not enough: a list page that read through a wider query would answer 200 and
// leak. For every Support actor, every inbox tab and the contacts list (and searches), the
// body must hold exactly the contacts the actor may see — worked out here in plain SQL from
// assignees and team rows, not with the app's predicate — and no trace of any other contact.

const ctx = inject("http");
const TABS = ["mine", "team", "all", "unassigned"] as const;
type Tab = (typeof TABS)[number];
const STATUSES = ["open", "closed"] as const;
const SEARCHES = ["canary", "customer.test"];

interface Row {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  assignee: string | null;
  status: string | null; // the conversation's, null when the contact has none
}

/** The tabs a scope may open, and the one an unknown or refused ?tab= falls back to. */
const TABS_OF = { all: [...TABS], team: ["mine", "team"], self: ["mine"] } as const;
const fallbackTab = (actor: ActorKey): Tab => (scopeOf(actor) === "all" && !actor.startsWith("agent") ? "all" : "mine");

const decode = (href: string) => href.replace(/&amp;/g, "&");
const tags = (body: string, testId: string) =>
  [...body.matchAll(/<a\b[^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes(`data-testid="${testId}"`));
const hrefOf = (tag: string) => decode(/href="([^"]*)"/.exec(tag)?.[1] ?? "");

describe.skipIf(!!ctx.skip)("list pages show exactly what the actor may see (next start)", () => {
  let handle: DbHandle;
  let rows: Row[];
  let mates: Map<ActorKey, Set<string>>;
  const record = recorder(ctx.resultsDir ?? "", "visible-lists");
  const members = ACTOR_KEYS.filter((a) => has(a, "member"));

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    const db = handle.db;
    // Action cases of earlier files may have reassigned the canaries: put them back.
    await db.updateTable("contacts").set({ assignee_id: null }).where("id", "=", ctx.contacts.unassigned).execute();
    await db
      .updateTable("contacts")
      .set({ assignee_id: ctx.actors.agent_all.userId })
      .where("id", "=", ctx.contacts.outsider)
      .execute();
    rows = (
      await db
        .selectFrom("contacts as c")
        .leftJoin("conversations as cv", (j) =>
          j.onRef("cv.workspace_id", "=", "c.workspace_id").onRef("cv.contact_id", "=", "c.id"),
        )
        .select(["c.id", "c.name", "c.email", "c.phone", "c.assignee_id as assignee", "cv.status"])
        .where("c.workspace_id", "=", ctx.support)
        .execute()
    ).map((r) => ({ ...r, status: r.status ?? null }));
    const teams = await db
      .selectFrom("team_members")
      .select(["team_id", "user_id"])
      .where("workspace_id", "=", ctx.support)
      .execute();
    mates = new Map(
      members.map((actor) => {
        const me = ctx.actors[actor as keyof typeof ctx.actors].userId;
        const mine = new Set(teams.filter((t) => t.user_id === me).map((t) => t.team_id));
        return [actor, new Set([me, ...teams.filter((t) => mine.has(t.team_id)).map((t) => t.user_id)])];
      }),
    );
  });
  afterAll(async () => {
    await handle?.close();
  });

  const me = (actor: ActorKey) => ctx.actors[actor as keyof typeof ctx.actors].userId;
  const visible = (actor: ActorKey, r: Row) => {
    const scope = scopeOf(actor);
    if (scope === "all") return true;
    if (scope === "self") return r.assignee === me(actor);
    return r.assignee !== null && mates.get(actor)!.has(r.assignee);
  };
  const inTab = (actor: ActorKey, tab: Tab, r: Row) =>
    tab === "all" ||
    (tab === "mine" && r.assignee === me(actor)) ||
    (tab === "team" && r.assignee !== null && mates.get(actor)!.has(r.assignee)) ||
    (tab === "unassigned" && r.assignee === null);

  /** Reads every page from `path`, following `nextTestId`; returns the ids of the rows and the bodies. */
  async function walk(actor: ActorKey, path: string, rowIds: (body: string) => string[], nextTestId: string) {
    const cookie = await cookieFor(ctx, actor, "honest");
    const ids: string[] = [];
    const bodies: string[] = [];
    for (let next: string | null = path, guard = 0; next; guard++) {
      if (guard > 50) throw new Error(`more than 50 pages at ${path}`);
      const res = await raw(ctx.base, next, { headers: { cookie: cookie! } });
      if (res.status !== 200) throw new Error(`${actor} ${next}: HTTP ${res.status}`);
      bodies.push(res.body);
      ids.push(...rowIds(res.body));
      next = tags(res.body, nextTestId).map(hrefOf)[0] || null;
    }
    return { ids, bodies };
  }

  /** Exactly `expected` listed, once each; nothing of a contact the actor may not see anywhere in the bodies. */
  function judge(actor: ActorKey, target: string, listed: string[], bodies: string[], expected: Set<string>) {
    const failures: string[] = [];
    const dupes = listed.filter((id, i) => listed.indexOf(id) !== i);
    const got = new Set(listed);
    const missing = [...expected].filter((id) => !got.has(id));
    const extra = [...got].filter((id) => !expected.has(id));
    const hidden = rows.filter((r) => !visible(actor, r));
    const hiddenNames = Object.entries(ctx.canaries)
      .filter(([key]) => hidden.some((r) => r.id === ctx.contacts[key as keyof typeof ctx.canaries]))
      .map(([, name]) => name);
    const traces = bodies.flatMap((b) => [
      ...hidden.filter((r) => b.includes(r.id)).map((r) => `id ${r.id}`),
      ...hiddenNames.filter((n) => b.includes(n)),
    ]);
    if (dupes.length) failures.push(`${target}: listed twice ${dupes.slice(0, 3).join(", ")}`);
    if (missing.length) failures.push(`${target}: ${missing.length} missing, e.g. ${missing.slice(0, 3).join(", ")}`);
    if (extra.length) failures.push(`${target}: ${extra.length} not expected, e.g. ${extra.slice(0, 3).join(", ")}`);
    if (traces.length) failures.push(`${target}: hidden contacts in the body: ${[...new Set(traces)].slice(0, 3)}`);
    record({
      group: "visible-lists",
      mode: "honest",
      actor,
      target,
      expected: `${expected.size} rows`,
      observed: `${got.size} rows${failures.length ? `; ${failures.join("; ")}` : ""}`,
      pass: failures.length === 0,
    });
    return failures;
  }

  it("the fixtures make the check bite: canaries are hidden from every limited Agent and shown to agent_all", () => {
    const canaryRows = rows.filter((r) => r.id === ctx.contacts.unassigned || r.id === ctx.contacts.outsider);
    expect(canaryRows).toHaveLength(2);
    for (const actor of ["agent_team", "agent_self", "agent_contacts_self"] as const)
      expect(
        canaryRows.filter((r) => visible(actor, r)),
        actor,
      ).toEqual([]);
    expect(canaryRows.every((r) => visible("agent_all", r))).toBe(true);
    // More than one page for an actor who sees everything: pagination is really followed.
    expect(rows.filter((r) => r.status === "open").length).toBeGreaterThan(30);
    expect(rows.length).toBeGreaterThan(50);
  });

  for (const actor of members) {
    it(`${actor}: every inbox tab, open and closed`, async () => {
      const tabsShown = TABS_OF[scopeOf(actor)] as readonly Tab[];
      const failures: string[] = [];
      const views = TABS.flatMap((tab) => STATUSES.map((status) => ({ tab, status })));
      await pool(views, 3, async ({ tab, status }) => {
        const effective = tabsShown.includes(tab) ? tab : fallbackTab(actor);
        const path = `/w/${ctx.support}/inbox?tab=${tab}${status === "closed" ? "&status=closed" : ""}`;
        const { ids, bodies } = await walk(
          actor,
          path,
          (body) => tags(body, "conversation").map((tag) => /[?&]c=([0-9a-f-]{36})/.exec(hrefOf(tag))?.[1] ?? "?"),
          "inbox-older",
        );
        const expected = new Set(
          rows.filter((r) => r.status === status && visible(actor, r) && inTab(actor, effective, r)).map((r) => r.id),
        );
        failures.push(...judge(actor, `inbox tab=${tab} status=${status}`, ids, bodies, expected));
        const shownTabs = [...bodies[0].matchAll(/data-testid="tab-([a-z]+)"/g)].map((m) => m[1]);
        if ([...new Set(shownTabs)].join() !== tabsShown.join())
          failures.push(`inbox tab=${tab}: tabs shown ${[...new Set(shownTabs)].join()}, expected ${tabsShown.join()}`);
      });
      expect(failures).toEqual([]);
    });
  }

  for (const actor of members.filter((a) => has(a, "contacts"))) {
    it(`${actor}: the contacts list and searches that would match hidden ones`, async () => {
      const failures: string[] = [];
      const contactIds = (body: string) =>
        [...body.matchAll(/<tr\b[^>]*data-testid="contact-row"[^>]*>([\s\S]*?)<\/tr>/g)].map(
          (m) => new RegExp(`/w/${ctx.support}/contacts/([0-9a-f-]{36})"`).exec(m[1])?.[1] ?? "?",
        );
      const matches = (q: string, r: Row) =>
        [r.name, r.email, r.phone].some((v) => v?.toLowerCase().includes(q.toLowerCase()));
      for (const q of ["", ...SEARCHES]) {
        const path = `/w/${ctx.support}/contacts${q ? `?q=${encodeURIComponent(q)}` : ""}`;
        const { ids, bodies } = await walk(actor, path, contactIds, "next-page");
        const expected = new Set(rows.filter((r) => visible(actor, r) && (!q || matches(q, r))).map((r) => r.id));
        if (q && expected.size === 0 && scopeOf(actor) === "all") failures.push(`search ${q} matches nothing`);
        failures.push(...judge(actor, `contacts${q ? ` q=${q}` : ""}`, ids, bodies, expected));
      }
      expect(failures).toEqual([]);
    });
  }
});
