import { CONTACT_KEYS, type ActorKey, type ContactKey, type HttpContext } from "./support/context";
import { firstModule, has, HAS_WORKSPACE, VISIBLE, type Cap } from "./expectations";

// Every page and route handler of docs/PRODUCT.md, Routes that needs access (the public ones — /signin,
// /invite, /api/auth, /api/health, /dev — are not in the matrix), with the expected outcome
// per actor from expectations.ts.

/** "allow": 200 (204 for the heartbeat); "redirect:<path>": an allowed redirect there; "deny". */
export type RouteExpect = "allow" | "deny" | `redirect:${string}`;

export interface RouteCase {
  key: string;
  method?: "GET" | "POST";
  path: (ctx: HttpContext) => string;
  body?: (ctx: HttpContext) => string;
  /** Server-Sent Events: read the headers only. */
  stream?: boolean;
  expect: (actor: ActorKey, ctx: HttpContext) => RouteExpect;
  /** Route handlers and streams: what an allowed response looks like. */
  okStatus?: number;
  contentType?: RegExp;
}

const by =
  (...caps: Cap[]) =>
  (actor: ActorKey): RouteExpect =>
    has(actor, ...caps) ? "allow" : "deny";

const seesContact =
  (cap: Cap, contact: ContactKey) =>
  (actor: ActorKey): RouteExpect =>
    has(actor, cap) && VISIBLE[actor].includes(contact) ? "allow" : "deny";

const ws = (ctx: HttpContext) => `/w/${ctx.support}`;

export const ROUTE_CASES: RouteCase[] = [
  {
    key: "/w/[ws]",
    path: ws,
    expect: (actor, ctx) => {
      const first = has(actor, "member") ? firstModule(actor) : null;
      return first ? `redirect:/w/${ctx.support}/${first}` : "deny";
    },
  },
  { key: "/w/[ws]/dashboard", path: (c) => `${ws(c)}/dashboard`, expect: by("member", "dashboard") },
  { key: "/w/[ws]/inbox", path: (c) => `${ws(c)}/inbox`, expect: by("member", "inbox") },
  { key: "/w/[ws]/contacts", path: (c) => `${ws(c)}/contacts`, expect: by("member", "contacts") },
  { key: "/w/[ws]/reports", path: (c) => `${ws(c)}/reports`, expect: by("member", "reports") },
  ...["general", "users", "teams", "snippets", "integrations"].map((page): RouteCase => ({
    key: `/w/[ws]/settings/${page}`,
    path: (c) => `${ws(c)}/settings/${page}`,
    expect: by("member", "settings"),
  })),
  {
    key: "/w/[ws]/settings/users/export",
    path: (c) => `${ws(c)}/settings/users/export`,
    expect: by("member", "settings", "export"),
    okStatus: 200,
    contentType: /^text\/csv/,
  },
  {
    key: "/w/[ws]/contacts/export",
    path: (c) => `${ws(c)}/contacts/export`,
    expect: by("member", "contacts", "export"),
    okStatus: 200,
    contentType: /^text\/csv/,
  },
  ...CONTACT_KEYS.map((contact): RouteCase => ({
    key: `/w/[ws]/contacts/[${contact}]`,
    path: (c) => `${ws(c)}/contacts/${c.contacts[contact]}`,
    expect: seesContact("contacts", contact),
  })),
  ...CONTACT_KEYS.map((contact): RouteCase => ({
    key: `/w/[ws]/inbox?c=[${contact}]`,
    path: (c) => `${ws(c)}/inbox?c=${c.contacts[contact]}`,
    expect: seesContact("inbox", contact),
  })),
  {
    key: "POST /api/presence/heartbeat",
    method: "POST",
    path: () => "/api/presence/heartbeat",
    body: (c) => JSON.stringify({ workspaceId: c.support }),
    expect: by("member"),
    okStatus: 204,
  },
  {
    key: "/api/presence/stream",
    path: (c) => `/api/presence/stream?workspaceId=${c.support}`,
    stream: true,
    expect: by("member"),
    okStatus: 200,
    contentType: /^text\/event-stream/,
  },
  {
    // Avatars reach only people who share an organization with their owner (docs/SECURITY.md):
    // every actor of the demo organization, the revoked one included (still in the organization);
    // not the member of the other organization, who gets 404 as for no avatar.
    key: "/api/avatar/[owner]",
    path: (c) => `/api/avatar/${c.actors.owner.userId}`,
    expect: (actor) => (has(actor, "signedIn") && actor !== "other_ws" ? "allow" : "deny"),
    okStatus: 200,
    contentType: /^image\/png/,
  },
  ...["users", "workspaces", "billing"].map((page): RouteCase => ({
    key: `/org/[org]/settings/${page}`,
    path: (c) => `/org/${c.org}/settings/${page}`,
    expect: by("orgAdmin"),
  })),
  { key: "/account", path: () => "/account", expect: by("signedIn") },
  {
    key: "/onboarding",
    path: () => "/onboarding",
    expect: (actor) => (!has(actor, "signedIn") ? "deny" : HAS_WORKSPACE[actor] ? "redirect:/" : "allow"),
  },
];
