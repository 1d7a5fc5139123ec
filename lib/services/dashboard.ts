import "server-only";
import type { DbOrTrx } from "@/db";
import { isOnline } from "@/lib/presence/service";

export interface DashboardCounts {
  openConversations: number;
  unassignedContacts: number;
  membersOnline: number;
}

/** docs/PRODUCT.md, Routes dashboard. Every count is scoped to the workspace inside its SQL. */
export async function getDashboardCounts(db: DbOrTrx, workspaceId: string): Promise<DashboardCounts> {
  const [open, unassigned, online] = await Promise.all([
    db
      .selectFrom("conversations")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("workspace_id", "=", workspaceId)
      .where("status", "=", "open")
      .executeTakeFirst(),
    db
      .selectFrom("contacts")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("workspace_id", "=", workspaceId)
      .where("assignee_id", "is", null)
      .executeTakeFirst(),
    db
      .selectFrom("workspace_members as m")
      .innerJoin("presence as p", "p.user_id", "m.user_id")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("m.workspace_id", "=", workspaceId)
      .where(isOnline("p"))
      .executeTakeFirst(),
  ]);
  return {
    openConversations: Number(open?.n ?? 0),
    unassignedContacts: Number(unassigned?.n ?? 0),
    membersOnline: Number(online?.n ?? 0),
  };
}
