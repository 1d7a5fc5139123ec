import { randomBytes } from "node:crypto";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import type { TestProject } from "vitest/node";
import { openDb } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";
import { adminQuery, databaseUrl, type TestDbTemplate } from "../helpers/db-template";

/**
 * Runs once per `vitest run` for the db project: migrates ONE template, which every test
 * file then clones (tests/helpers/db.ts).
 * - PGlite (default): a gzip snapshot of a migrated in-memory database, written to a temp
 *   file; a clone loads in ≈0.9 s instead of ≈3–5 s for a cold open + migrate.
 * - PostgreSQL (TEST_DATABASE_URL): a template database; each file runs
 *   CREATE DATABASE … TEMPLATE, which is a file copy.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid.toString(36)}${randomBytes(3).toString("hex")}`;
  const url = process.env.TEST_DATABASE_URL;

  if (url) {
    await sweepAbandoned(url);
    const template = `sbt_${runId}_tpl`;
    await adminQuery(url, `CREATE DATABASE ${template}`);
    const handle = await openDb({ kind: "pg", connectionString: databaseUrl(url, template) });
    try {
      await migrateToLatest(handle.db as Kysely<unknown>);
    } finally {
      await handle.close();
    }
    const value: TestDbTemplate = { kind: "pg", adminUrl: url, template, prefix: `sbt_${runId}_` };
    project.provide("testDb", value);
    return async () => {
      // Files drop their own databases; this also sweeps any left by a crashed worker.
      const rows = await adminQuery(url, `SELECT datname FROM pg_database WHERE datname LIKE 'sbt\\_${runId}\\_%'`);
      for (const { datname } of rows as { datname: string }[]) {
        await adminQuery(url, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    };
  }

  sweepSnapshots();
  const handle = await openDb({ kind: "pglite" });
  const file = join(tmpdir(), `switchboard-test-${runId}.tar.gz`);
  try {
    await migrateToLatest(handle.db as Kysely<unknown>);
    const dump = await handle.pglite!.dumpDataDir("gzip");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await handle.close();
  }
  const value: TestDbTemplate = { kind: "pglite", snapshot: file };
  project.provide("testDb", value);
  return () => rmSync(file, { force: true });
}

/**
 * Drop the databases of earlier runs whose process is gone (killed before its teardown).
 * The run id starts with the creating process id in base 36, then six hex characters.
 */
async function sweepAbandoned(url: string): Promise<void> {
  const rows = (await adminQuery(url, `SELECT datname FROM pg_database WHERE datname LIKE 'sbt\\_%'`)) as {
    datname: string;
  }[];
  for (const { datname } of rows) {
    const run = /^sbt_([0-9a-z]+)[0-9a-f]{6}_/.exec(datname);
    if (run && !isAlive(parseInt(run[1], 36)))
      await adminQuery(url, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  }
}

/** The same for PGlite snapshots left in the temp directory. */
function sweepSnapshots(): void {
  for (const name of readdirSync(tmpdir())) {
    const run = /^switchboard-test-([0-9a-z]+)[0-9a-f]{6}\.tar\.gz$/.exec(name);
    if (run && !isAlive(parseInt(run[1], 36))) rmSync(join(tmpdir(), name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}
