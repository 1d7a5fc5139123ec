import { fileURLToPath } from "node:url";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Files in name order, the shutdown file last: it stops server B for good. */
class ShutdownLast extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (f: TestSpecification) => `${/shutdown/.test(f.moduleId) ? 1 : 0}${f.moduleId}`;
    return [...files].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
}

// The several-servers tier (tests/multi): two `next start` processes of one build on one
// PostgreSQL database, behind a real nginx (round-robin, no sticky sessions). Run after a build:
//   npm run test:multi                         (uses .next, builds it only if BUILD_ID is missing)
//   NEXT_DIST_DIR=.next-multi npm run test:multi
// Files run one after another: they share the servers, the proxy and the database.
export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
  test: {
    name: "multi",
    environment: "node",
    include: ["tests/multi/**/*.multi.test.ts"],
    globalSetup: ["tests/multi/global-setup.ts"],
    fileParallelism: false,
    sequence: { sequencer: ShutdownLast },
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
