import "server-only";
import { sql, type RawBuilder } from "kysely";
import { wellFormedString } from "@/lib/validation/well-formed";

// The SQL every people list shares (users, reports, org users, pickers, teams, exports).
// `alias` names the table in the surrounding query; "" for an unaliased table.

const col = (alias: string, column: string) => sql.ref(alias ? `${alias}.${column}` : column);

/** Lower-cased and LIKE metacharacters escaped, so a search for "50%" means the text "50%". */
// NUL cannot be sent to PostgreSQL in text (22021): a search for it is a search without it.
export const likePattern = (q: string) =>
  `%${wellFormedString(q)
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => "\\" + c)}%`;

/** A person's sort key: name, else email, lower-cased (users_sort_key_idx). */
export const personSortKey = (alias = "u") =>
  sql<string>`lower(coalesce(${col(alias, "name")}, ${col(alias, "email")}))`;

/**
 * A member's sort key, from the copy of the person's name and email on their membership
 * (workspace_members_sort_idx): the same value as personSortKey over the users row.
 */
export const memberSortKey = (alias = "m") =>
  sql<string>`coalesce(${col(alias, "sort_name")}, ${col(alias, "sort_email")})`;

/** personMatches over the membership's copy of the name and email: the workspace's rows only. */
export function memberMatches(q: string, alias = "m"): RawBuilder<boolean> {
  const pattern = likePattern(q);
  return sql<boolean>`(${col(alias, "sort_name")} LIKE ${pattern} OR ${col(alias, "sort_email")} LIKE ${pattern})`;
}

/** The person's name or email contains `q` (emails are stored lower-cased). */
export function personMatches(q: string, alias = "u"): RawBuilder<boolean> {
  const pattern = likePattern(q);
  return sql<boolean>`(lower(${col(alias, "name")}) LIKE ${pattern} OR ${col(alias, "email")} LIKE ${pattern})`;
}

/** Days a member may go without activity before the Users page's "not active for" filter lists them. */
export const INACTIVE_DAYS = [7, 30, 90] as const;
export type InactiveDays = (typeof INACTIVE_DAYS)[number];

/**
 * Not active in the workspace for `days` days: last active before then, or never active and a
 * member since before then. By the database's clock. Over a workspace_members row.
 */
export const inactiveFor = (days: number, alias = "m") =>
  sql<boolean>`coalesce(${col(alias, "last_active_at")}, ${col(alias, "joined_at")}) < now() - make_interval(days => ${days})`;

/** An invitation neither accepted nor cancelled (an expired one is still pending: it can be resent). */
export const pendingInvitation = (alias = "i") =>
  sql<boolean>`(${col(alias, "accepted_at")} IS NULL AND ${col(alias, "cancelled_at")} IS NULL)`;
