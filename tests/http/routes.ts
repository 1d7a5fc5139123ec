import { CONTACT_KEYS, type ActorKey, type ContactKey, type HttpContext } from "./support/context";
import { firstModule, has, HAS_WORKSPACE, VISIBLE, type Cap } from "./expectations";

// Every page and route handler under app/, with the expected outcome per actor from
// expectations.ts; route-coverage.http.test.ts fails when a file under app/ has no case here.

/** "allow": 200 (204 for the heartbeat); "redirect:<path>": an allowed redirect there; "deny". */
export type RouteExpect = "allow" | "deny" | `redirect:${string}`;

export interface RouteCase {
  key: string;
  /** The page.tsx or route.ts under app/ this case requests. */
  file: string;
  method?: "GET" | "POST";
  path: (ctx: HttpContext) => string;
  body?: (ctx: HttpContext) => string;
  /** Server-Sent Events: read the headers only. */
  stream?: boolean;
  expect: (actor: ActorKey, ctx: HttpContext) => RouteExpect;
  /** Route handlers and streams: what an allowed response looks like. */
  okStatus?: number;
  contentType?: RegExp;
  /**
   * The page only redirects to another case's (guarded) page: the matrix checks it with honest
   * tokens only, the bypass attempts skip it — a redirect that may skip the middleware carries nothing.
   */
  redirectsOnly?: boolean;
}

/** A request with its expectation, as run.ts sends it (ad-hoc cases need no file). */
export type RouteRequest = Omit<RouteCase, "file">;

const by =
  (...caps: Cap[]) =>
  (actor: ActorKey): RouteExpect =>
    has(actor, ...caps) ? "allow" : "deny";

const seesContact =
  (cap: Cap, contact: ContactKey) =>
  (actor: ActorKey): RouteExpect =>
    has(actor, cap) && VISIBLE[actor].includes(contact) ? "allow" : "deny";

const ws = (ctx: HttpContext) => `/w/${ctx.support}`;
const W = "app/w/[workspaceId]";
const everyone = (): RouteExpect => "allow";

export const ROUTE_CASES: RouteCase[] = [
  {
    key: "/w/[ws]",
    file: "app/w/[workspaceId]/page.tsx",
    path: ws,
    expect: (actor, ctx) => {
      const first = has(actor, "member") ? firstModule(actor) : null;
      return first ? `redirect:/w/${ctx.support}/${first}` : "deny";
    },
  },
  {
    key: "/w/[ws]/dashboard",
    file: `${W}/dashboard/page.tsx`,
    path: (c) => `${ws(c)}/dashboard`,
    expect: by("member", "dashboard"),
  },
  { key: "/w/[ws]/inbox", file: `${W}/inbox/page.tsx`, path: (c) => `${ws(c)}/inbox`, expect: by("member", "inbox") },
  {
    key: "/w/[ws]/contacts",
    file: `${W}/contacts/(list)/page.tsx`,
    path: (c) => `${ws(c)}/contacts`,
    expect: by("member", "contacts"),
  },
  {
    key: "/w/[ws]/reports",
    file: `${W}/reports/page.tsx`,
    path: (c) => `${ws(c)}/reports`,
    expect: by("member", "reports"),
  },
  ...["general", "users", "teams", "snippets", "integrations"].map((page): RouteCase => ({
    key: `/w/[ws]/settings/${page}`,
    file: `${W}/settings/${page}/page.tsx`,
    path: (c) => `${ws(c)}/settings/${page}`,
    expect: by("member", "settings"),
  })),
  // Settings → Roles: base level Owner with users management (canManageRoles); of the built-in actors, the Owner.
  {
    key: "/w/[ws]/settings/roles",
    file: `${W}/settings/roles/page.tsx`,
    path: (c) => `${ws(c)}/settings/roles`,
    expect: by("member", "settings", "manageAll"),
  },
  {
    key: "/w/[ws]/settings/users/export",
    file: `${W}/settings/users/export/route.ts`,
    path: (c) => `${ws(c)}/settings/users/export`,
    expect: by("member", "settings", "export"),
    okStatus: 200,
    contentType: /^text\/csv/,
  },
  {
    key: "/w/[ws]/contacts/export",
    file: `${W}/contacts/export/route.ts`,
    path: (c) => `${ws(c)}/contacts/export`,
    expect: by("member", "contacts", "export"),
    okStatus: 200,
    contentType: /^text\/csv/,
  },
  ...CONTACT_KEYS.map((contact): RouteCase => ({
    key: `/w/[ws]/contacts/[${contact}]`,
    file: `${W}/contacts/[contactId]/page.tsx`,
    path: (c) => `${ws(c)}/contacts/${c.contacts[contact]}`,
    expect: seesContact("contacts", contact),
  })),
  ...CONTACT_KEYS.map((contact): RouteCase => ({
    key: `/w/[ws]/inbox?c=[${contact}]`,
    file: `${W}/inbox/page.tsx`,
    path: (c) => `${ws(c)}/inbox?c=${c.contacts[contact]}`,
    expect: seesContact("inbox", contact),
  })),
  {
    key: "POST /api/presence/heartbeat",
    file: "app/api/presence/heartbeat/route.ts",
    method: "POST",
    path: () => "/api/presence/heartbeat",
    body: (c) => JSON.stringify({ workspaceId: c.support }),
    expect: by("member"),
    okStatus: 204,
  },
  {
    key: "/api/presence/stream",
    file: "app/api/presence/stream/route.ts",
    path: (c) => `/api/presence/stream?workspaceId=${c.support}`,
    stream: true,
    expect: by("member"),
    okStatus: 200,
    contentType: /^text\/event-stream/,
  },
  {
    // Avatars are for people who share an organization with their owner: everyone signed in
    // except the other organization's Owner (a stranger gets 404, as for no avatar).
    key: "/api/avatar/[owner]",
    file: "app/api/avatar/[userId]/route.ts",
    path: (c) => `/api/avatar/${c.actors.owner.userId}`,
    expect: (actor) => (has(actor, "signedIn") && actor !== "other_ws" ? "allow" : "deny"),
    okStatus: 200,
    contentType: /^image\/png/,
  },
  ...["users", "workspaces", "billing", "network", "two-step", "sso"].map((page): RouteCase => ({
    key: `/org/[org]/settings/${page}`,
    file: `app/org/[orgId]/settings/${page}/page.tsx`,
    path: (c) => `/org/${c.org}/settings/${page}`,
    expect: by("orgAdmin"),
  })),
  { key: "/account", file: "app/account/page.tsx", path: () => "/account", expect: by("signedIn") },
  {
    key: "/onboarding",
    file: "app/onboarding/page.tsx",
    path: () => "/onboarding",
    expect: (actor) => (!has(actor, "signedIn") ? "deny" : HAS_WORKSPACE[actor] ? "redirect:/" : "allow"),
  },
  {
    key: "/",
    file: "app/page.tsx",
    path: () => "/",
    expect: (actor, ctx) =>
      !has(actor, "signedIn")
        ? "deny"
        : has(actor, "member")
          ? `redirect:/w/${ctx.support}`
          : actor === "other_ws"
            ? `redirect:/w/${ctx.otherWs}`
            : "redirect:/onboarding",
  },
  ...["users", "settings"].map((page): RouteCase => ({
    key: page === "users" ? "/org/[org]" : "/org/[org]/settings",
    file: page === "users" ? "app/org/[orgId]/page.tsx" : "app/org/[orgId]/settings/page.tsx",
    path: (c) => (page === "users" ? `/org/${c.org}` : `/org/${c.org}/settings`),
    expect: (actor, ctx) => (has(actor, "orgAdmin") ? `redirect:/org/${ctx.org}/settings/users` : "deny"),
    redirectsOnly: true,
  })),
  // Public by design: whoever asks gets the same answer.
  {
    key: "/signin",
    file: "app/(auth)/signin/page.tsx",
    path: () => "/signin",
    expect: (actor) => (has(actor, "signedIn") ? "redirect:/" : "allow"),
  },
  // Only a session waiting for its second factor sees the form; a signed-in one goes on to the
  // callbackUrl ("/"), a signed-out one to /signin.
  {
    key: "/signin/verify",
    file: "app/(auth)/signin/verify/page.tsx",
    path: () => "/signin/verify",
    expect: (actor) => (has(actor, "signedIn") ? "redirect:/" : "redirect:/signin"),
  },
  {
    key: "/signin/check-email",
    file: "app/(auth)/signin/check-email/page.tsx",
    path: () => "/signin/check-email",
    expect: everyone,
  },
  {
    key: "/signin/no-access",
    file: "app/(auth)/signin/no-access/page.tsx",
    path: () => "/signin/no-access?email=someone%40example.com",
    expect: everyone,
  },
  // Single sign-on: no organization of the suite has it, so both send everyone back to sign-in.
  {
    key: "/api/sso/start",
    file: "app/api/sso/start/route.ts",
    path: () => "/api/sso/start?email=someone%40nowhere.example",
    expect: () => "redirect:/signin",
  },
  {
    key: "/api/sso/callback",
    file: "app/api/sso/callback/route.ts",
    path: () => "/api/sso/callback?code=x&state=y",
    expect: () => "redirect:/signin",
  },
  { key: "/signout", file: "app/(auth)/signout/page.tsx", path: () => "/signout", expect: by("signedIn") },
  // The middleware rewrites its refusals here: a 403 for everyone.
  { key: "/forbidden", file: "app/forbidden/page.tsx", path: () => "/forbidden", expect: () => "deny" },
  {
    key: "/invite/[unknown token]",
    file: "app/invite/[token]/page.tsx",
    path: () => `/invite/${"x".repeat(43)}`,
    expect: everyone,
  },
  {
    key: "/api/auth/providers",
    file: "app/api/auth/[...nextauth]/route.ts",
    path: () => "/api/auth/providers",
    expect: everyone,
    contentType: /^application\/json/,
  },
  {
    key: "/api/health",
    file: "app/api/health/route.ts",
    path: () => "/api/health",
    expect: everyone,
    contentType: /^application\/json/,
  },
  {
    key: "/api/health/live",
    file: "app/api/health/live/route.ts",
    path: () => "/api/health/live",
    expect: everyone,
    contentType: /^application\/json/,
  },
  {
    key: "/api/health/ready",
    file: "app/api/health/ready/route.ts",
    path: () => "/api/health/ready",
    expect: everyone,
    contentType: /^application\/json/,
  },
  // Authorized by the CRON_SECRET bearer token only, never by a session: every actor is refused (the
  // suite's server has no CRON_SECRET; cron-health.http.test.ts covers the secret on a second server).
  {
    key: "/api/cron/[job]",
    file: "app/api/cron/[job]/route.ts",
    path: () => "/api/cron/mail",
    expect: () => "deny",
  },
  {
    // The access job (access until a date): the same route, refused to every session alike.
    key: "/api/cron/access",
    file: "app/api/cron/[job]/route.ts",
    path: () => "/api/cron/access",
    expect: () => "deny",
  },
  {
    key: "POST /api/csp-report",
    file: "app/api/csp-report/route.ts",
    method: "POST",
    path: () => "/api/csp-report",
    body: () =>
      JSON.stringify({ "csp-report": { "document-uri": "http://localhost/", "violated-directive": "img-src" } }),
    expect: everyone,
    okStatus: 204,
  },
  // The HTTP tier runs with MAIL_OUTBOX=1 (mailbox-off.http.test.ts starts a server without it).
  { key: "/dev/mailbox", file: "app/dev/mailbox/page.tsx", path: () => "/dev/mailbox", expect: everyone },
  {
    key: "/dev/mailbox/[unknown id]",
    file: "app/dev/mailbox/[id]/page.tsx",
    path: () => "/dev/mailbox/00000000-0000-4000-8000-000000000000",
    expect: () => "deny",
  },
];
