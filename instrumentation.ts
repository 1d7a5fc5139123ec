// Runs once when a Next.js server starts (dev and `next start`).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startNode } = await import("./lib/startup/node");
    await startNode();
  }
}
