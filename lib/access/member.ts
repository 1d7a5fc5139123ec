import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
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

/** last_active_at is written at most once a minute per member (SPEC §5). */
export async function touchMember(db: DbOrTrx, workspaceId: string, userId: string): Promise<void> {
  const key = `${workspaceId}:${userId}`;
  const now = Date.now();
  if ((lastTouch.get(key) ?? 0) > now - 60_000) return;
  lastTouch.set(key, now);
  if (lastTouch.size > 50_000) lastTouch.clear();
  await db
    .updateTable("workspace_members")
    .set({ last_active_at: sql`now()` })
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("last_active_at", "is", null), eb("last_active_at", "<", sql<Date>`now() - interval '1 minute'`)]))
    .execute();
}
