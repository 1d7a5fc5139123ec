// B11: bulk invite of 500 addresses (issue 10): the preview (every row's status, reads only) and the send
// (one transaction: 500 invitations, their audit rows, webhook events and queued emails; nothing is
// mailed inline). In-process through the real services (lib/services/bulk-invitations.ts) against the
// bench database, as the Owner. Each run uses fresh addresses plus a few that hit every status; the
// rows it created are deleted afterwards (untimed). The invitation budget is lifted for the figure.
import type { Db } from "@/db";
import { loadMember } from "@/lib/access/member";
import { previewBulkInvite, sendBulkInvite } from "@/lib/services/bulk-invitations";
import { INVITE_LIMITS } from "@/lib/services/invitations";
import { queryMedians, verdict, type Ctx, type Figure } from "../lib/context";
import type { LoggedQuery } from "../lib/db";
import { median, p95 } from "../lib/stats";

const ROWS = 500;

export async function bulkInvite(ctx: Ctx): Promise<Figure[]> {
  const db = ctx.bench.db as unknown as Db;
  const ws = ctx.workspaceId;
  const owner = await loadMember(db, ws, ctx.ids.owner);
  if (!owner) throw new Error("owner missing");
  const actor = { member: owner, ip: "127.0.0.1", locale: "en" as const };
  const saved = structuredClone(INVITE_LIMITS);
  INVITE_LIMITS.perActor.limit = 1_000_000;
  INVITE_LIMITS.perWorkspace.limit = 1_000_000;
  // A few existing members' addresses, so the preview's member check finds something.
  const members = (
    await db
      .selectFrom("workspace_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("u.email")
      .where("m.workspace_id", "=", ws)
      .limit(5)
      .execute()
  ).map((r) => r.email);

  const previewTimes: number[] = [];
  const sendTimes: number[] = [];
  const previewLogs: LoggedQuery[][] = [];
  const sendLogs: LoggedQuery[][] = [];
  let sent = 0;
  try {
    for (let run = 0; run < Math.max(ctx.runs, 3); run++) {
      const tag = `${Date.now().toString(36)}${run}`;
      const fresh = Array.from({ length: ROWS - members.length - 2 }, (_, i) => `b11-${tag}-${i}@bench.example.com`);
      const rows = [...fresh, ...members, fresh[0], "not an address"].map((email) => ({
        email,
        role: "agent",
        restrictions: ["see_team"],
      }));
      ctx.bench.take();
      let t = performance.now();
      await previewBulkInvite(db, actor, rows);
      previewTimes.push(performance.now() - t);
      previewLogs.push(ctx.bench.take());
      t = performance.now();
      const result = await sendBulkInvite(db, actor, rows);
      sendTimes.push(performance.now() - t);
      sendLogs.push(ctx.bench.take());
      sent = result.counts.sent ?? 0;
      // Untimed: take the run's rows out again.
      await db.deleteFrom("mail_queue").where("to_address", "in", fresh).execute();
      await db.deleteFrom("audit_log").where("workspace_id", "=", ws).where("target", "in", fresh).execute();
      await db
        .deleteFrom("webhook_deliveries")
        .where("workspace_id", "=", ws)
        .where("event", "=", "member.invited")
        .execute();
      await db.deleteFrom("invitations").where("workspace_id", "=", ws).where("email", "in", fresh).execute();
    }
  } finally {
    Object.assign(INVITE_LIMITS.perActor, saved.perActor);
    Object.assign(INVITE_LIMITS.perWorkspace, saved.perWorkspace);
    await db.deleteFrom("rate_limits").where("key", "like", "invite:%").execute();
  }
  const pq = queryMedians(previewLogs);
  const sq = queryMedians(sendLogs);
  return [
    {
      id: "B11",
      name: `Bulk invite of ${ROWS} addresses: preview`,
      target: "≤ 500 ms",
      unit: "ms",
      median: median(previewTimes),
      p95: p95(previewTimes),
      verdict: verdict(median(previewTimes) <= 500),
      notes: [
        `${previewTimes.length} runs in-process via previewBulkInvite; slowest statement: ${pq[0]?.sql.slice(0, 90)}`,
      ],
      extra: { statements: pq.slice(0, 6) },
    },
    {
      id: "B11",
      name: `Bulk invite of ${ROWS} addresses: send`,
      target: "≤ 3 s, emails queued",
      unit: "ms",
      median: median(sendTimes),
      p95: p95(sendTimes),
      verdict: verdict(sent === ROWS - members.length - 2 && median(sendTimes) <= 3000),
      notes: [
        `${sendTimes.length} runs in-process via sendBulkInvite (one transaction); ${sent} invitations and queued emails per run; slowest statement: ${sq[0]?.sql.slice(0, 90)}`,
      ],
      extra: { statements: sq.slice(0, 6) },
    },
  ];
}
