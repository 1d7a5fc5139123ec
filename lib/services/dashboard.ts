import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { isOnline } from "@/lib/presence/service";

export interface DashboardCounts {
  openConversations: number;
  unassignedContacts: number;
  membersOnline: number;
}

/** docs/PRODUCT.md, Routes dashboard. Every count is scoped to the workspace inside its SQL. */
export async function getDashboardCounts(db: DbOrTrx, workspaceId: string): Promise<DashboardCounts> {
  const [counts, online] = await Promise.all([
    // Maintained by triggers (migration 2026-12-04T08-00): the sum of a few rows, not a count of all.
    db
      .selectFrom("workspace_counts")
      .select([
        sql<string>`coalesce(sum(open_conversations), 0)`.as("open"),
        sql<string>`coalesce(sum(unassigned_contacts), 0)`.as("unassigned"),
      ])
      .where("workspace_id", "=", workspaceId)
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
    openConversations: Number(counts?.open ?? 0),
    unassignedContacts: Number(counts?.unassigned ?? 0),
    membersOnline: Number(online?.n ?? 0),
  };
}
