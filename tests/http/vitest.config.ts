import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

// The HTTP access suite (tests/http): the built app under `next start` on a fresh
// PostgreSQL database, driven over real HTTP. Run after a build:
//   npm run test:http                      (uses .next, builds it only if BUILD_ID is missing)
//   NEXT_DIST_DIR=.next-http npm run test:http
// Files run one after another: they share one server and one database.
export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
  test: {
    name: "http",
    environment: "node",
    include: ["tests/http/**/*.http.test.ts"],
    globalSetup: ["tests/http/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 900_000,
    // One request at a time per test by default; the tests batch their own requests.
    maxConcurrency: 1,
  },
});
