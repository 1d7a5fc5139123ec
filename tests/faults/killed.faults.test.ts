import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callAction, loadManifest } from "@/tests/http/support/actions";
import { addMember, addOrgMember, createUser, freshInvitation } from "@/tests/http/support/fixtures";
import { sleep, startScene, unavailable, type Scene } from "./support/app";

// The app process killed (SIGKILL, no shutdown) while it revokes a member holding 20,000
// contacts, accepts an invitation, or sends a 500-row bulk invite: afterwards the database holds
// either the whole change or none of it.

const skip = unavailable();
const CONTACTS = 20_000;
let scene: Scene;
let owner: string;
let ownerId: string;
let workspaceId: string;
let orgId: string;
let revokeId: string;
let acceptId: string;
let deactivateId: string;
let bulkId: string;
const BULK = 500;

beforeAll(async () => {
  if (skip) return;
  // A 500-row bulk invite must fit the invitation budget (README: INVITE_LIMIT_*).
  scene = await startScene("killed", { INVITE_LIMIT_PER_ACTOR: "100000", INVITE_LIMIT_PER_WORKSPACE: "100000" });
  owner = await scene.cookie("owner@example.com");
  workspaceId = await scene.workspaceOf("owner@example.com");
  const db = scene.handle.db;
  ownerId = (
    await db.selectFrom("users").select("id").where("email", "=", "owner@example.com").executeTakeFirstOrThrow()
  ).id;
  orgId = (await db.selectFrom("workspaces").select("org_id").where("id", "=", workspaceId).executeTakeFirstOrThrow())
    .org_id;
  const manifest = loadManifest(process.cwd(), process.env.NEXT_DIST_DIR || ".next");
  revokeId = manifest.find((a) => a.exportName === "revokeMemberAction")!.id;
  acceptId = manifest.find((a) => a.exportName === "acceptInvitationAction")!.id;
  deactivateId = manifest.find((a) => a.exportName === "deactivateMemberAction")!.id;
  bulkId = manifest.find((a) => a.exportName === "sendBulkInviteAction")!.id;
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
    SELECT ${workspaceId}::uuid, 'Held by ' || ${id} || ' ' || g, ${id}::uuid FROM generate_series(1, ${CONTACTS}) g
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
            .where("name", "like", `Held by ${agentId} %`)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );
  return { member: !!member, held, handed };
}

/** The contacts created for this agent, wherever they are now. */
async function heldTotal(agentId: string): Promise<number> {
  const r = await sql<{ n: string }>`
    SELECT count(*) AS n FROM contacts WHERE workspace_id = ${workspaceId}::uuid AND name LIKE ${`Held by ${agentId} %`}
  `.execute(scene.handle.db);
  return Number(r.rows[0].n);
}

describe.skipIf(!!skip)("the app process killed mid-write (SIGKILL)", () => {
  for (const [name, actionOf] of [
    ["revoke", () => revokeId],
    ["deactivate", () => deactivateId],
  ] as const) {
    it(`${name} with hand-over of 20,000 contacts: all of it or none of it, at any moment`, async () => {
      const outcomes: string[] = [];
      for (const [round, delayMs] of [50, 250, 600, 1_500].entries()) {
        const agentId = await loadedAgent(round);
        const call = callAction(scene.base, {
          id: actionOf(),
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
        outcomes.push(`${delayMs} ms: ${after.member ? "not done" : "done"}`);
        // Done: the member is gone from the active members and holds nothing; not done: holds all.
        expect(after.held, `killed after ${delayMs} ms`).toBe(after.member ? CONTACTS : 0);
        expect(await heldTotal(agentId), "no contact lost or duplicated").toBe(CONTACTS);
        // Hand the remaining contacts back to the owner so the next round starts clean.
        await scene.handle.db
          .updateTable("contacts")
          .set({ assignee_id: ownerId })
          .where("workspace_id", "=", workspaceId)
          .where("assignee_id", "=", agentId)
          .execute();
        await scene.restartApp();
      }
      console.log(`[faults] killed during ${name}: ${outcomes.join("; ")}`);
    });
  }

  it("invitation acceptance: the invitation is used if and only if the membership exists", async () => {
    const outcomes: string[] = [];
    for (const delayMs of [5, 40, 150]) {
      const inv = await freshInvitation(scene.handle.db, workspaceId, ownerId);
      const call = callAction(scene.base, {
        id: acceptId,
        path: `/invite/${inv.token}`,
        args: [{ token: inv.token, name: "Killed Invitee" }],
        cookie: null,
      }).catch(() => null);
      await sleep(delayMs);
      process.kill(-scene.server.child.pid!, "SIGKILL");
      await call;
      await sleep(500);
      const db = scene.handle.db;
      const used = await db.selectFrom("invitations").select("accepted_at").where("id", "=", inv.id).executeTakeFirst();
      const member = await db
        .selectFrom("workspace_members as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select("m.user_id")
        .where("m.workspace_id", "=", workspaceId)
        .where("u.email", "=", inv.email)
        .executeTakeFirst();
      const accepted = !!used?.accepted_at;
      outcomes.push(`${delayMs} ms: ${accepted ? "accepted" : "not accepted"}`);
      expect(!!member, `killed after ${delayMs} ms`).toBe(accepted);
      await scene.restartApp();
    }
    console.log(`[faults] killed during acceptance: ${outcomes.join("; ")}`);
  });

  it(`bulk invite of ${BULK} addresses: all invitations with their emails and audit rows, or none`, async () => {
    const outcomes: string[] = [];
    // "insert": killed once the send's transaction holds its inserted invitations (seen in pg_locks), before
    // it commits; the delays land anywhere, the last one after the commit.
    for (const [round, delayMs] of (["insert", 20, 300, 1_500, 6_000] as const).entries()) {
      const tag = `${round}-${Date.now().toString(36)}`;
      const emails = Array.from({ length: BULK }, (_, i) => `bulk-${tag}-${i}@faults.test`);
      const call = callAction(scene.base, {
        id: bulkId,
        path: `/w/${workspaceId}/settings/users`,
        args: [workspaceId, { rows: emails.map((email) => ({ email, role: "agent", restrictions: [] })) }],
        cookie: owner,
      }).catch(() => null);
      if (delayMs === "insert") await untilInvitationsWritten();
      else await sleep(delayMs);
      process.kill(-scene.server.child.pid!, "SIGKILL");
      await call;
      await sleep(500);
      const db = scene.handle.db;
      const count = async (q: Promise<{ n: string | number | bigint }>) => Number((await q).n);
      const [invitations, mails, audits] = await Promise.all([
        count(
          db
            .selectFrom("invitations")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("workspace_id", "=", workspaceId)
            .where("email", "in", emails)
            .executeTakeFirstOrThrow(),
        ),
        count(
          db
            .selectFrom("mail_queue")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("to_address", "in", emails)
            .executeTakeFirstOrThrow(),
        ),
        count(
          db
            .selectFrom("audit_log")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("workspace_id", "=", workspaceId)
            .where("action", "=", "invitation.created")
            .where("target", "in", emails)
            .executeTakeFirstOrThrow(),
        ),
      ]);
      outcomes.push(
        `${delayMs === "insert" ? "at the insert" : `${delayMs} ms`}: ${invitations === BULK ? "sent" : invitations === 0 ? "not sent" : `${invitations}?`}`,
      );
      if (delayMs === "insert") expect(invitations, "killed inside the transaction: nothing").toBe(0);
      expect([0, BULK], `killed after ${delayMs} ms: invitations`).toContain(invitations);
      expect(mails, `killed after ${delayMs} ms: one queued email per invitation`).toBe(invitations);
      expect(audits, `killed after ${delayMs} ms: one audit row per invitation`).toBe(invitations);
      await scene.restartApp();
    }
    console.log(`[faults] killed during bulk invite: ${outcomes.join("; ")}`);
  });
});

/** Until another connection holds a write lock on invitations: a send's transaction has inserted, not committed. */
async function untilInvitationsWritten(): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const r = await sql<{ n: string }>`
      SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
      WHERE c.relname = 'invitations' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()
    `.execute(scene.handle.db);
    if (Number(r.rows[0].n) > 0) return;
    await sleep(2);
  }
  throw new Error("the bulk send never wrote its invitations");
}
