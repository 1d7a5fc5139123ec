// The server's one logger: structured JSON lines (pino) on stdout, level from LOG_LEVEL.
// No `server-only` marker: instrumentation (start-up, shutdown, job loops, the bus) logs too.
// Every line written while a request is served carries its `requestId` (the request context
// below, entered by the action wrappers and route handlers: lib/request-context.ts), and
// `traceId` while an OpenTelemetry span is active. Never log secrets, tokens, cookies or mail
// bodies: pass ids and reason codes; the keys below are censored if one slips in.
import { AsyncLocalStorage } from "node:async_hooks";
import { trace } from "@opentelemetry/api";
import pino, { type Logger } from "pino";
import { logLevel } from "@/lib/env";

export type { Logger };

export interface RequestContext {
  requestId: string;
}

// One store and one logger per process, however many bundles import this module (Next builds
// instrumentation and the app separately).
const holder = globalThis as unknown as {
  __switchboardRequestContext?: AsyncLocalStorage<RequestContext>;
  __switchboardLogger?: Logger;
};
const store = (holder.__switchboardRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** Run `fn` with this request's context: log lines and audit rows written inside it carry the id. */
export function withRequestContext<T>(context: RequestContext, fn: () => T): T {
  return store.run(context, fn);
}

/** The request id of the request being served, if any (audit rows store it). */
export function currentRequestId(): string | null {
  return store.getStore()?.requestId ?? null;
}

const REDACT = [
  "cookie",
  "authorization",
  "token",
  "secret",
  "password",
  "html",
  "text",
  "*.cookie",
  "*.authorization",
  "*.token",
  "*.secret",
  "*.password",
  "*.html",
  "*.text",
  "headers.cookie",
  "headers.authorization",
];

function create(): Logger {
  return pino(
    {
      level: logLevel(),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: "[redacted]" },
      mixin() {
        const fields: Record<string, string> = {};
        const requestId = store.getStore()?.requestId;
        if (requestId) fields.requestId = requestId;
        const span = trace.getActiveSpan()?.spanContext();
        if (span && span.traceId !== "00000000000000000000000000000000") fields.traceId = span.traceId;
        return fields;
      },
    },
    // process.stdout rather than pino's own file descriptor stream: lines stay in order with
    // Next's own output, and tests can read them.
    process.stdout,
  );
}

export const log: Logger = (holder.__switchboardLogger ??= create());

/** A logger for one part of the server (`scope` on every line). */
export function scoped(scope: string): Logger {
  return log.child({ scope });
}
