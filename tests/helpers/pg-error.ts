import { expect } from "vitest";

/** SQLSTATE codes the schema's constraints raise. */
export const PG = { unique: "23505", foreignKey: "23503", check: "23514", notNull: "23502" } as const;

/** Await `promise` and assert it failed with the given SQLSTATE (node-postgres and PGlite both set `code`). */
export async function expectPgError(
  promise: Promise<unknown>,
  code: string,
  constraint?: string | RegExp,
): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as { code?: string; constraint?: string; message?: string },
  );
  expect(error, `expected SQLSTATE ${code}, but the statement succeeded`).not.toBeNull();
  expect(error!.code, error!.message).toBe(code);
  if (constraint !== undefined) {
    const text = `${error!.constraint ?? ""} ${error!.message ?? ""}`;
    if (typeof constraint === "string") expect(text).toContain(constraint);
    else expect(text).toMatch(constraint);
  }
}
