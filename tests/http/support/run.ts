import type { Db } from "@/db/connect";
import type { ActionCase, Expect } from "../action-cases";
import type { RouteExpect, RouteRequest } from "../routes";
import { callAction, workerPath, type ManifestAction } from "./actions";
import type { ActorKey, HttpContext } from "./context";
import { cookieFor, type ClaimMode } from "./fixtures";
import { header, raw, type RawResponse } from "./http";
import { isDenial, judgeAction, judgeRoute, observedRoute } from "./judge";

// One route or one action, for one actor, judged against its expectation.

export interface RequestTweak {
  headers?: Record<string, string>;
  path?: (path: string) => string;
  /**
   * RSC requests: Next 16 answers a missing/wrong `_rsc` cache-busting parameter with a 307 to the right one; follow
   * it once.
   */
  followRsc?: boolean;
}

export async function fetchRoute(
  ctx: HttpContext,
  route: RouteRequest,
  cookie: string | null,
  tweak: RequestTweak = {},
): Promise<RawResponse> {
  const path = (tweak.path ?? ((p: string) => p))(route.path(ctx));
  const opts = {
    method: route.method ?? "GET",
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(route.body ? { "content-type": "application/json" } : {}),
      ...(tweak.headers ?? {}),
    },
    body: route.body?.(ctx),
    headersOnly: route.stream,
  };
  let res = await raw(ctx.base, path, opts);
  const loc = header(res, "location");
  if (tweak.followRsc && res.status === 307 && /[?&]_rsc(=|&|$)/.test(loc)) res = await raw(ctx.base, loc, opts);
  return res;
}

export async function checkRoute(
  ctx: HttpContext,
  route: RouteRequest,
  actor: ActorKey,
  cookie: string | null,
  secrets: readonly string[],
  tweak: RequestTweak = {},
  expected: RouteExpect = route.expect(actor, ctx),
): Promise<{ pass: boolean; observed: string; expected: RouteExpect; res: RawResponse }> {
  const res = await fetchRoute(ctx, route, cookie, tweak);
  const prefetch = !!tweak.headers?.["next-router-prefetch"];
  return {
    pass: judgeRoute(res, expected, secrets, { ...route, prefetch }),
    observed: observedRoute(res, secrets, prefetch),
    expected,
    res,
  };
}

export function actionPath(ctx: HttpContext, action: ManifestAction, params: Record<string, string> = {}): string {
  return workerPath(action.worker, {
    workspaceId: ctx.support,
    orgId: ctx.org,
    contactId: params.contactId ?? ctx.contacts.unassigned,
    token: params.token ?? "x".repeat(43),
    ...params,
  });
}

export async function checkAction(
  db: Db,
  ctx: HttpContext,
  manifest: ManifestAction[],
  c: ActionCase,
  actor: ActorKey,
  opts: {
    mode?: ClaimMode;
    cookie?: string | null;
    path?: (natural: string) => string;
    headers?: Record<string, string>;
    expected?: Expect;
    /** Accept a page-shaped denial (403/404/sign-in/RSC fallback) that carries none of these. */
    secrets?: readonly string[];
  } = {},
): Promise<{ pass: boolean; observed: string; expected: Expect }> {
  const action = manifest.find((m) => m.file === c.file && m.exportName === c.exportName);
  if (!action)
    throw new Error(`${c.file}#${c.exportName} is not in ${ctx.distDir}/server/server-reference-manifest.json`);
  const userId = actor === "anonymous" ? null : ctx.actors[actor].userId;
  const prepared = await c.prepare({ db, ctx, actor, userId });
  const natural = actionPath(ctx, action, prepared.params);
  const cookie = opts.cookie !== undefined ? opts.cookie : await cookieFor(ctx, actor, opts.mode ?? "honest");
  const call = {
    id: action.id,
    path: opts.path ? opts.path(natural) : natural,
    args: prepared.args,
    cookie,
    headers: opts.headers,
  };
  let { res, outcome } = await callAction(ctx.base, call);
  // With RSC headers Next first redirects (307 keeps the POST) to the URL with its `_rsc` cache-busting parameter.
  if (outcome.kind === "http" && outcome.status === 307 && /[?&]_rsc=/.test(outcome.location)) {
    ({ res, outcome } = await callAction(ctx.base, { ...call, path: outcome.location }));
  }
  const expected = opts.expected ?? c.expect(actor);
  const wrote = prepared.wrote;
  const pageDenial = opts.secrets ? isDenial(res, opts.secrets) : false;
  const verdict = await judgeAction(outcome, expected, wrote && (() => wrote(res, outcome)), pageDenial);
  await prepared.cleanup?.();
  return { ...verdict, expected };
}
