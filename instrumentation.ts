import type { Instrumentation } from "next";
import { isNodeRuntime, isProduction, otelConfig } from "./lib/env";

// Runs once when a Next.js server starts (dev and `next start`).
export async function register() {
  if (isNodeRuntime()) {
    // First: requests that arrive while start-up work runs must carry their peer address too.
    const { installPeerAddressHeader } = await import("./lib/startup/peer-address");
    installPeerAddressHeader();
    // OpenTelemetry only when an OTLP endpoint is set: off, the SDK is never imported.
    const telemetry = otelConfig();
    if (telemetry) {
      const { startTelemetry } = await import("./lib/observability/otel");
      startTelemetry(telemetry);
    }
    if (isProduction()) {
      // `next start`: SIGTERM drains (lib/startup/shutdown.ts). `next dev` keeps Next's own handling.
      const { installGracefulShutdown } = await import("./lib/startup/shutdown");
      installGracefulShutdown();
    }
    const { startNode } = await import("./lib/startup/node");
    await startNode();
  }
}

// Every error a page, layout, route handler or server action did not handle: one JSON line with
// the request id and the digest the error page shows as its reference (app/components/error-reference.ts).
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (!isNodeRuntime()) return;
  const { logRequestError } = await import("./lib/observability/request-error");
  logRequestError(error, request, context);
};
