import { describeOutcome, isRefusal, type ActionOutcome } from "./actions";
import { header, type RawResponse } from "./http";
import type { RouteExpect } from "../routes";

// How a response is read as "allowed" or "denied". A denial is a redirect to sign-in,
// 401, 403 or 404 — never a 200 — and never carries the canary contact's name.

const locationPath = (res: RawResponse) => {
  const loc = header(res, "location");
  if (!loc) return "";
  try {
    return new URL(loc, "http://x").pathname;
  } catch {
    return loc;
  }
};

export function observedRoute(res: RawResponse, canary: string): string {
  const loc = header(res, "location");
  const leak = res.body.includes(canary) ? " +CANARY" : "";
  return `${res.status}${loc ? ` → ${loc.replace(/^https?:\/\/[^/]+/, "").slice(0, 80)}` : ""}${leak}`;
}

export function isDenial(res: RawResponse, canary: string): boolean {
  if (res.body.includes(canary)) return false;
  if ([401, 403, 404].includes(res.status)) return true;
  return res.status >= 300 && res.status < 400 && locationPath(res).startsWith("/signin");
}

export function judgeRoute(res: RawResponse, expected: RouteExpect, canary: string, opts: { okStatus?: number; contentType?: RegExp } = {}): boolean {
  if (expected === "deny") return isDenial(res, canary);
  if (expected === "allow") {
    if (res.status !== (opts.okStatus ?? 200)) return false;
    return opts.contentType ? opts.contentType.test(header(res, "content-type")) : true;
  }
  const target = expected.slice("redirect:".length);
  return res.status >= 300 && res.status < 400 && locationPath(res) === target;
}

export type ActionExpect = "allow" | "deny" | "conflict";

export async function judgeAction(
  outcome: ActionOutcome,
  expected: ActionExpect,
  wrote: (() => Promise<boolean>) | undefined,
): Promise<{ pass: boolean; observed: string }> {
  const didWrite = wrote ? await wrote() : undefined;
  const observed = `${describeOutcome(outcome)}${didWrite === undefined ? "" : didWrite ? ", wrote" : ", no write"}`;
  let pass: boolean;
  if (expected === "allow") pass = outcome.kind === "result" && outcome.ok && didWrite !== false;
  else if (expected === "conflict") pass = outcome.kind === "result" && !outcome.ok && outcome.code === "conflict" && didWrite !== true;
  else pass = isRefusal(outcome) && didWrite !== true;
  return { pass, observed };
}
