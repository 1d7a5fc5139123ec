import { isNodeRuntime, isProduction } from "./lib/env";

// Runs once when a Next.js server starts (dev and `next start`).
export async function register() {
  if (isNodeRuntime()) {
    // First: requests that arrive while start-up work runs must carry their peer address too.
    const { installPeerAddressHeader } = await import("./lib/startup/peer-address");
    installPeerAddressHeader();
    if (isProduction()) {
      // `next start`: SIGTERM drains (lib/startup/shutdown.ts). `next dev` keeps Next's own handling.
      const { installGracefulShutdown } = await import("./lib/startup/shutdown");
      installGracefulShutdown();
    }
    const { startNode } = await import("./lib/startup/node");
    await startNode();
  }
}
