import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callAction, loadManifest } from "@/tests/http/support/actions";
import { addMember, addOrgMember, createUser } from "@/tests/http/support/fixtures";
import { sleep, startScene, unavailable, type Scene } from "./support/app";

// The app process killed (SIGKILL, no shutdown) while it revokes a member holding 20,000
// contacts: afterwards the database holds either the whole revocation or none of it.

const skip = unavailable();
const CONTACTS = 20_000;
let scene: Scene;
let owner: string;
let ownerId: string;
let workspaceId: string;
let orgId: string;
let revokeId: string;

beforeAll(async () => {
  if (skip) return;
  scene = await startScene("killed");
  owner = await scene.cookie("owner@example.com");
  workspaceId = await scene.workspaceOf("owner@example.com");
  const db = scene.handle.db;
  ownerId = (
    await db.selectFrom("users").select("id").where("email", "=", "owner@example.com").executeTakeFirstOrThrow()
  ).id;
  orgId = (await db.selectFrom("workspaces").select("org_id").where("id", "=", workspaceId).executeTakeFirstOrThrow())
    .org_id;
  revokeId = loadManifest(process.cwd(), process.env.NEXT_DIST_DIR || ".next").find(
    (a) => a.exportName === "revokeMemberAction",
  )!.id;
});
afterAll(async () => scene?.close());

/** An Agent holding CONTACTS contacts of the workspace. */
async function loadedAgent(round: number): Promise<string> {
  const db = scene.handle.db;
  const id = await createUser(db, `killed-${round}-${Date.now()}@faults.test`, `Killed ${round}`);
  await addOrgMember(db, orgId, id);
  await addMember(db, workspaceId, id, "agent");
  await sql`
    INSERT INTO contacts (workspace_id, name, assignee_id)
    SELECT ${workspaceId}::uuid, 'Held ' || g, ${id}::uuid FROM generate_series(1, ${CONTACTS}) g
  `.execute(db);
  return id;
}

async function state(agentId: string) {
  const db = scene.handle.db;
  const member = await db
    .selectFrom("workspace_members")
    .select("user_id")
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", agentId)
    .executeTakeFirst();
  const [held, handed] = await Promise.all(
    [agentId, ownerId].map(async (assignee) =>
      Number(
        (
          await db
            .selectFrom("contacts")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("workspace_id", "=", workspaceId)
            .where("assignee_id", "=", assignee)
            .where("name", "like", "Held %")
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );
  return { member: !!member, held, handed };
}

describe.skipIf(!!skip)("the app process killed mid-write (SIGKILL)", () => {
  it("revoke with hand-over of 20,000 contacts: all of it or none of it, at any moment", async () => {
    const outcomes: string[] = [];
    for (const [round, delayMs] of [50, 250, 600, 1_500].entries()) {
      const agentId = await loadedAgent(round);
      const before = await sql<{ n: string }>`SELECT count(*) AS n FROM contacts WHERE name LIKE 'Held %'`.execute(
        scene.handle.db,
      );
      const call = callAction(scene.base, {
        id: revokeId,
        path: `/w/${workspaceId}/settings/users`,
        args: [workspaceId, { userId: agentId, reassignTo: ownerId }],
        cookie: owner,
      }).catch(() => null);
      await sleep(delayMs);
      process.kill(-scene.server.child.pid!, "SIGKILL");
      await call;
      // The killed server's connections are closed by PostgreSQL; an open transaction rolls back.
      await sleep(500);
      const after = await state(agentId);
      const total = Number(before.rows[0].n);
      outcomes.push(`${delayMs} ms: ${after.member ? "not revoked" : "revoked"}`);
      if (after.member) expect(after, `killed after ${delayMs} ms`).toMatchObject({ held: CONTACTS });
      else expect(after, `killed after ${delayMs} ms`).toMatchObject({ held: 0 });
      // No contact lost or duplicated, whichever way it went.
      const now = await sql<{ n: string }>`SELECT count(*) AS n FROM contacts WHERE name LIKE 'Held %'`.execute(
        scene.handle.db,
      );
      expect(Number(now.rows[0].n)).toBe(total);
      // Hand the remaining contacts back to the owner so the next round starts clean.
      await scene.handle.db
        .updateTable("contacts")
        .set({ assignee_id: ownerId })
        .where("workspace_id", "=", workspaceId)
        .where("assignee_id", "=", agentId)
        .execute();
      await scene.restartApp();
    }
    console.log(`[faults] killed during revoke: ${outcomes.join("; ")}`);
  });
});
