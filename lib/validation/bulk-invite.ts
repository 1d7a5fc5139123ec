// Bulk invite input (docs/PRODUCT.md, Users page "Bulk invite"): pasted addresses or a CSV file in the
// export's format, read into rows the preview checks one by one. Pure: the dialog and the action share it.
import { z } from "zod";
import { parseCsv } from "@/lib/csv/csv";

/** At most this many addresses in one batch. */
export const BULK_INVITE_MAX = 500;

export interface BulkRowInput {
  /** As typed or read from the file; the service normalises it (or reports it invalid). */
  email: string;
  /** A level name or a custom role's name; empty = the role chosen in the dialog. */
  role: string;
  restrictions: string[];
}

export interface ParsedBulk {
  rows: BulkRowInput[];
  /** More rows than BULK_INVITE_MAX were given: only the first BULK_INVITE_MAX are kept. */
  truncated: boolean;
}

/** Pasted text: addresses separated by commas, semicolons, spaces or line breaks. */
export function parsePastedAddresses(text: string): ParsedBulk {
  const emails = text.split(/[\s,;]+/u).filter((s) => s.length > 0);
  return {
    rows: emails.slice(0, BULK_INVITE_MAX).map((email) => ({ email, role: "", restrictions: [] })),
    truncated: emails.length > BULK_INVITE_MAX,
  };
}

const EMAIL_HEADERS = ["email", "e-mail", "email address", "address"];
// The export's "role" column (a custom role's name, else the level) wins over its "access level" (the base).
const ROLE_HEADERS = ["role"];
const LEVEL_HEADERS = ["access level", "level"];
const RESTRICTION_HEADERS = ["restrictions", "restriction"];

/** The restrictions cell as the export writes it ("no_export; see_self"); commas and spaces accepted too. */
export const splitRestrictions = (cell: string): string[] =>
  cell
    .split(/[\s,;]+/u)
    .map((r) => r.trim().toLowerCase())
    .filter((r) => r.length > 0);

/**
 * A CSV file: with a header row naming the columns (the users export's "email", "access level",
 * "restrictions"; also "level" or "role"), else the columns email, level, restrictions in that order.
 * Other columns (name, status, teams…) are ignored.
 */
export function parseInviteCsv(text: string): ParsedBulk {
  const all = parseCsv(text, BULK_INVITE_MAX + 2);
  if (all.length === 0) return { rows: [], truncated: false };
  const header = all[0].map((h) => h.trim().toLowerCase());
  const at = (names: string[]) => header.findIndex((h) => names.includes(h));
  const hasHeader = at(EMAIL_HEADERS) >= 0;
  const [emailCol, levelCol, restrictionsCol] = hasHeader
    ? [at(EMAIL_HEADERS), at(ROLE_HEADERS) >= 0 ? at(ROLE_HEADERS) : at(LEVEL_HEADERS), at(RESTRICTION_HEADERS)]
    : [0, 1, 2];
  const body = hasHeader ? all.slice(1) : all;
  const rows = body
    .filter((cells) => (cells[emailCol] ?? "").trim() !== "")
    .map((cells) => ({
      email: cells[emailCol].trim(),
      role: levelCol >= 0 ? (cells[levelCol] ?? "").trim().toLowerCase() : "",
      restrictions: restrictionsCol >= 0 ? splitRestrictions(cells[restrictionsCol] ?? "") : [],
    }));
  return { rows: rows.slice(0, BULK_INVITE_MAX), truncated: rows.length > BULK_INVITE_MAX };
}

/** The action's input: the rows as the dialog holds them (addresses checked per row by the service). */
export const bulkInviteSchema = z.object({
  rows: z
    .array(
      z.object({
        email: z.string().max(320),
        role: z.string().max(80),
        restrictions: z.array(z.string().max(40)).max(16).default([]),
      }),
    )
    .min(1)
    .max(BULK_INVITE_MAX),
});
export type BulkInviteInput = z.input<typeof bulkInviteSchema>;

/** What the preview and the send say about a row. */
export const BULK_ROW_STATUSES = [
  "ready",
  "invalidEmail",
  "member",
  "deactivated",
  "invited",
  "duplicate",
  "levelNotAllowed",
] as const;
export type BulkRowStatus = (typeof BULK_ROW_STATUSES)[number];
