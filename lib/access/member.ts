import "server-only";
import type { DbOrTrx } from "@/db";
import { touches, touchKey, writeActivity } from "@/lib/presence/activity";
import { isUuid } from "@/lib/validation/id";
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

/** Who is acting in a workspace service: the membership the guard loaded, and the client's IP. */
export interface Actor {
  member: MemberContext;
  ip: string;
}

/** The membership row, the source of truth for every authorization decision. */
export async function loadMember(db: DbOrTrx, workspaceId: string, userId: string): Promise<MemberContext | null> {
  if (!isUuid(workspaceId) || !isUuid(userId)) return null;
  const row = await db
    .selectFrom("workspace_members as m")
    .innerJoin("workspaces as w", "w.id", "m.workspace_id")
    .leftJoin("org_members as o", (join) =>
      join.onRef("o.org_id", "=", "w.org_id").onRef("o.user_id", "=", "m.user_id"),
    )
    .select([
      "m.user_id",
      "m.workspace_id",
      "w.org_id",
      "w.name",
      "m.role",
      "m.restrictions",
      "m.version",
      "o.is_admin",
    ])
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

/**
 * last_active_at is written at most once a minute per member (docs/PRODUCT.md, Presence), and never over a
 * value less than a minute old (another app server wrote it). Concurrent requests' writes
 * share one statement (lib/presence/activity.ts); this resolves once ours has committed.
 */
export async function touchMember(db: DbOrTrx, workspaceId: string, userId: string): Promise<void> {
  const now = Date.now();
  const key = touchKey(workspaceId, userId);
  if (!touches.claim(key, now)) return;
  try {
    await writeActivity(db, { touch: { workspaceId, userId } });
  } catch (error) {
    touches.release(key, now);
    throw error;
  }
}
