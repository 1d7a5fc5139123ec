import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Two tiers chosen by file name (docs/ARCHITECTURE.md): `*.test.ts` are pure unit tests,
// `*.db.test.ts` run against a real database (PGlite in memory by default, PostgreSQL
// when TEST_DATABASE_URL is set). Browser tests (tests/e2e) belong to Playwright.
const exclude = [
  ...configDefaults.exclude,
  "**/node_modules/**",
  "tests/e2e/**",
  "tests/http/**",
  "tests/multi/**",
  "tests/faults/**",
  "tests/otel/**",
  ".next*/**",
  ".data/**",
];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // docs/ARCHITECTURE.md, known trap 6: the real module throws outside a React Server environment.
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
  test: {
    environment: "node",
    // next.config.mjs turns experimental.authInterrupts on; forbidden() refuses to run without it.
    env: { __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "true" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.db.test.ts"],
          // getDb() without a registered test database fails instead of opening .data/.
          setupFiles: ["tests/setup/no-default-db.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["**/*.db.test.ts"],
          exclude,
          // One migrated template per run (a PGlite snapshot or a Postgres template database);
          // each test file clones it (tests/helpers/db.ts).
          globalSetup: ["tests/setup/db-global.ts"],
          // Server actions read the session and request headers; tests set them with asUser().
          setupFiles: ["tests/setup/no-default-db.ts", "tests/setup/request-context.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
