// The access job under races, 50 rounds each (tests/helpers/race.ts: the first call is held inside its transaction
// after lockOwners; on PostgreSQL the second is seen waiting for it, on PGlite they queue): two servers running the
// job end a membership once; the job against an edit removing the date: whichever commits first wins, cleanly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { openDb, type Db, type DbHandle } from "@/db/connect";
import { runAccessJob } from "@/lib/services/access-until";
import { updateMemberAccess } from "@/lib/services/member-changes";
import { setupTestDb } from "@/tests/helpers/db";
import { heldRace } from "@/tests/helpers/race";
import { addMember, createUser, createWorkspace } from "@/tests/helpers/request";
import { actorFor, insertContacts, membership } from "./support";

const t = setupTestDb();
const ROUNDS = 50;

let second: DbHandle | undefined;
beforeAll(async () => {
  if (t.config.kind === "pg") second = await openDb(t.config);
});
afterAll(async () => {
  await second?.close();
});
const dbs = (): [Db, Db] => [t.db, second?.db ?? t.db];
const outcome = (r: PromiseSettledResult<unknown>) =>
  r.status === "fulfilled" ? r.value : ((r.reason as { code?: string }).code ?? String(r.reason));

/** An Owner and an Agent holding 2 contacts, whose access ends in a day (handed to the Owner). */
async function scene() {
  const ws = await createWorkspace();
  const agent = await createUser();
  await addMember(ws, agent, "agent");
  const contacts = await insertContacts(t.db, ws.workspaceId, agent.id, 2);
  const owner = await actorFor(t.db, ws.workspaceId, ws.ownerId);
  const at = (await sql<{ at: Date }>`SELECT now() + interval '1 day' AS at`.execute(t.db)).rows[0]!.at;
  await updateMemberAccess(t.db, owner, {
    userId: agent.id,
    role: "agent",
    restrictions: [],
    accessUntil: { at: at.toISOString(), reassignTo: ws.ownerId },
  });
  // The reminder is already sent, so a round does only the end.
  await t.db
    .updateTable("workspace_members")
    .set({ access_reminder_sent_at: sql`now()` })
    .where("user_id", "=", agent.id)
    .execute();
  const [dbA, dbB] = dbs();
  return { w: ws.workspaceId, owner, agent: agent.id, contacts, at, dbA, dbB };
}
const deactivations = (w: string, userId: string) =>
  t.db
    .selectFrom("audit_log")
    .select("id")
    .where("workspace_id", "=", w)
    .where("action", "=", "member.deactivated")
    .where("target", "=", userId)
    .execute();

describe(`access job races (${process.env.TEST_DATABASE_URL ? "PostgreSQL, the second waits" : "PGlite, queued"})`, () => {
  it(`two job rounds at once end the membership once (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const s = await scene();
      const later = new Date(s.at.getTime() + 60_000);
      const results = await heldRace(
        t,
        "member.change",
        () => runAccessJob(s.dbA, later),
        () => runAccessJob(s.dbB, later),
      );
      expect(results.map(outcome), `round ${round}`).toEqual([1, 0]);
      expect(await membership(t.db, s.w, s.agent)).toBeUndefined();
      expect(await deactivations(s.w, s.agent)).toHaveLength(1);
      const held = await t.db.selectFrom("contacts").select("assignee_id").where("id", "in", s.contacts).execute();
      expect(held.map((c) => c.assignee_id)).toEqual([s.owner.member.userId, s.owner.member.userId]);
    }
  });

  it(`the job vs an edit removing the date: the first to commit wins (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const s = await scene();
      const later = new Date(s.at.getTime() + 60_000);
      const owner = await actorFor(s.dbB, s.w, s.owner.member.userId);
      const job = () => runAccessJob(s.dbA, later);
      const clear = () =>
        updateMemberAccess(s.dbB, owner, { userId: s.agent, role: "agent", restrictions: [], accessUntil: null });
      const jobFirst = round % 2 === 0;
      const [jobResult, clearResult] = jobFirst
        ? await heldRace(t, "member.change", job, clear)
        : await heldRace(t, "member.change", clear, job).then(([c, j]) => [j, c] as const);
      const ended = (await membership(t.db, s.w, s.agent)) === undefined;
      // On PostgreSQL the held call commits first; PGlite only queues them, so there either order may win.
      if (t.config.kind === "pg") expect(ended, `round ${round}`).toBe(jobFirst);
      if (ended) {
        // The job first: the edit finds no active member.
        expect([outcome(jobResult), outcome(clearResult)], `round ${round}`).toEqual([1, "notFound"]);
        expect(await deactivations(s.w, s.agent)).toHaveLength(1);
      } else {
        // The edit first: the job re-reads the row under its lock and leaves the member alone.
        expect([outcome(jobResult), clearResult.status], `round ${round}`).toEqual([0, "fulfilled"]);
        expect(await deactivations(s.w, s.agent)).toHaveLength(0);
        const row = await t.db
          .selectFrom("workspace_members")
          .select("access_until")
          .where("workspace_id", "=", s.w)
          .where("user_id", "=", s.agent)
          .executeTakeFirstOrThrow();
        expect(row.access_until).toBeNull();
      }
    }
  });
});
