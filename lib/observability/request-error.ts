// The log line of an unhandled request error (instrumentation.ts, onRequestError). No
// `server-only` marker: instrumentation imports it. The path only, never the query (it can
// carry a sign-in token); never the request's headers.
import { log } from "@/lib/log";
import { REQUEST_ID_HEADER, safeRequestId } from "@/lib/request-id";

interface RequestInfo {
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
}
interface ErrorContext {
  routerKind: string;
  routePath: string;
  routeType: string;
}

export function logRequestError(error: unknown, request: RequestInfo, context: ErrorContext): void {
  const header = request.headers[REQUEST_ID_HEADER];
  const digest = (error as { digest?: unknown } | null)?.digest;
  log.error(
    {
      scope: "request",
      requestId: safeRequestId(Array.isArray(header) ? header[0] : header) ?? undefined,
      digest: typeof digest === "string" ? digest : undefined,
      method: request.method,
      path: request.path.split("?")[0],
      route: context.routePath,
      routeType: context.routeType,
      err: error,
    },
    "request failed",
  );
}
