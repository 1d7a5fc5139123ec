import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_CASES } from "./routes";

// A new page or route handler without a case in routes.ts would never be requested by the
// matrix or the bypass attempts: fail instead, as a server action without a case does.

const root = process.cwd();

/** Every page.ts(x) and route.ts(x) under app/, relative to the repository root. */
function routeFiles(dir = join(root, "app")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return /^(page|route)\.tsx?$/.test(entry.name) ? [relative(root, path)] : [];
  });
}

describe("route coverage", () => {
  it("every page and route handler under app/ has a case in routes.ts, and every case names a real file", () => {
    const files = routeFiles();
    const covered = new Set(ROUTE_CASES.map((r) => r.file));
    expect(files.length).toBeGreaterThan(20);
    expect(
      files.filter((f) => !covered.has(f)),
      "files with no case in tests/http/routes.ts",
    ).toEqual([]);
    expect(
      [...covered].filter((f) => !files.includes(f)),
      "cases naming a file that does not exist",
    ).toEqual([]);
  });
});
