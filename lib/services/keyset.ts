import "server-only";
import { z } from "zod";
import { uuidSchema } from "@/lib/validation/id";

// Opaque keyset cursors: the sort they page, the row's sort key and its id. Stable under
// inserts, fast at any depth. A cursor of another sort, or one whose key or id the
// database could not read, is no cursor at all: the first page.

/** "name": lower-cased name (else email) text. "time": a Postgres timestamptz as text. */
export type KeysetSort = "name" | "time";

const TIME = /^(\d{4})-(\d{2})-(\d{2}) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-](0\d|1[0-5])(:[0-5]\d){0,2}$/;
const realDate = (text: string) => {
  const m = TIME.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

const KEYS: Record<KeysetSort, z.ZodType<string>> = {
  name: z
    .string()
    .max(500)
    .regex(/^[^\0]*$/),
  time: z.string().refine(realDate),
};

/** Audit log rows are paged by their bigint id. */
export const bigintId = z.string().regex(/^[0-9]{1,18}$/);

export const encodeKeyset = (sort: KeysetSort, key: string, id: string) =>
  Buffer.from(JSON.stringify([sort, key, id])).toString("base64url");

/** The (key, id) of a cursor of this sort, or null; ids are uuids unless told. */
export function decodeKeyset(
  sort: KeysetSort,
  cursor: string | undefined,
  id: z.ZodType<string> = uuidSchema,
): [string, string] | null {
  if (!cursor) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = z.tuple([z.literal(sort), KEYS[sort], id]).safeParse(value);
  return parsed.success ? [parsed.data[1], parsed.data[2]] : null;
}
