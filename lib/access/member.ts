import "server-only";
import type { DbOrTrx } from "@/db";
import { writeActivity } from "@/lib/presence/activity";
import type { Role } from "./matrix";

export interface MemberContext {
  userId: string;
  workspaceId: string;
  orgId: string;
  workspaceName: string;
  role: Role;
  restrictions: string[];
  version: number;
  isOrgAdmin: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/** The membership row, the source of truth for every authorization decision. */
export async function loadMember(db: DbOrTrx, workspaceId: string, userId: string): Promise<MemberContext | null> {
  if (!isUuid(workspaceId) || !isUuid(userId)) return null;
  const row = await db
    .selectFrom("workspace_members as m")
    .innerJoin("workspaces as w", "w.id", "m.workspace_id")
    .leftJoin("org_members as o", (join) => join.onRef("o.org_id", "=", "w.org_id").onRef("o.user_id", "=", "m.user_id"))
    .select(["m.user_id", "m.workspace_id", "w.org_id", "w.name", "m.role", "m.restrictions", "m.version", "o.is_admin"])
    .where("m.workspace_id", "=", workspaceId)
    .where("m.user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId: row.user_id,
    workspaceId: row.workspace_id,
    orgId: row.org_id,
    workspaceName: row.name,
    role: row.role,
    restrictions: row.restrictions,
    version: row.version,
    isOrgAdmin: row.is_admin === true,
  };
}

const lastTouch = new Map<string, number>();
/** last_active_at is written at most this often per member per process (SPEC §5). */
const TOUCH_EVERY_MS = 60_000;

/**
 * Claim this member's last_active_at write in this process: true (and remembered) when
 * none was made in the last minute, false when the write is to be skipped.
 */
export function claimTouch(workspaceId: string, userId: string, now = Date.now()): boolean {
  const key = `${workspaceId}:${userId}`;
  if ((lastTouch.get(key) ?? 0) > now - TOUCH_EVERY_MS) return false;
  lastTouch.set(key, now);
  if (lastTouch.size > 50_000) lastTouch.clear();
  return true;
}

/** Undo a claim whose write failed, so the next request writes again. */
export function releaseTouch(workspaceId: string, userId: string, claimedAt: number): void {
  const key = `${workspaceId}:${userId}`;
  if (lastTouch.get(key) === claimedAt) lastTouch.delete(key);
}

/**
 * last_active_at is written at most once a minute per member (SPEC §5), and never over a
 * value less than a minute old (another app server wrote it). Concurrent requests' writes
 * share one statement (lib/presence/activity.ts); this resolves once ours has committed.
 */
export async function touchMember(db: DbOrTrx, workspaceId: string, userId: string): Promise<void> {
  const now = Date.now();
  if (!claimTouch(workspaceId, userId, now)) return;
  try {
    await writeActivity(db, { touch: { workspaceId, userId } });
  } catch (error) {
    releaseTouch(workspaceId, userId, now);
    throw error;
  }
}
