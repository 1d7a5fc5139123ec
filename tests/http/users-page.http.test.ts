import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { has } from "./expectations";
import { ACTOR_KEYS } from "./support/context";
import { cookieFor, freshInvitation } from "./support/fixtures";
import { raw } from "./support/http";
import { recorder } from "./support/report";

// Settings → Users as each viewer gets it: refused without settings, the export link only
// with export, the activity log only for Owners (audit.view), a "⋯" menu on every member row (Explain access)
// and on the invitation rows the viewer may manage, and the bulk tick only on member rows the viewer may manage
// — a Manager on Agents only, nobody on their own row. Roles
// come from the database; who may manage whom is written out here (expectations.ts).

const ctx = inject("http");
type Role = "owner" | "manager" | "agent";

interface Listed {
  kind: "member" | "invitation";
  email: string;
  actions: boolean;
  /** The bulk-selection tick: only on rows the viewer may change. */
  tick: boolean;
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");

/** Each member and invitation row, with whether it carries a menu button (aria-haspopup="menu"). */
function listed(body: string): Listed[] {
  return [...body.matchAll(/<tr\b([^>]*data-testid="(member|invitation)-row"[^>]*)>([\s\S]*?)<\/tr>/g)].map((m) => ({
    kind: m[2] as Listed["kind"],
    email: decode(/data-email="([^"]*)"/.exec(m[1])?.[1] ?? "?"),
    actions: m[3].includes('aria-haspopup="menu"'),
    tick: m[3].includes('data-testid="bulk-select"'),
  }));
}

describe.skipIf(!!ctx.skip)("the Users page per viewer (next start)", () => {
  let handle: DbHandle;
  let members: Map<string, Role>; // email → role
  let invitations: Map<string, Role>;
  const invited: string[] = [];
  const record = recorder(ctx.resultsDir ?? "", "users-page");

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    const db = handle.db;
    // One pending invitation per level: a Manager must get actions on the Agent one only.
    for (const role of ["agent", "manager", "owner"] as const)
      invited.push((await freshInvitation(db, ctx.support, ctx.actors.owner.userId, role)).id);
    const m = await db
      .selectFrom("workspace_members as wm")
      .innerJoin("users as u", "u.id", "wm.user_id")
      .select(["u.email", "wm.role"])
      .where("wm.workspace_id", "=", ctx.support)
      .execute();
    members = new Map(m.map((r) => [r.email, r.role]));
    const i = await db
      .selectFrom("invitations")
      .select(["email", "role"])
      .where("workspace_id", "=", ctx.support)
      .execute();
    invitations = new Map(i.map((r) => [r.email, r.role]));
  });
  afterAll(async () => {
    if (invited.length) await handle.db.deleteFrom("invitations").where("id", "in", invited).execute();
    await handle?.close();
  });

  it("the fixtures make the check bite: Support has members and invitations of every level", () => {
    expect([...new Set(members.values())].sort()).toEqual(["agent", "manager", "owner"]);
    expect([...new Set(invitations.values())].sort()).toEqual(["agent", "manager", "owner"]);
  });

  /** Every page of the list, following the next-page link. */
  async function pages(cookie: string) {
    const bodies: string[] = [];
    for (let next: string | null = `/w/${ctx.support}/settings/users`; next;) {
      const res = await raw(ctx.base, next, { headers: { cookie } });
      if (res.status !== 200) return { status: res.status, bodies };
      bodies.push(res.body);
      const link = /<a\b[^>]*data-testid="next-page"[^>]*>/.exec(res.body)?.[0];
      next = link ? decode(/href="([^"]*)"/.exec(link)?.[1] ?? "") || null : null;
      // A guard against a next-page link that never ends, not a size limit: the access matrix
      // and the bulk-invite cases leave well over a thousand rows in Support before this runs.
      if (bodies.length > 200) throw new Error("more than 200 pages of users: the next-page link loops");
    }
    return { status: 200, bodies };
  }

  for (const actor of ACTOR_KEYS.filter((a) => has(a, "member"))) {
    it(actor, async () => {
      const self = ctx.actors[actor as keyof typeof ctx.actors].email;
      const { status, bodies } = await pages((await cookieFor(ctx, actor, "honest"))!);
      const failures: string[] = [];
      if (!has(actor, "settings")) {
        if (![403, 404].includes(status)) failures.push(`expected a refusal, got HTTP ${status}`);
        if (bodies.some((b) => listed(b).length > 0)) failures.push("refused, yet rows are in the body");
      } else {
        if (status !== 200) failures.push(`HTTP ${status}`);
        const first = bodies[0] ?? "";
        const exportLink = first.includes('data-testid="export-users"');
        if (exportLink !== has(actor, "export")) failures.push(`export link ${exportLink ? "shown" : "missing"}`);
        const activity = first.includes('data-testid="activity"');
        // audit.view: Owners only (the Owner is the only actor with manageAll).
        if (activity !== has(actor, "manageAll")) failures.push(`activity log ${activity ? "shown" : "missing"}`);

        const rows = bodies.flatMap(listed);
        const memberEmails = rows.filter((r) => r.kind === "member").map((r) => r.email);
        const missing = [...members.keys()].filter((e) => !memberEmails.includes(e));
        const extra = memberEmails.filter((e) => !members.has(e));
        if (missing.length) failures.push(`members missing: ${missing.slice(0, 3).join(", ")}`);
        if (extra.length) failures.push(`not members of Support: ${extra.slice(0, 3).join(", ")}`);
        if (!memberEmails.includes(self)) failures.push("own row missing");
        for (const row of rows) {
          const role = (row.kind === "member" ? members : invitations).get(row.email);
          if (!role) {
            if (row.kind === "invitation") failures.push(`invitation ${row.email} is not Support's`);
            continue;
          }
          const may =
            (row.kind === "invitation" || row.email !== self) &&
            (role === "agent" ? has(actor, "manageAgents") : has(actor, "manageAll"));
          // A member row always has its menu (Explain access, settings.view); whether it may be changed shows
          // in the bulk tick. An invitation row has a menu only where it may be managed.
          const menu = row.kind === "member" ? true : may;
          if (row.actions !== menu)
            failures.push(`${row.kind} ${row.email} (${role}): actions ${row.actions ? "shown" : "missing"}`);
          if (row.kind === "member" && row.tick !== may)
            failures.push(`member ${row.email} (${role}): bulk tick ${row.tick ? "shown" : "missing"}`);
        }
        if (!rows.some((r) => r.tick) && has(actor, "manageAgents")) failures.push("no member row may be changed");
      }
      record({
        group: "users-page",
        mode: "honest",
        actor,
        target: "/w/[ws]/settings/users content",
        expected: has(actor, "settings") ? "allow" : "deny",
        observed: failures.join("; ") || `HTTP ${status}`,
        pass: failures.length === 0,
      });
      expect(failures).toEqual([]);
    });
  }
});
