import { getDb } from "@/db";
import { readiness } from "@/lib/services/health";

export const dynamic = "force-dynamic";

/**
 * Readiness, for load balancers: 200 when this server can serve (database reachable, migrations applied,
 * queues drained by the jobs), else 503 with reason codes. Never error text.
 */
export async function GET() {
  const { ready, reasons } = await readiness(getDb);
  return Response.json(
    { status: ready ? "ok" : "not_ready", database: reasons.includes("database_unreachable") ? "down" : "up", reasons },
    { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
