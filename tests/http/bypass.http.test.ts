import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { ACTION_CASES, restoreSupport, type ActionCase } from "./action-cases";
import { has } from "./expectations";
import { ROUTE_CASES, type RouteCase, type RouteRequest } from "./routes";
import { callAction, describeOutcome, isRefusal, loadManifest, type ManifestAction } from "./support/actions";
import type { ActorKey, HttpContext } from "./support/context";
import { cookieFor, freshContact, freshMember, type ClaimMode } from "./support/fixtures";
import { pool, raw } from "./support/http";
import { recorder } from "./support/report";
import { leaked } from "./support/judge";
import { checkAction, checkRoute, fetchRoute, type RequestTweak } from "./support/run";
import { loadSecrets, secretsFor, type Secrets } from "./support/secrets";

// Attempts to get past the edge middleware or the tenant scope. Whatever the request
// looks like, the server guard (membership row + matrix + SQL scope) must still refuse.

const ctx = inject("http");
const root = process.cwd();

/** A router state tree as a client on "/" sends it. */
const STATE_TREE = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }, null, null, 0]));
/**
 * A tree claiming the client already shows /w/<ws>/inbox: Next then renders only the
 * segments below what differs, so a guard that lived only in the workspace layout would be
 * skipped. Every page must check on its own.
 */
const insideWorkspace = (c: HttpContext) =>
  encodeURIComponent(
    JSON.stringify([
      "",
      {
        children: [
          "w",
          {
            children: [["workspaceId", c.support, "d", null], { children: ["inbox", { children: ["__PAGE__", {}] }] }],
          },
        ],
      },
      null,
      null,
      0,
    ]),
  );
const XMS = "x-middleware-subrequest";

const PAGE_VARIANTS: { key: string; tweak: (c: HttpContext) => RequestTweak }[] = [
  { key: `${XMS}: middleware`, tweak: () => ({ headers: { [XMS]: "middleware" } }) },
  {
    key: `${XMS}: middleware×5`,
    tweak: () => ({ headers: { [XMS]: "middleware:middleware:middleware:middleware:middleware" } }),
  },
  { key: `${XMS}: src/middleware`, tweak: () => ({ headers: { [XMS]: "src/middleware" } }) },
  {
    key: `${XMS}: src/middleware×5`,
    tweak: () => ({ headers: { [XMS]: "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" } }),
  },
  { key: `${XMS}: pages/_middleware`, tweak: () => ({ headers: { [XMS]: "pages/_middleware" } }) },
  { key: "RSC: 1", tweak: () => ({ headers: { rsc: "1" }, followRsc: true }) },
  {
    key: "RSC + Next-Router-Prefetch: 1",
    tweak: () => ({ headers: { rsc: "1", "next-router-prefetch": "1" }, followRsc: true }),
  },
  {
    key: "RSC + Next-Router-State-Tree",
    tweak: () => ({ headers: { rsc: "1", "next-router-state-tree": STATE_TREE }, followRsc: true }),
  },
  {
    key: "RSC + state tree inside the workspace layout",
    tweak: (c) => ({ headers: { rsc: "1", "next-router-state-tree": insideWorkspace(c) }, followRsc: true }),
  },
  {
    key: "RSC + segment prefetch",
    tweak: () => ({
      headers: { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree" },
      followRsc: true,
    }),
  },
  {
    key: `RSC + ${XMS}`,
    tweak: () => ({
      headers: { rsc: "1", [XMS]: "middleware:middleware:middleware:middleware:middleware" },
      followRsc: true,
    }),
  },
  { key: ".rsc suffix", tweak: () => ({ path: (p) => p.replace(/(\?|$)/, ".rsc$1") }) },
  {
    key: "?_rsc= without the RSC header",
    tweak: () => ({ path: (p) => `${p}${p.includes("?") ? "&" : "?"}_rsc=1x2y3` }),
  },
  {
    key: "extra query parameters",
    tweak: (c) => ({
      path: (p) =>
        `${p}${p.includes("?") ? "&" : "?"}workspaceId=${c.otherWs}&contactId=${c.contacts.self}&orgId=${c.otherOrg}&userId=${c.actors.owner.userId}&__nextDataReq=1&_rsc=1&callbackUrl=%2F`,
    }),
  },
];

/** The actors whose denials are attacked (a restricted one of each kind, and the outsiders). */
const ATTACKERS: ActorKey[] = [
  "mgr_no_settings",
  "mgr_no_export",
  "agent_self",
  "agent_no_snippets",
  "agent_contacts_self",
  "org_admin",
  "other_ws",
  "revoked",
  "anonymous",
];

describe.skipIf(!!ctx.skip)("bypass attempts (next start)", () => {
  let handle: DbHandle;
  let manifest: ManifestAction[];
  let secrets: Secrets;
  const record = recorder(ctx.resultsDir ?? "", "bypass");

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    manifest = loadManifest(root, ctx.distDir);
    secrets = await loadSecrets(handle.db, ctx);
  });
  afterAll(async () => {
    if (handle) {
      await restoreSupport(handle.db, ctx);
      await handle.close();
    }
  });

  describe("pages and route handlers: every denied cell stays denied", () => {
    // Honest tokens (the middleware decides first), then the RSC shapes again with a stale
    // token claiming Owner everywhere (the middleware passes them: only the server guard is left).
    const runs = [
      ...PAGE_VARIANTS.map((v) => ({ ...v, mode: "honest" as ClaimMode })),
      ...PAGE_VARIANTS.filter((v) => v.key.startsWith("RSC") || v.key.startsWith(XMS)).map((v) => ({
        ...v,
        key: `${v.key}, stale Owner token`,
        mode: "stale-owner" as ClaimMode,
      })),
    ];
    for (const variant of runs) {
      it(variant.key, async () => {
        const tweak = variant.tweak(ctx);
        const attackers = variant.mode === "honest" ? ATTACKERS : ATTACKERS.filter((a) => a !== "anonymous");
        const cells: [ActorKey, RouteCase][] = attackers.flatMap((actor) =>
          ROUTE_CASES.filter((r) => r.expect(actor, ctx) === "deny" && !r.redirectsOnly).map(
            (r) => [actor, r] as [ActorKey, RouteCase],
          ),
        );
        const failures: string[] = [];
        await pool(cells, 3, async ([actor, route]) => {
          const cookie = await cookieFor(ctx, actor, variant.mode);
          const { pass, observed } = await checkRoute(
            ctx,
            route,
            actor,
            cookie,
            secretsFor(secrets, ctx, actor),
            tweak,
          );
          record({ group: "bypass", mode: variant.key, actor, target: route.key, expected: "deny", observed, pass });
          if (!pass) failures.push(`${actor} ${route.key}: expected deny, got ${observed}`);
        });
        expect(failures).toEqual([]);
      });
    }

    // Control: every page canary is really on the page that shows it, so a denial carrying it would be seen.
    it("control: the Owner sees each page canary where it belongs", async () => {
      const cookie = await cookieFor(ctx, "owner", "honest");
      const where: [string, string][] = [
        [`/w/${ctx.support}/settings/snippets`, secrets.snippetBody],
        [`/w/${ctx.support}/settings/integrations`, secrets.webhookUrl],
        [`/w/${ctx.support}/dashboard`, secrets.workspaceName],
        [`/w/${ctx.support}/contacts?q=canary`, ctx.canaries.unassigned],
        [`/w/${ctx.support}/contacts?q=canary`, ctx.canaries.outsider],
      ];
      const missing: string[] = [];
      for (const [path, canary] of where) {
        const res = await raw(ctx.base, path, { headers: { cookie: cookie! } });
        if (res.status !== 200 || !res.body.includes(canary)) missing.push(`${path}: ${res.status}, no ${canary}`);
      }
      expect(missing).toEqual([]);
    });

    // Control: each variant is a request shape Next really serves — the Owner gets the Users
    // page's data through it (member emails), so the leak detector above would have seen it.
    // A prefetch carries the route tree only, for the Owner too: it cannot leak page data.
    it("control: the Owner gets the Users page's data through each header variant", async () => {
      const failures: string[] = [];
      const users = ROUTE_CASES.find((r) => r.key === "/w/[ws]/settings/users")!;
      const cookie = await cookieFor(ctx, "owner", "honest");
      for (const variant of PAGE_VARIANTS.filter((v) => v.key !== ".rsc suffix")) {
        const tweak = variant.tweak(ctx);
        const res = await fetchRoute(ctx, users, cookie, tweak);
        const prefetch = !!tweak.headers?.["next-router-prefetch"];
        const data = leaked(res, secretsFor(secrets, ctx, "owner")).length;
        const pass = res.status === 200 && (prefetch ? data === 0 : data > 0);
        const observed = `${res.status}, ${data} member emails in the body`;
        record({
          group: "bypass-control",
          mode: variant.key,
          actor: "owner",
          target: users.key,
          expected: prefetch ? "tree only" : "data",
          observed,
          pass,
        });
        if (!pass) failures.push(`${variant.key}: got ${observed}`);
      }
      expect(failures).toEqual([]);
    });
  });

  describe("server actions: every denied action stays denied", () => {
    const ACTION_ATTACKERS: ActorKey[] = ["mgr_no_settings", "agent_self", "other_ws", "revoked", "anonymous"];
    const casesFor = (actor: ActorKey) => ACTION_CASES.filter((c) => c.expect(actor) === "deny");
    // A page the actor may open: the middleware lets the POST through; only the action's own guard is left.
    const openPage = (actor: ActorKey) =>
      has(actor, "member") ? `/w/${ctx.support}/inbox` : has(actor, "signedIn") ? "/account" : "/signin";

    const variants: {
      key: string;
      path?: (actor: ActorKey) => (natural: string) => string;
      headers?: Record<string, string>;
    }[] = [
      { key: `${XMS}: middleware×5`, headers: { [XMS]: "middleware:middleware:middleware:middleware:middleware" } },
      { key: `${XMS}: src/middleware`, headers: { [XMS]: "src/middleware" } },
      { key: "posted to a page the actor may open", path: (actor) => () => openPage(actor) },
      { key: "RSC + Next-Router-State-Tree headers", headers: { rsc: "1", "next-router-state-tree": STATE_TREE } },
      {
        key: "RSC + state tree inside the workspace layout",
        headers: { rsc: "1", "next-router-state-tree": insideWorkspace(ctx) },
      },
    ];
    for (const variant of variants) {
      it(variant.key, async () => {
        const failures: string[] = [];
        for (const actor of ACTION_ATTACKERS) {
          for (const c of casesFor(actor)) {
            // With RSC headers Next renders the page instead of running the action; the
            // invitation page is public by design (the token is the credential), so that
            // render is no denial to judge — the action itself is covered by the other variants.
            if (variant.headers?.rsc && c.exportName === "acceptInvitationAction") continue;
            const { pass, observed } = await checkAction(handle.db, ctx, manifest, c, actor, {
              path: variant.path?.(actor),
              headers: variant.headers,
              secrets: secretsFor(secrets, ctx, actor),
            });
            record({
              group: "bypass-actions",
              mode: variant.key,
              actor,
              target: c.key,
              expected: "deny",
              observed,
              pass,
            });
            if (!pass) failures.push(`${actor} ${c.key}: expected deny, got ${observed}`);
          }
        }
        expect(failures).toEqual([]);
      });
    }

    // Cross-site POSTs: an Owner's cookie riding on a request from another origin (or a
    // sandboxed/opaque one) must not run the action. Next compares Origin with Host.
    for (const origin of ["https://evil.example", "null"]) {
      it(`Origin: ${origin} — the Owner's writes do not happen`, async () => {
        const failures: string[] = [];
        const writes = ACTION_CASES.filter(
          (c) => c.expect("owner") === "allow" && c.key !== "createWorkspace[onboarding]",
        );
        for (const c of writes) {
          const { pass, observed } = await checkAction(handle.db, ctx, manifest, c, "owner", {
            headers: { origin },
            expected: "deny",
          });
          // Next's own refusal is an HTTP 500 with an error digest before the action runs: no write, no data.
          const refused = pass || /^HTTP 500 error(, no write)?$/.test(observed);
          record({
            group: "bypass-origin",
            mode: `Origin: ${origin}`,
            actor: "owner",
            target: c.key,
            expected: "deny",
            observed,
            pass: refused,
          });
          if (!refused) failures.push(`${c.key}: got ${observed}`);
        }
        expect(failures).toEqual([]);
      });
    }
  });

  describe("IDOR: another workspace's ids through /w/<Support>/…", () => {
    const find = (key: string): ActionCase => {
      const c = ACTION_CASES.find((x) => x.key === key);
      if (!c) throw new Error(key);
      return c;
    };
    /** Re-target a case at foreign ids: the Owner of Support (and of Sales) must get notFound and change nothing. */
    const idor = (key: string, label: string, args: () => unknown[], wrote: () => Promise<boolean>): ActionCase => ({
      ...find(key),
      key: `${key} ← ${label}`,
      expect: () => "deny",
      prepare: async () => ({ params: { contactId: ctx.contacts.unassigned }, args: args(), wrote }),
    });

    it("contacts and conversations of Sales and of another organization", async () => {
      const db = handle.db;
      const contact = (id: string) =>
        db.selectFrom("contacts").select(["name", "assignee_id"]).where("id", "=", id).executeTakeFirst();
      const failures: string[] = [];
      for (const [label, id] of [
        ["Sales contact", ctx.contacts.sales],
        ["other org contact", ctx.otherContact],
      ] as const) {
        const before = await contact(id);
        const unchanged = async () => JSON.stringify(await contact(id)) !== JSON.stringify(before);
        const messages = async () =>
          Number(
            (
              await db
                .selectFrom("messages")
                .select((eb) => eb.fn.countAll<string>().as("n"))
                .where("contact_id", "=", id)
                .executeTakeFirstOrThrow()
            ).n,
          );
        const m0 = await messages();
        const status = async () =>
          (await db.selectFrom("conversations").select("status").where("contact_id", "=", id).executeTakeFirst())
            ?.status;
        const s0 = await status();
        const cases = [
          idor(
            "updateContactAction",
            label,
            () => [ctx.support, { contactId: id, name: "IDOR", email: "", phone: "" }],
            unchanged,
          ),
          idor("assignContactAction", label, () => [ctx.support, { contactId: id, assigneeId: null }], unchanged),
          idor(
            "deleteContactAction",
            label,
            () => [ctx.support, { contactId: id }],
            async () => (await contact(id)) === undefined,
          ),
          idor(
            "sendMessageAction",
            label,
            () => [ctx.support, { contactId: id, body: "IDOR" }],
            async () => (await messages()) !== m0,
          ),
          idor(
            "setConversationStatusAction",
            label,
            () => [ctx.support, { contactId: id, status: s0 === "open" ? "closed" : "open" }],
            async () => (await status()) !== s0,
          ),
          idor(
            "assignConversationAction",
            label,
            () => [ctx.support, { contactId: id, assigneeId: ctx.actors.owner.userId }],
            unchanged,
          ),
        ];
        for (const c of cases) {
          const { pass, observed } = await checkAction(db, ctx, manifest, c, "owner");
          record({
            group: "idor",
            mode: "foreign id",
            actor: "owner",
            target: c.key,
            expected: "deny",
            observed,
            pass,
          });
          if (!pass) failures.push(`${c.key}: got ${observed}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it("members, invitations, teams, snippets and webhooks of Sales", async () => {
      const db = handle.db;
      const failures: string[] = [];
      const salesMember = () =>
        db
          .selectFrom("workspace_members")
          .select(["role", "restrictions", "version"])
          .where("workspace_id", "=", ctx.sales)
          .where("user_id", "=", ctx.salesOnly)
          .executeTakeFirst();
      const m0 = JSON.stringify(await salesMember());
      const memberChanged = async () => JSON.stringify(await salesMember()) !== m0;
      const inv = () =>
        db
          .selectFrom("invitations")
          .select(["token_hash", "role", "restrictions", "cancelled_at"])
          .where("id", "=", ctx.salesFixtures.invitation)
          .executeTakeFirst();
      const i0 = JSON.stringify(await inv());
      const invChanged = async () => JSON.stringify(await inv()) !== i0;
      const team = () =>
        db.selectFrom("teams").select("name").where("id", "=", ctx.salesFixtures.team).executeTakeFirst();
      const t0 = JSON.stringify(await team());
      const teamChanged = async () => JSON.stringify(await team()) !== t0;
      const teamMembers = async (teamId: string) =>
        Number(
          (
            await db
              .selectFrom("team_members")
              .select((eb) => eb.fn.countAll<string>().as("n"))
              .where("team_id", "=", teamId)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const supportTeamSize = await teamMembers(ctx.team);
      const salesTeamSize = await teamMembers(ctx.salesFixtures.team);
      const snippet = () =>
        db
          .selectFrom("snippets")
          .select(["name", "body"])
          .where("id", "=", ctx.salesFixtures.snippet)
          .executeTakeFirst();
      const sn0 = JSON.stringify(await snippet());
      const snippetChanged = async () => JSON.stringify(await snippet()) !== sn0;
      const hook = () =>
        db
          .selectFrom("webhooks")
          .select(["active", "secret"])
          .where("id", "=", ctx.salesFixtures.webhook)
          .executeTakeFirst();
      const h0 = JSON.stringify(await hook());
      const hookChanged = async () => JSON.stringify(await hook()) !== h0;
      const deliveries = async () =>
        Number(
          (
            await db
              .selectFrom("webhook_deliveries")
              .select((eb) => eb.fn.countAll<string>().as("n"))
              .where("webhook_id", "=", ctx.salesFixtures.webhook)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const d0 = await deliveries();
      const nothing = async () => false;
      const S = ctx.support;
      const wh = ctx.salesFixtures.webhook;

      const cases = [
        idor(
          "updateMemberAccessAction[agent target]",
          "Sales-only member",
          () => [S, { userId: ctx.salesOnly, role: "agent", restrictions: ["see_self"] }],
          memberChanged,
        ),
        idor(
          "updateMemberAccessAction[agent target]",
          "other org owner",
          () => [S, { userId: ctx.actors.other_ws.userId, role: "agent", restrictions: [] }],
          async () =>
            (
              await db
                .selectFrom("workspace_members")
                .select("role")
                .where("workspace_id", "=", ctx.otherWs)
                .where("user_id", "=", ctx.actors.other_ws.userId)
                .executeTakeFirst()
            )?.role !== "owner",
        ),
        idor(
          "revokeMemberAction[agent target]",
          "Sales-only member",
          () => [S, { userId: ctx.salesOnly, reassignTo: null }],
          async () => (await salesMember()) === undefined,
        ),
        idor("getRevokeInfo", "Sales-only member", () => [S, { userId: ctx.salesOnly, q: "" }], nothing),
        {
          ...find("revokeMemberAction[agent target]"),
          key: "revokeMemberAction ← reassign contacts to a Sales-only member",
          expect: () => "deny" as const,
          prepare: async () => {
            const target = await freshMember(db, ctx, S, "agent");
            const contact = await freshContact(db, S, target);
            return {
              args: [S, { userId: target, reassignTo: ctx.salesOnly }],
              wrote: async () =>
                (
                  await db
                    .selectFrom("contacts")
                    .select("assignee_id")
                    .where("id", "=", contact)
                    .executeTakeFirstOrThrow()
                ).assignee_id === ctx.salesOnly,
            };
          },
        },
        idor(
          "resendInvitationAction",
          "Sales invitation",
          () => [S, { invitationId: ctx.salesFixtures.invitation }],
          invChanged,
        ),
        idor(
          "cancelInvitationAction[agent]",
          "Sales invitation",
          () => [S, { invitationId: ctx.salesFixtures.invitation }],
          invChanged,
        ),
        idor(
          "updateInvitationAction[agent→agent]",
          "Sales invitation",
          () => [S, { invitationId: ctx.salesFixtures.invitation, role: "agent", restrictions: ["see_self"] }],
          invChanged,
        ),
        idor(
          "renameTeamAction",
          "Sales team",
          () => [S, { teamId: ctx.salesFixtures.team, name: "IDOR" }],
          teamChanged,
        ),
        idor(
          "deleteTeamAction",
          "Sales team",
          () => [S, { teamId: ctx.salesFixtures.team }],
          async () => (await team()) === undefined,
        ),
        idor(
          "addTeamMemberAction",
          "Sales team",
          () => [S, { teamId: ctx.salesFixtures.team, userId: ctx.teammate }],
          async () => (await teamMembers(ctx.salesFixtures.team)) !== salesTeamSize,
        ),
        idor(
          "addTeamMemberAction",
          "Sales-only user into a Support team",
          () => [S, { teamId: ctx.team, userId: ctx.salesOnly }],
          async () => (await teamMembers(ctx.team)) !== supportTeamSize,
        ),
        idor(
          "updateSnippetAction",
          "Sales snippet",
          () => [S, { snippetId: ctx.salesFixtures.snippet, name: "IDOR", body: "IDOR" }],
          snippetChanged,
        ),
        idor(
          "deleteSnippetAction",
          "Sales snippet",
          () => [S, { snippetId: ctx.salesFixtures.snippet }],
          async () => (await snippet()) === undefined,
        ),
        idor(
          "deleteWebhookAction",
          "Sales webhook",
          () => [S, { webhookId: wh }],
          async () => (await hook()) === undefined,
        ),
        idor("setWebhookActiveAction", "Sales webhook", () => [S, { webhookId: wh, active: false }], hookChanged),
        idor("rotateWebhookSecretAction", "Sales webhook", () => [S, { webhookId: wh }], hookChanged),
        idor(
          "sendTestEventAction",
          "Sales webhook",
          () => [S, { webhookId: wh }],
          async () => (await deliveries()) !== d0,
        ),
      ];
      // The team picker with a Sales team id: refusing is right; answering with Support's own
      // members (the SQL is scoped to the workspace) is no leak — but nobody from Sales may appear.
      {
        const action = manifest.find((m) => m.exportName === "teamCandidatesAction")!;
        const { outcome } = await callAction(ctx.base, {
          id: action.id,
          path: `/w/${S}/settings/teams`,
          args: [S, { teamId: ctx.salesFixtures.team, q: "" }],
          cookie: await cookieFor(ctx, "owner", "honest"),
        });
        const salesEmail = secrets.emails.get(ctx.salesOnly)!;
        const pass =
          isRefusal(outcome) ||
          (outcome.kind === "result" && outcome.ok && !JSON.stringify(outcome.data).includes(salesEmail));
        const observed = `${describeOutcome(outcome)}${outcome.kind === "result" && outcome.ok ? " (Support members only)" : ""}`;
        record({
          group: "idor",
          mode: "foreign id",
          actor: "owner",
          target: "teamCandidatesAction ← Sales team",
          expected: "deny or scoped",
          observed,
          pass,
        });
        if (!pass) failures.push(`teamCandidatesAction ← Sales team: got ${observed}`);
      }
      for (const c of cases) {
        const { pass, observed } = await checkAction(db, ctx, manifest, c, "owner");
        // Refusing a foreign id as invalid input (e.g. "not a member of this workspace") is as good as notFound.
        const refused = pass || /^invalidInput \(HTTP 200\), no write$/.test(observed);
        record({
          group: "idor",
          mode: "foreign id",
          actor: "owner",
          target: c.key,
          expected: "deny",
          observed,
          pass: refused,
        });
        if (!refused) failures.push(`${c.key}: got ${observed}`);
      }
      expect(failures).toEqual([]);
    });

    it("a Support member's actions aimed at another workspace id", async () => {
      const failures: string[] = [];
      // The same actions with the Sales (or other org) workspace id as first argument.
      for (const [actor, target] of [
        ["agent_self", ctx.sales],
        ["manager", ctx.sales],
        ["manager", ctx.otherWs],
      ] as [ActorKey, string][]) {
        for (const key of [
          "inviteUser[agent]",
          "renameWorkspaceAction",
          "createTeamAction",
          "sendMessageAction",
          "loadSnippetsAction",
        ]) {
          const base = find(key);
          const c: ActionCase = {
            ...base,
            key: `${key} ← workspace ${target === ctx.sales ? "Sales" : "of another org"}`,
            expect: () => "deny",
            prepare: async (env) => {
              const p = await base.prepare(env);
              return { ...p, args: Array.isArray(p.args) ? [target, ...p.args.slice(1)] : p.args };
            },
          };
          const { pass, observed } = await checkAction(handle.db, ctx, manifest, c, actor);
          record({
            group: "idor",
            mode: "foreign workspace id",
            actor,
            target: c.key,
            expected: "deny",
            observed,
            pass,
          });
          if (!pass) failures.push(`${actor} ${c.key}: got ${observed}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it("pages and route handlers with foreign ids", async () => {
      const failures: string[] = [];
      const cells: { actor: ActorKey; route: RouteRequest }[] = [
        {
          actor: "owner",
          route: {
            key: "/w/[Support]/contacts/[other org contact]",
            path: (c) => `/w/${c.support}/contacts/${c.otherContact}`,
            expect: () => "deny",
          },
        },
        {
          actor: "owner",
          route: {
            key: "/w/[Support]/inbox?c=[other org contact]",
            path: (c) => `/w/${c.support}/inbox?c=${c.otherContact}`,
            expect: () => "deny",
          },
        },
        {
          actor: "owner",
          route: { key: "/w/[other org]/dashboard", path: (c) => `/w/${c.otherWs}/dashboard`, expect: () => "deny" },
        },
        {
          actor: "owner",
          route: {
            key: "POST heartbeat {other org ws}",
            method: "POST",
            path: () => "/api/presence/heartbeat",
            body: (c) => JSON.stringify({ workspaceId: c.otherWs }),
            expect: () => "deny",
          },
        },
        {
          actor: "owner",
          route: {
            key: "stream ?workspaceId=[other org]",
            path: (c) => `/api/presence/stream?workspaceId=${c.otherWs}`,
            stream: true,
            expect: () => "deny",
          },
        },
        {
          actor: "owner",
          route: {
            key: "/org/[other org]/settings/users",
            path: (c) => `/org/${c.otherOrg}/settings/users`,
            expect: () => "deny",
          },
        },
        {
          actor: "agent_contacts",
          route: {
            key: "/w/[Sales]/contacts/[Sales contact]",
            path: (c) => `/w/${c.sales}/contacts/${c.contacts.sales}`,
            expect: () => "deny",
          },
        },
        {
          actor: "agent_self",
          route: { key: "/w/[Sales]/inbox", path: (c) => `/w/${c.sales}/inbox`, expect: () => "deny" },
        },
        {
          actor: "manager",
          route: {
            key: "/w/[Sales]/settings/users/export",
            path: (c) => `/w/${c.sales}/settings/users/export`,
            expect: () => "deny",
          },
        },
        {
          actor: "manager",
          route: {
            key: "/w/[Sales-only member id as ws]/dashboard",
            path: (c) => `/w/${c.salesOnly}/dashboard`,
            expect: () => "deny",
          },
        },
      ];
      for (const { actor, route } of cells) {
        // Both tokens: the honest one (the middleware may already refuse) and one claiming Owner everywhere.
        for (const mode of ["honest", "stale-owner"] as const) {
          if (actor === "owner" && mode === "stale-owner") continue;
          const { pass, observed } = await checkRoute(
            ctx,
            route,
            actor,
            await cookieFor(ctx, actor, mode),
            secretsFor(secrets, ctx, actor),
          );
          record({ group: "idor", mode: `route, ${mode}`, actor, target: route.key, expected: "deny", observed, pass });
          if (!pass) failures.push(`${actor} (${mode}) ${route.key}: got ${observed}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
});
