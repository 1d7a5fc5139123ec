// Two bulk invites holding the same address, at the same moment, on two connections (docs/PRODUCT.md,
// Users page "Invariants": one pending invitation per address): one invitation and one email, the other
// batch reports the row "already invited" and sends the rest, never an error. 50 rounds; on PostgreSQL
// one round also holds the first transaction after its insert and sees the second wait on it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db, type DbHandle } from "@/db/connect";
import { sendBulkInvite } from "@/lib/services/bulk-invitations";
import { INVITE_LIMITS } from "@/lib/services/invitations";
import { setupTestDb } from "@/tests/helpers/db";
import { heldRace } from "@/tests/helpers/race";
import { addMember, createUser, createWorkspace, uniqueEmail } from "@/tests/helpers/request";
import { actorFor } from "./support";

const t = setupTestDb();
const ROUNDS = 50;

let second: DbHandle | undefined;
const saved = structuredClone(INVITE_LIMITS);
beforeAll(async () => {
  if (t.config.kind === "pg") second = await openDb(t.config);
  INVITE_LIMITS.perActor.limit = 10_000;
  INVITE_LIMITS.perWorkspace.limit = 10_000;
});
afterAll(async () => {
  await second?.close();
  Object.assign(INVITE_LIMITS.perActor, saved.perActor);
  Object.assign(INVITE_LIMITS.perWorkspace, saved.perWorkspace);
});
const dbs = (): [Db, Db] => [t.db, second?.db ?? t.db];

async function twoInviters() {
  const ws = await createWorkspace();
  const other = await createUser();
  await addMember(ws, other, "owner");
  const [dbA, dbB] = dbs();
  const a = { ...(await actorFor(dbA, ws.workspaceId, ws.ownerId)), locale: "en" as const };
  const b = { ...(await actorFor(dbB, ws.workspaceId, other.id)), locale: "ar" as const };
  return { w: ws.workspaceId, a, b, dbA, dbB };
}

const row = (email: string) => ({ email, role: "agent", restrictions: [] });

async function countFor(w: string, email: string) {
  const [inv, mail] = await Promise.all([
    t.db.selectFrom("invitations").select("id").where("workspace_id", "=", w).where("email", "=", email).execute(),
    t.db.selectFrom("mail_queue").select("id").where("workspace_id", "=", w).where("to_address", "=", email).execute(),
  ]);
  return { invitations: inv.length, mails: mail.length };
}

describe(`bulk invite races (${process.env.TEST_DATABASE_URL ? "PostgreSQL, two connections" : "PGlite, queued"})`, () => {
  it(`two bulk invites containing the same address: one invitation, ${ROUNDS} rounds`, async () => {
    const { w, a, b, dbA, dbB } = await twoInviters();
    const outcomes = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      const shared = uniqueEmail(`shared${round}`);
      const [onlyA, onlyB] = [uniqueEmail("a"), uniqueEmail("b")];
      const [ra, rb] = await Promise.allSettled([
        sendBulkInvite(dbA, a, [row(onlyA), row(shared)]),
        sendBulkInvite(dbB, b, [row(shared), row(onlyB)]),
      ]);
      if (ra.status === "rejected") throw ra.reason;
      if (rb.status === "rejected") throw rb.reason;
      const sharedA = ra.value.rows[1].status;
      const sharedB = rb.value.rows[0].status;
      expect([sharedA, sharedB].sort(), `round ${round}`).toEqual(["invited", "sent"]);
      expect(ra.value.rows[0].status).toBe("sent");
      expect(rb.value.rows[1].status).toBe("sent");
      expect(await countFor(w, shared), `round ${round}`).toEqual({ invitations: 1, mails: 1 });
      expect(await countFor(w, onlyA)).toEqual({ invitations: 1, mails: 1 });
      expect(await countFor(w, onlyB)).toEqual({ invitations: 1, mails: 1 });
      const key = `${sharedA}/${sharedB}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    console.log(`[races] bulk invite, shared address (A/B): ${[...outcomes].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
  }, 120_000);

  // Enough shared rows that the two inserts overlap: without a common row order they deadlock.
  it("two batches sharing 100 addresses in opposite orders: no deadlock, each address once, 20 rounds", async () => {
    const { w, a, b, dbA, dbB } = await twoInviters();
    for (let round = 0; round < 20; round++) {
      const shared = Array.from({ length: 100 }, (_, i) => uniqueEmail(`both${round}x${i}`));
      const [ra, rb] = await Promise.allSettled([
        sendBulkInvite(dbA, a, shared.map(row)),
        sendBulkInvite(dbB, b, [...shared].reverse().map(row)),
      ]);
      if (ra.status === "rejected") throw ra.reason;
      if (rb.status === "rejected") throw rb.reason;
      expect((ra.value.counts.sent ?? 0) + (rb.value.counts.sent ?? 0), `round ${round}`).toBe(shared.length);
      for (const email of shared) expect(await countFor(w, email)).toEqual({ invitations: 1, mails: 1 });
    }
  }, 300_000);

  it("held after its insert, the first batch makes the second wait; the second reports the row already invited", async () => {
    const { w, a, b, dbA, dbB } = await twoInviters();
    const shared = uniqueEmail("held");
    const other = uniqueEmail("other");
    const [ra, rb] = await heldRace(
      t,
      "invitation.bulk",
      () => sendBulkInvite(dbA, a, [row(shared)]),
      () => sendBulkInvite(dbB, b, [row(other), row(shared)]),
    );
    expect(ra).toMatchObject({ status: "fulfilled", value: { rows: [{ status: "sent" }] } });
    expect(rb).toMatchObject({ status: "fulfilled", value: { rows: [{ status: "sent" }, { status: "invited" }] } });
    expect(await countFor(w, shared)).toEqual({ invitations: 1, mails: 1 });
    const inv = await t.db
      .selectFrom("invitations")
      .select("invited_by")
      .where("workspace_id", "=", w)
      .where("email", "=", shared)
      .executeTakeFirstOrThrow();
    expect(inv.invited_by).toBe(a.member.userId);
  });
});
