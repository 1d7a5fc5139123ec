import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

// The telemetry tier (tests/otel): the built app under `next start` (embedded PGlite, no other
// service) exporting OpenTelemetry to an OTLP/HTTP receiver inside the test process, and a second
// server without OTEL_EXPORTER_OTLP_ENDPOINT that must export nothing.
// Run after a build: npm run build && npm run test:otel (NEXT_DIST_DIR picks another build).
export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
  test: {
    name: "otel",
    environment: "node",
    include: ["tests/otel/**/*.otel.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
