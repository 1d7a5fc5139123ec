import "server-only";
import { headers } from "next/headers";
import { currentRequestId, log, withRequestContext, type Logger } from "@/lib/log";
import { REQUEST_ID_HEADER, requestIdOf } from "@/lib/request-id";

/**
 * This request's id: the one the middleware forwarded (or the context already entered); a route
 * the middleware does not run for (the presence heartbeat) gets a fresh one here.
 */
export async function requestId(): Promise<string> {
  const current = currentRequestId();
  if (current) return current;
  try {
    return requestIdOf((await headers()).get(REQUEST_ID_HEADER));
  } catch {
    // Outside a request (start-up, a job): an id of its own.
    return requestIdOf(null);
  }
}

/** A logger for this request: every line carries `requestId` (pages, layouts, guards). */
export async function requestLog(scope: string): Promise<Logger> {
  if (currentRequestId()) return log.child({ scope });
  return log.child({ scope, requestId: await requestId() });
}

/**
 * Run a server action or a route handler inside this request's context: every log line it
 * writes carries the id, and audit rows store it (lib/services/audit.ts).
 */
export async function inRequestContext<T>(fn: (requestId: string) => Promise<T>): Promise<T> {
  const id = await requestId();
  return withRequestContext({ requestId: id }, () => fn(id));
}
