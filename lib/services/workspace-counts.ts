// No `server-only` marker: the counts job (lib/jobs/registry.ts) is started from instrumentation.
import { sql } from "kysely";
import type { DbOrTrx } from "@/db/connect";

/**
 * The `counts` job: fold each workspace's count rows into one (the sums are unchanged). Safe on several
 * servers at once: a second run waits for the first one's row locks and folds only what it deleted;
 * rows of transactions still open are not visible to the DELETE and stay for the next round.
 */
export async function foldWorkspaceCounts(db: DbOrTrx): Promise<number> {
  const result = await sql<{ n: string }>`
    WITH gone AS (
      DELETE FROM workspace_counts
      WHERE workspace_id IN (SELECT workspace_id FROM workspace_counts GROUP BY workspace_id HAVING count(*) > 1)
      RETURNING workspace_id, open_conversations, unassigned_contacts
    ), folded AS (
      INSERT INTO workspace_counts (workspace_id, open_conversations, unassigned_contacts)
      SELECT workspace_id, sum(open_conversations), sum(unassigned_contacts) FROM gone GROUP BY workspace_id
      RETURNING 1
    )
    SELECT count(*) AS n FROM folded`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}
