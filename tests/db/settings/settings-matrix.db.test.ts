// Who may call what in Reports and Settings → General, Teams, Snippets, Integrations
// (docs/PERMISSIONS.md, §3), as one table: every actor × every action and page. A refusal must leave
// the database exactly as it was; an allowed call must really have done its job.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renameWorkspaceAction } from "@/app/w/[workspaceId]/settings/general/actions";
import {
  addTeamMemberAction,
  createTeamAction,
  deleteTeamAction,
  removeTeamMemberAction,
  renameTeamAction,
  teamCandidatesAction,
} from "@/app/w/[workspaceId]/settings/teams/actions";
import {
  createSnippetAction,
  deleteSnippetAction,
  updateSnippetAction,
} from "@/app/w/[workspaceId]/settings/snippets/actions";
import {
  createWebhookAction,
  deleteWebhookAction,
  rotateWebhookSecretAction,
  sendTestEventAction,
  setWebhookActiveAction,
} from "@/app/w/[workspaceId]/settings/integrations/actions";
import ReportsPage from "@/app/w/[workspaceId]/reports/page";
import GeneralPage from "@/app/w/[workspaceId]/settings/general/page";
import TeamsPage from "@/app/w/[workspaceId]/settings/teams/page";
import SnippetsPage from "@/app/w/[workspaceId]/settings/snippets/page";
import IntegrationsPage from "@/app/w/[workspaceId]/settings/integrations/page";
import { NewWebhookButton } from "@/app/w/[workspaceId]/settings/integrations/new-webhook";
import { WebhookCard } from "@/app/w/[workspaceId]/settings/integrations/webhook-card";
import { TeamCard } from "@/app/w/[workspaceId]/settings/teams/team-card";
// Aliased: the rules-of-hooks lint reads any use* call as a React hook.
import { setupTestDb as openTestDb } from "@/tests/helpers/db";
import { asUser } from "@/tests/helpers/request";
import { snapshot } from "../users/support";
import {
  A,
  ACTORS,
  buildScene,
  findElements,
  fromAction,
  fromPage,
  treeText,
  type ActorKey,
  type Call,
  type Outcome,
} from "./scene";

// Delivery is tested against a real receiver in webhook-delivery.db.test.ts; here a
// background delivery round would write to the log in the middle of another cell.
vi.mock("@/lib/services/webhooks", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  kickWebhooks: vi.fn(),
}));

const t = openTestDb();

beforeAll(() => {
  // next.config.mjs turns experimental.authInterrupts on; forbidden() checks this flag.
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
});
afterAll(() => {
  delete process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS;
});

// Columns: reports.view · settings.view · integrations.manage
const EXPECTED: Record<ActorKey, [Outcome, Outcome, Outcome]> = {
  owner: /*                          */ [A, A, A],
  "owner (not org admin)": /*        */ [A, A, A],
  manager: /*                        */ [A, A, A],
  "manager:no_settings": /*          */ [A, 403, 403],
  "manager:no_integrations": /*      */ [A, A, 403],
  "manager:no_export": /*            */ [A, A, A],
  "manager:no_contact_delete": /*    */ [A, A, A],
  agent: /*                          */ [403, 403, 403],
  "org admin (not a member)": /*     */ [404, 404, 404],
  "member of another workspace": /*  */ [404, 404, 404],
  "revoked member": /*               */ [404, 404, 404],
  anonymous: /*                      */ [401, 401, 401],
};

const ws = (s: { ws: { workspaceId: string } }) => s.ws.workspaceId;
const pageArgs = (s: { ws: { workspaceId: string } }) => ({
  params: Promise.resolve({ workspaceId: ws(s) }),
  searchParams: Promise.resolve({}),
});
const auditActions = async (workspaceId: string) =>
  (await t.db.selectFrom("audit_log").select("action").where("workspace_id", "=", workspaceId).execute()).map(
    (r) => r.action,
  );

const REPORTS: Record<string, Call> = {
  "page /reports": async (s) =>
    fromPage(
      () => ReportsPage(pageArgs(s)),
      (tree) => {
        const text = treeText(tree);
        expect(text).toContain("Target Agent");
      },
    ),
};

const SETTINGS: Record<string, Call> = {
  "page /settings/general": async (s) =>
    fromPage(
      () => GeneralPage(pageArgs(s)),
      () => undefined,
    ),
  "page /settings/teams": async (s) =>
    fromPage(
      () => TeamsPage(pageArgs(s)),
      (tree) =>
        expect(findElements(tree, TeamCard).map((e) => (e.props.team as { name: string }).name)).toEqual(["Support"]),
    ),
  "page /settings/snippets": async (s) =>
    fromPage(
      () => SnippetsPage(pageArgs(s)),
      () => undefined,
    ),
  // Read-only for those without integrations.manage: the page opens, the buttons do not render.
  "page /settings/integrations": async (s) =>
    fromPage(
      () => IntegrationsPage(pageArgs(s)),
      async (tree) => {
        const member = await t.db
          .selectFrom("workspace_members")
          .select(["role", "restrictions"])
          .where("workspace_id", "=", ws(s))
          .where("user_id", "=", s.actorId!)
          .executeTakeFirstOrThrow();
        const manage =
          member.role === "owner" || (member.role === "manager" && !member.restrictions.includes("no_integrations"));
        expect(findElements(tree, NewWebhookButton)).toHaveLength(manage ? 1 : 0);
        const cards = findElements(tree, WebhookCard);
        expect(cards).toHaveLength(1);
        expect(cards[0].props.manage).toBe(manage);
        expect(JSON.stringify(cards[0].props)).not.toContain("whsec_fixture");
      },
    ),
  renameWorkspaceAction: async (s) =>
    fromAction(await renameWorkspaceAction(ws(s), { name: "  Renamed  " }), async () => {
      expect(
        (await t.db.selectFrom("workspaces").select("name").where("id", "=", ws(s)).executeTakeFirstOrThrow()).name,
      ).toBe("Renamed");
      const row = await t.db
        .selectFrom("audit_log")
        .selectAll()
        .where("workspace_id", "=", ws(s))
        .where("action", "=", "workspace.renamed")
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        actor_id: s.actorId,
        before: { name: "Settings Matrix" },
        after: { name: "Renamed" },
      });
    }),
  createTeamAction: async (s) =>
    fromAction(await createTeamAction(ws(s), { name: "Night shift" }), async (data) => {
      expect(
        await t.db
          .selectFrom("teams")
          .select("name")
          .where("id", "=", data.id)
          .where("workspace_id", "=", ws(s))
          .executeTakeFirst(),
      ).toEqual({ name: "Night shift" });
      expect(await auditActions(ws(s))).toContain("team.created");
    }),
  renameTeamAction: async (s) =>
    fromAction(await renameTeamAction(ws(s), { teamId: s.teamId, name: "Tier 2" }), async () => {
      expect(
        (await t.db.selectFrom("teams").select("name").where("id", "=", s.teamId).executeTakeFirstOrThrow()).name,
      ).toBe("Tier 2");
    }),
  deleteTeamAction: async (s) =>
    fromAction(await deleteTeamAction(ws(s), { teamId: s.teamId }), async () => {
      expect(await t.db.selectFrom("teams").select("id").where("id", "=", s.teamId).executeTakeFirst()).toBeUndefined();
      expect(await t.db.selectFrom("team_members").select("user_id").where("team_id", "=", s.teamId).execute()).toEqual(
        [],
      );
    }),
  addTeamMemberAction: async (s) =>
    fromAction(await addTeamMemberAction(ws(s), { teamId: s.teamId, userId: s.ws.ownerId }), async () => {
      const rows = await t.db
        .selectFrom("team_members")
        .select(["user_id", "workspace_id"])
        .where("team_id", "=", s.teamId)
        .execute();
      expect(rows).toContainEqual({ user_id: s.ws.ownerId, workspace_id: ws(s) });
    }),
  removeTeamMemberAction: async (s) =>
    fromAction(await removeTeamMemberAction(ws(s), { teamId: s.teamId, userId: s.targetId }), async () => {
      expect(await t.db.selectFrom("team_members").select("user_id").where("team_id", "=", s.teamId).execute()).toEqual(
        [],
      );
    }),
  teamCandidatesAction: async (s) =>
    fromAction(await teamCandidatesAction(ws(s), { teamId: s.teamId, q: "" }), async (data) => {
      const ids = data.map((c) => c.userId);
      expect(ids).toContain(s.ws.ownerId);
      expect(ids).not.toContain(s.targetId);
    }),
  createSnippetAction: async (s) =>
    fromAction(await createSnippetAction(ws(s), { name: "Thanks", body: "شكرًا لتواصلك" }), async (data) => {
      expect(
        await t.db.selectFrom("snippets").select(["name", "body"]).where("id", "=", data.id).executeTakeFirst(),
      ).toEqual({ name: "Thanks", body: "شكرًا لتواصلك" });
    }),
  updateSnippetAction: async (s) =>
    fromAction(
      await updateSnippetAction(ws(s), { snippetId: s.snippetId, name: "Hello", body: "Hi there" }),
      async () => {
        expect(
          await t.db.selectFrom("snippets").select(["name", "body"]).where("id", "=", s.snippetId).executeTakeFirst(),
        ).toEqual({ name: "Hello", body: "Hi there" });
      },
    ),
  deleteSnippetAction: async (s) =>
    fromAction(await deleteSnippetAction(ws(s), { snippetId: s.snippetId }), async () => {
      expect(
        await t.db.selectFrom("snippets").select("id").where("id", "=", s.snippetId).executeTakeFirst(),
      ).toBeUndefined();
    }),
};

const INTEGRATIONS: Record<string, Call> = {
  createWebhookAction: async (s) =>
    fromAction(
      await createWebhookAction(ws(s), {
        url: "https://receiver.example.org/hook",
        events: ["member.joined", "member.revoked"],
      }),
      async (data) => {
        expect(data.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
        const row = await t.db.selectFrom("webhooks").selectAll().where("id", "=", data.id).executeTakeFirstOrThrow();
        expect(row).toMatchObject({
          workspace_id: ws(s),
          url: "https://receiver.example.org/hook",
          events: ["member.joined", "member.revoked"],
          secret: data.secret,
          active: true,
        });
      },
    ),
  deleteWebhookAction: async (s) =>
    fromAction(await deleteWebhookAction(ws(s), { webhookId: s.webhookId }), async () => {
      expect(
        await t.db.selectFrom("webhooks").select("id").where("id", "=", s.webhookId).executeTakeFirst(),
      ).toBeUndefined();
    }),
  setWebhookActiveAction: async (s) =>
    fromAction(await setWebhookActiveAction(ws(s), { webhookId: s.webhookId, active: false }), async () => {
      expect(
        (await t.db.selectFrom("webhooks").select("active").where("id", "=", s.webhookId).executeTakeFirstOrThrow())
          .active,
      ).toBe(false);
      expect(await auditActions(ws(s))).toContain("webhook.disabled");
    }),
  rotateWebhookSecretAction: async (s) =>
    fromAction(await rotateWebhookSecretAction(ws(s), { webhookId: s.webhookId }), async (data) => {
      const row = await t.db
        .selectFrom("webhooks")
        .select("secret")
        .where("id", "=", s.webhookId)
        .executeTakeFirstOrThrow();
      expect(row.secret).toBe(data.secret);
      expect(row.secret).not.toBe("whsec_fixture");
    }),
  sendTestEventAction: async (s) =>
    fromAction(await sendTestEventAction(ws(s), { webhookId: s.webhookId }), async (data) => {
      const row = await t.db
        .selectFrom("webhook_deliveries")
        .select(["event", "webhook_id", "workspace_id"])
        .where("id", "=", data.deliveryId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ event: "webhook.test", webhook_id: s.webhookId, workspace_id: ws(s) });
    }),
};

const CALLS = (
  [
    [REPORTS, 0],
    [SETTINGS, 1],
    [INTEGRATIONS, 2],
  ] as const
).flatMap(([calls, column]) => Object.entries(calls).map(([name, call]) => ({ name, call, column })));

describe("Reports and workspace settings: actor × action matrix", () => {
  it("covers 20 actions and pages", () => {
    expect(CALLS).toHaveLength(20);
  });

  it.each(ACTORS)("%s", async (actor) => {
    for (const { name, call, column } of CALLS) {
      const expected = EXPECTED[actor][column];
      const cell = `${actor} → ${name}`;
      const scene = await buildScene(t.db, actor);
      await asUser(scene.actorId);
      const before = await snapshot(t.db);
      const { outcome, verify } = await call(scene);
      expect.soft(outcome, cell).toBe(expected);
      if (outcome === "allow") {
        const failure = await verify().then(
          () => undefined,
          (e: Error) => e.message,
        );
        expect.soft(failure, `${cell}: the allowed call did its job`).toBeUndefined();
      } else expect.soft(await snapshot(t.db), `${cell}: a refused call must not write anything`).toEqual(before);
    }
  });
});
