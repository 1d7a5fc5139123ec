import { sql } from "kysely";
import { getDb } from "@/db";

export const dynamic = "force-dynamic";

const headers = { "cache-control": "no-store" };

/** Liveness and database reachability, for load balancers and the test runner. Never error text. */
export async function GET() {
  try {
    const db = await getDb();
    await sql`select 1`.execute(db);
    return Response.json({ status: "ok", database: "up" }, { status: 200, headers });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json({ status: "degraded", database: "down" }, { status: 503, headers });
  }
}
