import { getDb } from "@/db";
import { memberOrResponse } from "@/lib/access/guard";
import { csvResponse } from "@/lib/csv/response";
import { USERS_CSV_HEADER, usersCsvRows } from "@/lib/services/users-export";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await ctx.params;
  const member = await memberOrResponse(workspaceId, ["settings.view", "data.export"]);
  if (member instanceof Response) return member;
  const date = new Date().toISOString().slice(0, 10);
  return csvResponse(`users-${date}.csv`, USERS_CSV_HEADER, usersCsvRows(await getDb(), member.workspaceId));
}
