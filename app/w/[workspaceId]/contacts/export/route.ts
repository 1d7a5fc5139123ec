import { getDb } from "@/db";
import { memberOrResponse } from "@/lib/access/guard";
import { csvResponse } from "@/lib/csv/response";
import { CONTACTS_CSV_HEADER, contactsCsvRows } from "@/lib/services/contacts";

export const dynamic = "force-dynamic";

/** Every contact the member may see (visibility applies), streamed as CSV. */
export async function GET(_req: Request, ctx: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await ctx.params;
  const member = await memberOrResponse(workspaceId, ["contacts.view", "data.export"]);
  if (member instanceof Response) return member;
  const date = new Date().toISOString().slice(0, 10);
  return csvResponse(`contacts-${date}.csv`, CONTACTS_CSV_HEADER, contactsCsvRows(await getDb(), member));
}
