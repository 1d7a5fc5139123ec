import "server-only";
import type { Db, DbOrTrx } from "@/db";
import { inTransaction } from "@/db/transaction";
import type { Actor } from "@/lib/access/member";
import { DomainError } from "@/lib/errors";
import { announceAway, isAway } from "@/lib/presence/availability";
import type { Availability } from "@/lib/validation/availability";
import { audit } from "./audit";
import { enqueueWebhookEvent, kickWebhooks } from "./webhooks";

// Availability (docs/PRODUCT.md, Availability): a member's own status, per workspace, and the
// workspace's auto-away delay.

/** The actor's own status in the workspace and the workspace's auto-away delay (the user menu). */
export async function getAvailability(
  db: DbOrTrx,
  workspaceId: string,
  userId: string,
): Promise<{ availability: Availability; away: boolean; autoAwayMinutes: number | null } | null> {
  const row = await db
    .selectFrom("workspace_members as m")
    .innerJoin("workspaces as w", "w.id", "m.workspace_id")
    .select(["m.availability", "w.auto_away_minutes", isAway("m").as("away")])
    .where("m.workspace_id", "=", workspaceId)
    .where("m.user_id", "=", userId)
    .executeTakeFirst();
  return row ? { availability: row.availability, away: row.away, autoAwayMinutes: row.auto_away_minutes } : null;
}

/** The workspace's auto-away delay in minutes, or null when off. */
export async function getAutoAway(db: DbOrTrx, workspaceId: string): Promise<number | null> {
  const row = await db
    .selectFrom("workspaces")
    .select("auto_away_minutes")
    .where("id", "=", workspaceId)
    .executeTakeFirst();
  return row?.auto_away_minutes ?? null;
}

/**
 * The actor sets their own status (never someone else's). One transaction: the membership,
 * the audit row and the `member.status_changed` webhook; the stream hears of it on commit.
 * Setting the status one already has changes nothing and records nothing.
 */
export async function setAvailability(db: Db, actor: Actor, availability: Availability) {
  const ws = actor.member.workspaceId;
  const userId = actor.member.userId;
  const result = await inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("workspace_members")
      .select("availability")
      .where("workspace_id", "=", ws)
      .where("user_id", "=", userId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!row) throw new DomainError("notFound");
    if (row.availability === availability) return { availability, changed: false };
    await trx
      .updateTable("workspace_members")
      .set({ availability })
      .where("workspace_id", "=", ws)
      .where("user_id", "=", userId)
      .execute();
    await audit(trx, {
      workspaceId: ws,
      actorId: userId,
      action: "member.status_changed",
      target: userId,
      before: { availability: row.availability },
      after: { availability },
      ip: actor.ip,
    });
    await enqueueWebhookEvent(trx, ws, "member.status_changed", {
      userId,
      before: { availability: row.availability },
      after: { availability },
    });
    await announceAway(trx, { workspaceId: ws, userId });
    return { availability, changed: true };
  });
  if (result.changed) kickWebhooks();
  return { availability: result.availability };
}

/**
 * Settings → General: auto-away after `minutes` without activity, or off (null). Audited as a
 * workspace setting; members whose state it changes are announced in the same transaction.
 */
export async function setAutoAway(db: Db, actor: Actor, minutes: number | null) {
  const ws = actor.member.workspaceId;
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("workspaces")
      .select("auto_away_minutes")
      .where("id", "=", ws)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new DomainError("notFound");
    if (before.auto_away_minutes === minutes) return { minutes };
    await trx.updateTable("workspaces").set({ auto_away_minutes: minutes }).where("id", "=", ws).execute();
    await audit(trx, {
      workspaceId: ws,
      actorId: actor.member.userId,
      action: "workspace.auto_away_changed",
      target: ws,
      before: { minutes: before.auto_away_minutes },
      after: { minutes },
      ip: actor.ip,
    });
    await announceAway(trx, { workspaceId: ws });
    return { minutes };
  });
}
