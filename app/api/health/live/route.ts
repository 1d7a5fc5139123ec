export const dynamic = "force-dynamic";

/** Liveness: the process answers. No database, so a database outage never gets a healthy server restarted. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
