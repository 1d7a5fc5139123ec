import type { DbHandle } from "@/db/connect";

/**
 * A handle whose database cannot be used: registered whenever no test database is, so a
 * stray getDb() fails loudly instead of opening the development database (.data/pglite —
 * docs/ARCHITECTURE.md, known trap 3: PGlite has no lock, and a test could corrupt a dev server's data).
 */
export const noDbHandle = {
  get db(): never {
    throw new Error(
      "No test database: call setupTestDb() from tests/helpers/db.ts in this file (only *.db.test.ts files get one).",
    );
  },
  config: { kind: "pglite" },
  close: async () => undefined,
} as DbHandle;
