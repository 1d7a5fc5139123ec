// Fails when the production dependency tree holds a version listed in
// security/known-bad-versions.json. Reads the installed tree (`npm ls --omit=dev`), so what
// is checked is what ships, including packages pinned deep under another.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import semver from "semver";

const list = JSON.parse(readFileSync(new URL("../security/known-bad-versions.json", import.meta.url), "utf8"));
// `npm ls` exits non-zero on problems it still lists in full (ELSPROBLEMS: an optional peer range not met, as
// @auth/core's "@simplewebauthn ^9" beside our 13): the tree on stdout is what is checked either way.
function installedTree() {
  try {
    return execFileSync("npm", ["ls", "--omit=dev", "--all", "--json"], { encoding: "utf8", maxBuffer: 64 << 20 });
  } catch (error) {
    if (typeof error.stdout === "string" && error.stdout.trim().startsWith("{")) return error.stdout;
    throw error;
  }
}
const tree = JSON.parse(installedTree());

const found = [];
(function walk(node, path) {
  for (const [name, dep] of Object.entries(node.dependencies ?? {})) {
    const rule = list.packages[name];
    if (rule && dep.version && semver.satisfies(dep.version, rule.bad)) {
      found.push(`${[...path, `${name}@${dep.version}`].join(" > ")}  (${rule.note})`);
    }
    walk(dep, [...path, `${name}@${dep.version}`]);
  }
})(tree, []);

const names = Object.keys(list.packages).join(", ");
if (found.length) {
  console.error(`Known-bad versions in the production tree (list of ${list.updated}):`);
  for (const line of [...new Set(found)]) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`No known-bad versions in the production tree (${names}; list of ${list.updated}).`);
