import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { hashSessionId } from "@/db/session-rows";
import { touches, touchKey, writeActivity } from "@/lib/presence/activity";
import { isUuid } from "@/lib/validation/id";
import { hasFactorSql } from "@/lib/services/second-factor";
import type { CustomRole, Role } from "./matrix";

export interface MemberContext {
  userId: string;
  workspaceId: string;
  orgId: string;
  workspaceName: string;
  role: Role;
  restrictions: string[];
  /** The custom role the member holds (its permissions replace the level's); null: the built-in level. */
  custom: CustomRole | null;
  version: number;
  isOrgAdmin: boolean;
  /** The open session (user_sessions id) the request came with, when the guard checked one. */
  sessionId?: string;
  /** The organization's IP allow-list (empty: no restriction); the guard checks the client IP against it. */
  ipAllowlist?: string[];
  /**
   * The organization requires two-step sign-in and this user has no confirmed factor: the
   * guard refuses everything in the organization but enrolment (lib/access/guard.ts).
   */
  needsFactor?: boolean;
}

/** Who is acting in a workspace service: the membership the guard loaded, and the client's IP. */
export interface Actor {
  member: MemberContext;
  ip: string;
}

/**
 * The membership row, the source of truth for every authorization decision. With `sid` (the
 * token's session id) the same query also requires that session to be open: no row when it
 * was ended or never existed (the heartbeat and the stream's keepalive: one round trip).
 */
export async function loadMember(
  db: DbOrTrx,
  workspaceId: string,
  userId: string,
  opts: { sid?: string } = {},
): Promise<MemberContext | null> {
  if (!isUuid(workspaceId) || !isUuid(userId)) return null;
  const sid = opts.sid;
  const row = await db
    .selectFrom("workspace_members as m")
    .innerJoin("workspaces as w", "w.id", "m.workspace_id")
    .innerJoin("organizations as org", "org.id", "w.org_id")
    .leftJoin("org_members as o", (join) =>
      join.onRef("o.org_id", "=", "w.org_id").onRef("o.user_id", "=", "m.user_id"),
    )
    .leftJoin("workspace_roles as cr", (join) =>
      join.onRef("cr.workspace_id", "=", "m.workspace_id").onRef("cr.id", "=", "m.role_id"),
    )
    .select([
      "m.user_id",
      "m.workspace_id",
      "w.org_id",
      "w.name",
      "m.role",
      "m.restrictions",
      "m.version",
      "cr.id as custom_id",
      "cr.name as custom_name",
      "cr.permissions as custom_permissions",
      "cr.visibility as custom_visibility",
      "o.is_admin",
      "org.ip_allowlist",
      sql<boolean>`CASE WHEN org.require_two_factor THEN NOT ${hasFactorSql("m.user_id")} ELSE false END`.as(
        "needs_factor",
      ),
      sid === undefined
        ? sql<string | null>`NULL::uuid`.as("session_id")
        : (eb) =>
            eb
              .selectFrom("user_sessions as s")
              .select("s.id")
              .where("s.token_hash", "=", hashSessionId(sid))
              .whereRef("s.user_id", "=", "m.user_id")
              .where("s.ended_at", "is", null)
              .where((w) => w.or([w("s.second_factor", "is", null), w("s.second_factor", "=", "passed")]))
              .as("session_id"),
    ])
    .where("m.workspace_id", "=", workspaceId)
    .where("m.user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  if (sid !== undefined && !row.session_id) return null;
  return {
    userId: row.user_id,
    workspaceId: row.workspace_id,
    orgId: row.org_id,
    workspaceName: row.name,
    role: row.role,
    restrictions: row.restrictions,
    custom: row.custom_id
      ? {
          id: row.custom_id,
          name: row.custom_name!,
          permissions: row.custom_permissions!,
          visibility: row.custom_visibility!,
        }
      : null,
    version: row.version,
    isOrgAdmin: row.is_admin === true,
    ipAllowlist: row.ip_allowlist,
    needsFactor: row.needs_factor === true,
    ...(row.session_id ? { sessionId: row.session_id } : {}),
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
