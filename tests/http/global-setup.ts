import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { openDb, type Db } from "../../db/connect";
import { adminQuery, databaseUrl } from "../helpers/db-template";
import type { ActorInfo, HttpContext } from "./support/context";
import {
  addMember,
  addOrgMember,
  addWorkspaceRole,
  createUser,
  freshContact,
  freshInvitation,
  freshSnippet,
  freshTeam,
  freshWebhook,
  mintCookie,
  openSession,
  putAvatar,
  readClaims,
} from "./support/fixtures";
import { ensureBuild, startServer, type StartedServer } from "./support/server";
import { printMatrix } from "./support/report";

/**
 * The HTTP access suite runs against the built app under `next start`, on a fresh
 * PostgreSQL database per run (the server seeds the demo organization on first use:
 * DEMO_SEED=1). While the server runs, this process writes the extra actors and fixtures
 * straight into that database (PostgreSQL takes two processes; a PGlite directory would not).
 */
const root = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const SECRET = "http-matrix-secret-not-for-production-4f1c2a";
const ADMIN_URL = process.env.HTTP_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres";

async function postgresReachable(): Promise<string | null> {
  try {
    await adminQuery(ADMIN_URL, "select 1");
    return null;
  } catch (error) {
    return `PostgreSQL at ${ADMIN_URL.replace(/\/\/[^@]*@/, "//…@")} is unreachable (${(error as Error).message})`;
  }
}

export default async function setup(project: TestProject) {
  const unreachable = await postgresReachable();
  if (unreachable) {
    if (process.env.CI === "true" || process.env.CI === "1")
      throw new Error(`[http] ${unreachable}: the HTTP access suite needs it in CI`);
    console.warn(
      `\n[http] SKIPPING the HTTP access suite: ${unreachable}. Start it with\n  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n`,
    );
    project.provide("http", { skip: unreachable } as HttpContext);
    return;
  }

  const distDir = process.env.NEXT_DIST_DIR || ".next";
  ensureBuild(root, distDir);

  await sweepAbandoned();
  const runId = `${process.pid.toString(36)}${randomBytes(3).toString("hex")}`;
  const dbName = `http_${runId}`;
  const dbUrl = databaseUrl(ADMIN_URL, dbName);
  const port = Number(process.env.HTTP_PORT) || 3400;
  const base = `http://localhost:${port}`;
  const resultsDir = join(root, "test-results/http");
  const pgliteDir = join(root, `.data/http-${runId}`); // unused with DATABASE_URL; removed anyway
  mkdirSync(resultsDir, { recursive: true });
  rmSync(join(resultsDir, "results"), { recursive: true, force: true });
  mkdirSync(join(resultsDir, "results"), { recursive: true });

  await adminQuery(ADMIN_URL, `CREATE DATABASE ${dbName}`);
  let server: StartedServer | undefined;
  let db: Db | undefined;
  const teardown = async () => {
    await server?.stop();
    await db?.destroy();
    await adminQuery(ADMIN_URL, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e) =>
      console.error("[http] drop database", e),
    );
    rmSync(pgliteDir, { recursive: true, force: true });
    printMatrix(resultsDir);
  };

  try {
    console.log(`[http] next start -p ${port} (dist ${distDir}) on database ${dbName}`);
    server = await startServer({
      root,
      port,
      logFile: join(resultsDir, "server.log"),
      env: {
        NEXT_DIST_DIR: distDir,
        DATABASE_URL: dbUrl,
        PGLITE_DIR: pgliteDir,
        DEMO_SEED: "1",
        MAIL_OUTBOX: "1",
        NEXTAUTH_SECRET: SECRET,
        NEXTAUTH_URL: base,
        // Test webhooks point at a closed local port; production refuses private addresses.
        WEBHOOK_ALLOW_PRIVATE: "1",
        // Single sign-on: a key for the sealed client secrets, and the made-up domain the actions'
        // cases verify (honoured only with MAIL_OUTBOX=1; tests/http/action-cases.ts).
        SSO_ENCRYPTION_KEY: "5".repeat(64),
        SSO_TRUSTED_TEST_DOMAINS: "trusted-sso.example",
      },
    });
    db = (await openDb({ kind: "pg", connectionString: dbUrl })).db;
    const ctx = await createFixtures(db, { base, dbUrl, distDir, resultsDir });
    project.provide("http", ctx);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

async function createFixtures(
  db: Db,
  opts: Pick<HttpContext, "base" | "dbUrl" | "distDir" | "resultsDir">,
): Promise<HttpContext> {
  const org = await db.selectFrom("organizations").select("id").where("name", "=", "Acme").executeTakeFirstOrThrow();
  const wsId = async (name: string) =>
    (
      await db
        .selectFrom("workspaces")
        .select("id")
        .where("org_id", "=", org.id)
        .where("name", "=", name)
        .executeTakeFirstOrThrow()
    ).id;
  const support = await wsId("Support");
  const sales = await wsId("Sales");
  const ownerRow = await db
    .selectFrom("users")
    .select(["id", "email", "name"])
    .where("email", "=", "owner@example.com")
    .executeTakeFirstOrThrow();
  const owner = ownerRow.id;

  // One fresh account per actor, each with exactly one restriction, so every column is unambiguous.
  const made: Record<string, string> = { owner };
  const member = async (key: string, role: "manager" | "agent", restrictions: string[]) => {
    const id = await createUser(db, `${key.replace(/_/g, ".")}@http.test`, `HTTP ${key}`);
    await addOrgMember(db, org.id, id);
    await addMember(db, support, id, role, restrictions);
    made[key] = id;
    return id;
  };
  await member("manager", "manager", []);
  await member("mgr_no_settings", "manager", ["no_settings"]);
  await member("mgr_no_contact_delete", "manager", ["no_contact_delete"]);
  await member("mgr_no_export", "manager", ["no_export"]);
  await member("mgr_no_integrations", "manager", ["no_integrations"]);
  await member("agent_all", "agent", []);
  await member("agent_team", "agent", ["see_team"]);
  await member("agent_self", "agent", ["see_self"]);
  await member("agent_no_snippets", "agent", ["no_snippets"]);
  await member("agent_contacts", "agent", ["contacts"]);
  await member("agent_contacts_self", "agent", ["contacts", "see_self"]);
  await member("revoked", "agent", []);
  // Custom roles (docs/PERMISSIONS.md, Custom roles): a reports-only supervisor, an Agent-like role with
  // contacts and export, and a Manager-like role without user management.
  const customMember = async (key: string, role: Parameters<typeof addWorkspaceRole>[2]) => {
    const roleId = await addWorkspaceRole(db, support, role);
    const id = await createUser(db, `${key.replace(/_/g, ".")}@http.test`, `HTTP ${key}`);
    await addOrgMember(db, org.id, id);
    await addMember(db, support, id, role.base, [], roleId);
    made[key] = id;
  };
  await customMember("role_supervisor", {
    name: "Reports supervisor",
    base: "manager",
    permissions: ["reports.view", "inbox.view"],
  });
  await customMember("role_contacts_export", {
    name: "Contacts and export",
    base: "agent",
    permissions: ["inbox.view", "contacts.view", "contacts.edit", "data.export"],
  });
  await customMember("role_mgr_no_users", {
    name: "Manager without users",
    base: "manager",
    permissions: [
      "dashboard.view",
      "reports.view",
      "inbox.view",
      "snippets.use",
      "contacts.view",
      "contacts.edit",
      "contacts.delete",
      "data.export",
      "settings.view",
      "settings.manage",
      "integrations.manage",
    ],
  });

  // An organization admin of Acme who is in none of its workspaces.
  made.org_admin = await createUser(db, "org.admin@http.test", "HTTP org_admin");
  await addOrgMember(db, org.id, made.org_admin, true);

  // Owner and org admin of a different organization.
  const otherOrg = (
    await db.insertInto("organizations").values({ name: "Elsewhere Org" }).returning("id").executeTakeFirstOrThrow()
  ).id;
  const otherWs = (
    await db
      .insertInto("workspaces")
      .values({ org_id: otherOrg, name: "Elsewhere" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  made.other_ws = await createUser(db, "other.ws@http.test", "HTTP other_ws");
  await addOrgMember(db, otherOrg, made.other_ws, true);
  await addMember(db, otherWs, made.other_ws, "owner");
  const otherContact = await freshContact(db, otherWs, made.other_ws);

  // agent_team sees its team-mate's contacts.
  const teammate = await createUser(db, "teammate@http.test", "HTTP teammate");
  await addOrgMember(db, org.id, teammate);
  await addMember(db, support, teammate, "agent");
  const team = (
    await db
      .insertInto("teams")
      .values({ workspace_id: support, name: "HTTP Team" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto("team_members")
    .values([
      { team_id: team, workspace_id: support, user_id: made.agent_team },
      { team_id: team, workspace_id: support, user_id: teammate },
    ])
    .execute();

  const salesOnly = await createUser(db, "sales.only@http.test", "HTTP sales_only");
  await addOrgMember(db, org.id, salesOnly);
  await addMember(db, sales, salesOnly, "agent");

  // Two canaries no limited Agent may see: an unassigned contact, and one assigned to
  // agent_all, who is in no team (outside agent_team's team, not agent_self).
  const canaries = {
    unassigned: `Canary Quokka ${randomBytes(4).toString("hex")}`,
    outsider: `Canary Wombat ${randomBytes(4).toString("hex")}`,
  };
  const contacts = {
    self: await freshContact(db, support, made.agent_self),
    team: await freshContact(db, support, teammate),
    unassigned: await freshContact(db, support, null, canaries.unassigned),
    cself: await freshContact(db, support, made.agent_contacts_self),
    outsider: await freshContact(db, support, made.agent_all, canaries.outsider),
    sales: await freshContact(db, sales, salesOnly),
  };
  const salesFixtures = {
    team: await freshTeam(db, sales),
    snippet: await freshSnippet(db, sales),
    webhook: await freshWebhook(db, sales, owner),
    invitation: (await freshInvitation(db, sales, owner)).id,
  };
  await putAvatar(db, owner);

  const actors = {} as HttpContext["actors"];
  for (const [key, userId] of Object.entries(made)) {
    const user = await db
      .selectFrom("users")
      .select(["email", "name"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    const info: ActorInfo = {
      userId,
      email: user.email,
      name: user.name ?? "",
      claims: await readClaims(db, userId),
      sid: await openSession(db, userId, "HTTP tier"),
    };
    actors[key as keyof HttpContext["actors"]] = info;
  }

  // The revoked member: a cookie minted while they were a member, then the membership goes
  // (what revokeMember leaves behind in the browser of the person revoked).
  const revokedCookie = await mintCookie(SECRET, actors.revoked, actors.revoked.claims);
  await db
    .deleteFrom("workspace_members")
    .where("workspace_id", "=", support)
    .where("user_id", "=", made.revoked)
    .execute();

  return {
    ...opts,
    secret: SECRET,
    org: org.id,
    support,
    sales,
    otherOrg,
    otherWs,
    actors,
    revokedCookie,
    teammate,
    salesOnly,
    team,
    contacts,
    otherContact,
    salesFixtures,
    canaries,
  };
}

/** Drop the databases of earlier runs whose process is gone (killed before its teardown). */
async function sweepAbandoned(): Promise<void> {
  const rows = (await adminQuery(ADMIN_URL, "SELECT datname FROM pg_database WHERE datname LIKE 'http\\_%'")) as {
    datname: string;
  }[];
  for (const { datname } of rows) {
    const m = /^http_([0-9a-z]+)[0-9a-f]{6}$/.exec(datname);
    if (!m) continue;
    const pid = parseInt(m[1], 36);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) await adminQuery(ADMIN_URL, `DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
  }
}
