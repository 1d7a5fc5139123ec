import { describeOutcome, isRefusal, type ActionOutcome } from "./actions";
import { header, type RawResponse } from "./http";
import type { RouteExpect } from "../routes";

// How a response is read as "allowed" or "denied". A denial is a redirect to sign-in,
// 401, 403 or 404, and never carries another person's data (`secrets`).
//
// One exception, recorded as "rsc-fallback": an RSC request (header `RSC: 1`) for a page
// whose server guard calls notFound()/forbidden() is answered by Next with HTTP 200 and a
// payload that only tells the client router to render the 404/403 page (the error digest
// NEXT_HTTP_ERROR_FALLBACK;404); or an empty update (one row, no flight data: the state tree
// claimed the client already shows that very page, so nothing is rendered); or — for a real
// prefetch (Next-Router-Prefetch) only — the route tree without data. That is accepted as a
// denial only when no secret is in the body.

const locationPath = (res: RawResponse) => {
  const loc = header(res, "location");
  if (!loc) return "";
  try {
    return new URL(loc, "http://x").pathname;
  } catch {
    return loc;
  }
};

export const leaked = (res: RawResponse, secrets: readonly string[]) => secrets.filter((s) => res.body.includes(s));

/** `prefetch`: the request carried Next-Router-Prefetch, so a bare route tree is an answer too. */
export function isRscFallback(res: RawResponse, prefetch = false): boolean {
  if (res.status !== 200 || !header(res, "content-type").startsWith("text/x-component")) return false;
  if (/NEXT_HTTP_ERROR_FALLBACK;40[34]|NEXT_REDIRECT/.test(res.body)) return true;
  const emptyUpdate = !res.body.trim().includes("\n") && !/"f":/.test(res.body);
  return emptyUpdate || (prefetch && !/"d":\{/.test(res.body));
}

export function observedRoute(res: RawResponse, secrets: readonly string[], prefetch = false): string {
  const loc = header(res, "location");
  const leaks = leaked(res, secrets);
  return (
    `${res.status}${loc ? ` → ${loc.replace(/^https?:\/\/[^/]+/, "").slice(0, 80)}` : ""}` +
    `${isRscFallback(res, prefetch) ? " rsc-fallback" : ""}${leaks.length ? ` LEAKS ${leaks.slice(0, 3).join(", ")}` : ""}`
  );
}

export function isDenial(res: RawResponse, secrets: readonly string[], prefetch = false): boolean {
  if (leaked(res, secrets).length) return false;
  if ([401, 403, 404].includes(res.status)) return true;
  if (res.status >= 300 && res.status < 400) return locationPath(res).startsWith("/signin");
  return isRscFallback(res, prefetch);
}

export function judgeRoute(
  res: RawResponse,
  expected: RouteExpect,
  secrets: readonly string[],
  opts: { okStatus?: number; contentType?: RegExp; prefetch?: boolean } = {},
): boolean {
  if (expected === "deny") return isDenial(res, secrets, opts.prefetch);
  if (expected === "allow") {
    if (res.status !== (opts.okStatus ?? 200) || isRscFallback(res, opts.prefetch)) return false;
    return opts.contentType ? opts.contentType.test(header(res, "content-type")) : true;
  }
  const target = expected.slice("redirect:".length);
  return res.status >= 300 && res.status < 400 && locationPath(res) === target;
}

export type ActionExpect = "allow" | "deny" | "conflict";

/**
 * `pageDenial`: the response is a page-shaped denial without data (see isDenial) — what Next
 * sends when a POST carrying Next-Action also asks for RSC: it renders the page instead.
 */
export async function judgeAction(
  outcome: ActionOutcome,
  expected: ActionExpect,
  wrote: (() => Promise<boolean>) | undefined,
  pageDenial = false,
): Promise<{ pass: boolean; observed: string }> {
  const didWrite = wrote ? await wrote() : undefined;
  const observed = `${describeOutcome(outcome)}${didWrite === undefined ? "" : didWrite ? ", wrote" : ", no write"}`;
  let pass: boolean;
  if (expected === "allow") pass = outcome.kind === "result" && outcome.ok && didWrite !== false;
  else if (expected === "conflict")
    pass = outcome.kind === "result" && !outcome.ok && outcome.code === "conflict" && didWrite !== true;
  else pass = (isRefusal(outcome) || (pageDenial && outcome.kind === "http")) && didWrite !== true;
  return { pass, observed };
}
