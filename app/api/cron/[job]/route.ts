import { createHash, timingSafeEqual } from "node:crypto";
import { getDb } from "@/db";
import { cronSecret } from "@/lib/env";
import { findJob } from "@/lib/jobs/registry";
import { requestLog } from "@/lib/request-context";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

const headers = { "cache-control": "no-store" };

/** Constant-time comparison of the bearer token (hashed first, so lengths never differ). */
function authorized(header: string | null, secret: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? "")?.[1];
  if (!given) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/**
 * One round of a background job (lib/jobs/registry.ts), for hosts without a long-lived process: Vercel
 * cron (vercel.json) sends `Authorization: Bearer $CRON_SECRET`. Without CRON_SECRET the route answers
 * 404 to every call; the job decides nothing about who called it, so the secret is the whole protection.
 */
export async function GET(req: Request, { params }: { params: Promise<{ job: string }> }) {
  const secret = cronSecret();
  // Not configured: the route is not there (404), so nobody can run jobs through it.
  if (!secret) return Response.json({ error: "cron_disabled" }, { status: 404, headers });
  if (!authorized(req.headers.get("authorization"), secret))
    return Response.json({ error: "unauthorized" }, { status: 401, headers });
  const job = findJob((await params).job);
  if (!job) return Response.json({ error: "not_found" }, { status: 404, headers });
  try {
    const processed = await job.run(await getDb());
    return Response.json({ job: job.name, processed }, { headers });
  } catch (error) {
    (await requestLog("cron")).error({ err: error, job: job.name }, "job round failed");
    return Response.json({ job: job.name, error: "failed" }, { status: 500, headers });
  }
}
