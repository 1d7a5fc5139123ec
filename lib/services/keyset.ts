import "server-only";

// Opaque keyset cursors over (sort key, id): stable under inserts, fast at any depth.
export const encodeKeyset = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString("base64url");

const UUID = /^[0-9a-f-]{36}$/i;

/** The (key, id) pair of a cursor, or null when it is not one of ours; ids are uuids unless told. */
export function decodeKeyset(cursor: string | undefined, id: RegExp = UUID): [string, string] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string" && id.test(v[1])
      ? [v[0], v[1]]
      : null;
  } catch {
    return null;
  }
}
