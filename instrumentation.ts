import { isNodeRuntime } from "./lib/env";

// Runs once when a Next.js server starts (dev and `next start`).
export async function register() {
  if (isNodeRuntime()) {
    const { startNode } = await import("./lib/startup/node");
    await startNode();
  }
}
