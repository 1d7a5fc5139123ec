import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

// The fault tier (tests/faults): the built app under `next start` on a PostgreSQL server of its
// own, which the tests restart, stop and lock under traffic; the app process killed mid-write.
// Run after a build: npm run build && npm run test:faults. Files run one after another.
export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
  test: {
    name: "faults",
    environment: "node",
    include: ["tests/faults/**/*.faults.test.ts"],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 600_000,
  },
});
