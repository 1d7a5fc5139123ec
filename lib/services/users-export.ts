import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { csvRow } from "@/lib/csv/csv";
import { isAway } from "@/lib/presence/availability";
import { isOnline } from "@/lib/presence/service";
import { presenceDot } from "@/lib/validation/availability";
import { pendingInvitation } from "./people-sql";
import { hasFactorSql } from "./second-factor";

/** Whether the person has a confirmed second factor (docs/SECURITY.md, Two-step sign-in). */
const factorCell = (has: boolean) => (has ? "on" : "off");

export const USERS_CSV_HEADER = [
  "name",
  "email",
  "access level",
  // The custom role's name, or the level when the person holds none (docs/PRODUCT.md, Roles).
  "role",
  "status",
  "restrictions",
  "teams",
  "last active",
  "availability",
  "joined or invited at",
  "invited by",
  "access until",
  "two-step sign-in",
] as const;

const BATCH = 5000;

const AVAILABILITY_CELL = { online: "available", away: "away", offline: "offline" } as const;

/**
 * All members, then the deactivated ones, then all pending invitations, as CSV text (no header), one chunk per keyset
 * batch so memory stays flat at any size (docs/PRODUCT.md, Users page columns; dates ISO 8601 UTC via csvCell).
 */
export async function* usersCsvRows(db: DbOrTrx, workspaceId: string): AsyncGenerator<string> {
  let after: string | null = null;
  for (;;) {
    let q = db
      .selectFrom("workspace_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .leftJoin("users as inv", "inv.id", "m.invited_by")
      .leftJoin("presence as p", "p.user_id", "m.user_id")
      .leftJoin("workspace_roles as r", (j) =>
        j.onRef("r.workspace_id", "=", "m.workspace_id").onRef("r.id", "=", "m.role_id"),
      )
      .select([
        "r.name as role_name",
        "m.user_id",
        "u.name",
        "u.email",
        "m.role",
        "m.restrictions",
        "m.last_active_at",
        "m.joined_at",
        "inv.email as invited_by",
        "m.access_until",
        isOnline("p").as("online"),
        isAway("m").as("away"),
        hasFactorSql("m.user_id").as("has_factor"),
        sql<
          string | null
        >`(select string_agg(t.name, '; ' order by t.name) from team_members tm join teams t on t.id = tm.team_id where tm.workspace_id = m.workspace_id and tm.user_id = m.user_id)`.as(
          "teams",
        ),
      ])
      .where("m.workspace_id", "=", workspaceId);
    if (after) q = q.where("m.user_id", ">", after);
    const rows = await q.orderBy("m.user_id").limit(BATCH).execute();
    if (rows.length)
      yield rows
        .map((r) =>
          csvRow([
            r.name ?? "",
            r.email,
            r.role,
            r.role_name ?? r.role,
            "active",
            r.restrictions.join("; "),
            r.teams ?? "",
            r.last_active_at,
            // As the dot shows it at the time of the export (docs/PRODUCT.md, Availability).
            AVAILABILITY_CELL[presenceDot(r.online, r.away)],
            r.joined_at,
            r.invited_by ?? "",
            // Access until a date (docs/PRODUCT.md): ISO 8601 UTC, empty when none.
            r.access_until,
            factorCell(Boolean(r.has_factor)),
          ]),
        )
        .join("");
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].user_id;
  }
  after = null;
  for (;;) {
    // Deactivated members: their teams are the ones kept for reactivation (still existing).
    let q = db
      .selectFrom("deactivated_members as d")
      .innerJoin("users as u", "u.id", "d.user_id")
      .leftJoin("users as inv", "inv.id", "d.invited_by")
      .leftJoin("workspace_roles as r", (j) =>
        j.onRef("r.workspace_id", "=", "d.workspace_id").onRef("r.id", "=", "d.role_id"),
      )
      .select([
        "r.name as role_name",
        "d.user_id",
        "u.name",
        "u.email",
        "d.role",
        "d.restrictions",
        "d.last_active_at",
        "d.joined_at",
        "inv.email as invited_by",
        hasFactorSql("d.user_id").as("has_factor"),
        sql<
          string | null
        >`(select string_agg(t.name, '; ' order by t.name) from teams t where t.workspace_id = d.workspace_id and t.id = any(d.team_ids))`.as(
          "teams",
        ),
      ])
      .where("d.workspace_id", "=", workspaceId);
    if (after) q = q.where("d.user_id", ">", after);
    const rows = await q.orderBy("d.user_id").limit(BATCH).execute();
    if (rows.length)
      yield rows
        .map((r) =>
          csvRow([
            r.name ?? "",
            r.email,
            r.role,
            r.role_name ?? r.role,
            "deactivated",
            r.restrictions.join("; "),
            r.teams ?? "",
            r.last_active_at,
            // No access, so never online: the dot a deactivated row would show.
            "offline",
            r.joined_at,
            r.invited_by ?? "",
            // Deactivated: no end of access left to come.
            null,
            factorCell(Boolean(r.has_factor)),
          ]),
        )
        .join("");
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].user_id;
  }
  after = null;
  for (;;) {
    let q = db
      .selectFrom("invitations as i")
      .leftJoin("users as inv", "inv.id", "i.invited_by")
      .leftJoin("workspace_roles as r", (j) =>
        j.onRef("r.workspace_id", "=", "i.workspace_id").onRef("r.id", "=", "i.role_id"),
      )
      .select([
        "r.name as role_name",
        "i.id",
        "i.email",
        "i.role",
        "i.restrictions",
        "i.created_at",
        "inv.email as invited_by",
        "i.access_until",
      ])
      .where("i.workspace_id", "=", workspaceId)
      .where(pendingInvitation());
    if (after) q = q.where("i.id", ">", after);
    const rows = await q.orderBy("i.id").limit(BATCH).execute();
    if (rows.length)
      yield rows
        .map((r) =>
          csvRow([
            "",
            r.email,
            r.role,
            r.role_name ?? r.role,
            "pending",
            r.restrictions.join("; "),
            "",
            null,
            "",
            r.created_at,
            r.invited_by ?? "",
            r.access_until,
            // Not a user yet: nothing to tell.
            "",
          ]),
        )
        .join("");
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].id;
  }
}
