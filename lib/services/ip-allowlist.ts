import "server-only";
import type { DbOrTrx } from "@/db";
import { inTransaction } from "@/db/transaction";
import { DomainError } from "@/lib/errors";
import { ipAllowed } from "@/lib/net/allowlist";
import { audit } from "./audit";

// The organization's IP allow-list (docs/SECURITY.md, IP allow-list). Callers are org admins (orgAction).

export interface OrgActor {
  userId: string;
  orgId: string;
  ip: string;
}

export async function getIpAllowlist(db: DbOrTrx, orgId: string): Promise<string[]> {
  const row = await db.selectFrom("organizations").select("ip_allowlist").where("id", "=", orgId).executeTakeFirst();
  return row?.ip_allowlist ?? [];
}

/**
 * Replace the list (already normalised by ipAllowlistSchema). A list that does not contain the
 * admin's own address is refused: saving it would lock them out on their next request.
 */
export async function saveIpAllowlist(db: DbOrTrx, actor: OrgActor, ranges: string[]): Promise<{ ranges: string[] }> {
  if (!ipAllowed(ranges, actor.ip))
    throw new DomainError("invalidInput", {
      fieldErrors: { ranges: "errors.ipAllowlistLockout" },
      messageKey: "errors.ipAllowlistLockout",
    });
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("organizations")
      .select("ip_allowlist")
      .where("id", "=", actor.orgId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new DomainError("notFound");
    const same = before.ip_allowlist.length === ranges.length && before.ip_allowlist.every((r, i) => r === ranges[i]);
    if (same) return { ranges };
    await trx.updateTable("organizations").set({ ip_allowlist: ranges }).where("id", "=", actor.orgId).execute();
    await audit(trx, {
      workspaceId: null,
      orgId: actor.orgId,
      actorId: actor.userId,
      action: "org.ip_allowlist_changed",
      before: { ranges: before.ip_allowlist },
      after: { ranges },
      ip: actor.ip,
    });
    return { ranges };
  });
}
