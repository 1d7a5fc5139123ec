// Access until a date (docs/PRODUCT.md, Users page, Access until a date): setting and clearing the date by the
// database's clock, the invitation's date carried to the membership, and the access job driven by an injected
// clock (no sleeping): the reminder at T-3d once, the end at T with the chosen hand-over, audited as System.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import {
  inviteUser,
  updateInvitationAction,
  updateMemberAccessAction,
} from "@/app/w/[workspaceId]/settings/users/actions";
import { loadActivity } from "@/app/w/[workspaceId]/settings/users/load-activity";
import { translatorFor } from "@/lib/i18n/catalog";
import { JOBS } from "@/lib/jobs/registry";
import { acceptInvitation } from "@/lib/services/accept-invitation";
import { deactivateMember } from "@/lib/services/deactivation";
import { recentAudit } from "@/lib/services/member-changes";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace, uniqueEmail } from "@/tests/helpers/request";
import { actorFor, en, insertContacts, inviteToken, membership, handedOver } from "./support";

const t = setupTestDb();
const DAY = 86_400_000;
const run = (now: Date) => JOBS.access.run(t.db, now);

/** The database's clock now, plus `ms`. */
async function dbNow(ms = 0): Promise<Date> {
  const row = await sql<{ now: Date }>`SELECT now() AS now`.execute(t.db);
  return new Date(row.rows[0]!.now.getTime() + ms);
}

/** Owner (English) + second Owner (Arabic) + Manager + an Agent holding 3 contacts; a webhook for member events. */
async function scene() {
  const ws = await createWorkspace({ name: "Temps" });
  const owner2 = await createUser({ name: "Second Owner" });
  await t.db.updateTable("users").set({ locale: "ar" }).where("id", "=", owner2.id).execute();
  const manager = await createUser({ name: "Manager" });
  const agent = await createUser({ name: "Temp Agent" });
  await addMember(ws, owner2, "owner");
  await addMember(ws, manager, "manager");
  await addMember(ws, agent, "agent", ["see_self"]);
  const contacts = await insertContacts(t.db, ws.workspaceId, agent.id, 3);
  await t.db
    .insertInto("webhooks")
    .values({
      workspace_id: ws.workspaceId,
      url: "https://hooks.example.com/in",
      secret: "whsec_fixture",
      created_by: ws.ownerId,
      events: ["member.deactivated", "member.updated"],
    })
    .execute();
  const ownerEmail = (
    await t.db.selectFrom("users").select("email").where("id", "=", ws.ownerId).executeTakeFirstOrThrow()
  ).email;
  return {
    ownerEmail,
    ws,
    w: ws.workspaceId,
    owner: ws.ownerId,
    owner2,
    manager: manager.id,
    agent: agent.id,
    contacts,
  };
}
type Scene = Awaited<ReturnType<typeof scene>>;

async function setUntil(s: Scene, userId: string, at: Date | null, reassignTo: string | null = null, as = s.owner) {
  await asUser(as);
  const row = await membership(t.db, s.w, userId);
  return updateMemberAccessAction(s.w, {
    userId,
    role: row!.role,
    restrictions: row!.restrictions,
    accessUntil: at ? { at: at.toISOString(), reassignTo } : null,
  });
}
const untilOf = (w: string, userId: string) =>
  t.db
    .selectFrom("workspace_members")
    .select(["access_until", "access_until_reassign_to", "access_reminder_sent_at"])
    .where("workspace_id", "=", w)
    .where("user_id", "=", userId)
    .executeTakeFirst();
const reminders = (w: string) =>
  t.db
    .selectFrom("mail_queue")
    .select(["to_address", "subject", "text_body"])
    .where("workspace_id", "=", w)
    .where("kind", "=", "access_reminder")
    .orderBy("to_address")
    .execute();
const assignees = async (ids: string[]) =>
  (await t.db.selectFrom("contacts").select("assignee_id").where("id", "in", ids).execute()).map((r) => r.assignee_id);
const deactivatedRow = (w: string, userId: string) =>
  t.db
    .selectFrom("deactivated_members")
    .selectAll()
    .where("workspace_id", "=", w)
    .where("user_id", "=", userId)
    .executeTakeFirst();
const webhookEvents = (w: string, event: string) =>
  t.db
    .selectFrom("webhook_deliveries")
    .select(["payload"])
    .where("workspace_id", "=", w)
    .where("event", "=", event)
    .execute();

describe("setting the end of access", () => {
  it("stores the date and hand-over, audits and queues the webhook; clearing removes it", async () => {
    const s = await scene();
    const at = await dbNow(10 * DAY);
    expect(await setUntil(s, s.agent, at, s.manager)).toMatchObject({ ok: true });
    expect(await untilOf(s.w, s.agent)).toEqual({
      access_until: at,
      access_until_reassign_to: s.manager,
      access_reminder_sent_at: null,
    });
    const log = await recentAudit(t.db, s.w, { limit: 1 });
    expect(log.rows[0]).toMatchObject({ action: "member.updated", target: s.agent });
    expect(log.rows[0]!.after).toMatchObject({ accessUntil: at.toISOString(), accessUntilReassignTo: s.manager });
    const activity = await loadActivity(t.db, s.w, translatorFor("en"), "en");
    expect(activity.entries[0]!.change).toContain("access until");
    expect((await webhookEvents(s.w, "member.updated")).at(-1)?.payload).toMatchObject({
      data: { userId: s.agent, after: { accessUntil: at.toISOString(), accessUntilReassignTo: s.manager } },
    });

    expect(await setUntil(s, s.agent, null)).toMatchObject({ ok: true });
    expect(await untilOf(s.w, s.agent)).toEqual({
      access_until: null,
      access_until_reassign_to: null,
      access_reminder_sent_at: null,
    });
  });

  it("refuses a date not in the future by the database's clock, and a bad hand-over, writing nothing", async () => {
    const s = await scene();
    const past = await dbNow(-60_000);
    const result = await setUntil(s, s.agent, past);
    expect(result).toMatchObject({ ok: false, code: "invalidInput" });
    expect(result.ok ? null : result.fieldErrors?.accessUntil).toBe(en("errors.users.accessUntil.past"));
    const self = await setUntil(s, s.agent, await dbNow(DAY), s.agent);
    expect(self.ok ? null : self.fieldErrors?.accessUntil).toBe(en("errors.users.accessUntil.badTarget"));
    const stranger = await createUser();
    const notMember = await setUntil(s, s.agent, await dbNow(DAY), stranger.id);
    expect(notMember.ok ? null : notMember.fieldErrors?.accessUntil).toBe(en("errors.users.accessUntil.badTarget"));
    expect(await untilOf(s.w, s.agent)).toMatchObject({ access_until: null });
    await asUser(s.owner);
    const garbage = await updateMemberAccessAction(s.w, {
      userId: s.agent,
      role: "agent",
      restrictions: [],
      accessUntil: { at: "tomorrow", reassignTo: null },
    });
    expect(garbage).toMatchObject({ ok: false, code: "invalidInput" });
  });

  it("an edit without the field leaves the date as it was", async () => {
    const s = await scene();
    const at = await dbNow(5 * DAY);
    await setUntil(s, s.agent, at);
    await asUser(s.owner);
    expect(
      await updateMemberAccessAction(s.w, { userId: s.agent, role: "agent", restrictions: ["see_team"] }),
    ).toMatchObject({ ok: true });
    expect(await untilOf(s.w, s.agent)).toMatchObject({ access_until: at });
  });

  it("an invitation carries its date and hand-over to the membership at acceptance", async () => {
    const s = await scene();
    const email = uniqueEmail("temp");
    const at = await dbNow(20 * DAY);
    await asUser(s.owner);
    expect(
      await inviteUser(s.w, {
        email,
        role: "agent",
        restrictions: [],
        accessUntil: { at: at.toISOString(), reassignTo: s.owner2.id },
      }),
    ).toMatchObject({ ok: true });
    const inv = await t.db
      .selectFrom("invitations")
      .select(["id", "access_until", "access_until_reassign_to"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(inv).toMatchObject({ access_until: at, access_until_reassign_to: s.owner2.id });
    // Changed before acceptance (pending invitation, Edit access).
    const later = await dbNow(30 * DAY);
    expect(
      await updateInvitationAction(s.w, {
        invitationId: inv.id,
        role: "agent",
        restrictions: [],
        accessUntil: { at: later.toISOString(), reassignTo: null },
      }),
    ).toMatchObject({ ok: true });
    const token = await inviteToken(t.db, email);
    const accepted = await acceptInvitation(t.db, { token, name: "Temp", sessionEmail: null, ip: "198.51.100.1" });
    expect(await untilOf(s.w, accepted.userId)).toEqual({
      access_until: later,
      access_until_reassign_to: null,
      access_reminder_sent_at: null,
    });
  });

  it("an invitation whose end passed cannot be accepted, and the job expires it", async () => {
    const s = await scene();
    const email = uniqueEmail("late");
    const at = await dbNow(2 * DAY);
    await asUser(s.owner);
    await inviteUser(s.w, {
      email,
      role: "agent",
      restrictions: [],
      accessUntil: { at: at.toISOString(), reassignTo: null },
    });
    // The job at T+1 min: the invitation's expiry moves to its end of access.
    expect(await run(new Date(at.getTime() + 60_000))).toBe(1);
    const inv = await t.db
      .selectFrom("invitations")
      .select(["expires_at"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(inv.expires_at).toEqual(at);
    expect(await run(new Date(at.getTime() + 120_000))).toBe(0);
    // Not yet passed by the database's clock, so the link still works until then; push the end into the past.
    await t.db
      .updateTable("invitations")
      .set({ access_until: sql`now() - interval '1 minute'` })
      .where("email", "=", email)
      .execute();
    const token = await inviteToken(t.db, email);
    await expect(
      acceptInvitation(t.db, { token, name: "Late", sessionEmail: null, ip: "198.51.100.1" }),
    ).rejects.toMatchObject({
      code: "conflict",
      messageKey: "invite.errors.expired",
    });
  });
});

describe("the access job (injected clock)", () => {
  it("reminds the Owners once at T-3d (not before), in each Owner's language", async () => {
    const s = await scene();
    const at = await dbNow(10 * DAY);
    await setUntil(s, s.agent, at);
    expect(await run(new Date(at.getTime() - 3 * DAY - 60_000))).toBe(0);
    expect(await reminders(s.w)).toEqual([]);
    expect(await run(new Date(at.getTime() - 3 * DAY + 60_000))).toBe(1);
    const mails = await reminders(s.w);
    expect(mails.map((m) => m.to_address).sort()).toEqual([s.ownerEmail, s.owner2.email].sort());
    const ar = mails.find((m) => m.to_address === s.owner2.email)!;
    const english = mails.find((m) => m.to_address === s.ownerEmail)!;
    expect(ar.subject).toContain("ينتهي وصول");
    expect(english.subject).toContain("Temp Agent's access to Temps ends on");
    expect(english.text_body).toContain("/settings/users");
    // Again, and a day later: nothing more.
    expect(await run(new Date(at.getTime() - 3 * DAY + 120_000))).toBe(0);
    expect(await run(new Date(at.getTime() - DAY))).toBe(0);
    expect(await reminders(s.w)).toHaveLength(2);
    expect((await untilOf(s.w, s.agent))?.access_reminder_sent_at).not.toBeNull();
    // A new date reminds again.
    await setUntil(s, s.agent, await dbNow(20 * DAY));
    expect((await untilOf(s.w, s.agent))?.access_reminder_sent_at).toBeNull();
  });

  it("at T deactivates the member with the chosen hand-over, audited as System, webhook queued", async () => {
    const s = await scene();
    const at = await dbNow(5 * DAY);
    await setUntil(s, s.agent, at, s.manager);
    expect(await run(new Date(at.getTime() - 1000))).toBe(1); // the reminder only
    expect(await membership(t.db, s.w, s.agent)).toBeDefined();
    expect(await run(at)).toBe(1);
    expect(await membership(t.db, s.w, s.agent)).toBeUndefined();
    expect(await deactivatedRow(s.w, s.agent)).toMatchObject({
      role: "agent",
      restrictions: ["see_self"],
      deactivated_by: null,
    });
    expect(await assignees(s.contacts)).toEqual([s.manager, s.manager, s.manager]);
    expect(await handedOver(t.db, s.w, s.agent)).toHaveLength(3);
    const log = await recentAudit(t.db, s.w, { limit: 1 });
    expect(log.rows[0]).toMatchObject({ action: "member.deactivated", target: s.agent, actor_name: null, ip: null });
    expect(log.rows[0]!.after).toMatchObject({ contactsMoved: 3, reassignedTo: s.manager, reason: "accessUntil" });
    expect(await webhookEvents(s.w, "member.deactivated")).toEqual([
      {
        payload: expect.objectContaining({
          data: expect.objectContaining({ userId: s.agent, reassignedTo: s.manager, contactsMoved: 3 }),
        }),
      },
    ]);
    // The activity list: no actor (the page shows "System"), and why.
    const activity = await loadActivity(t.db, s.w, translatorFor("en"), "en");
    expect(activity.entries[0]).toMatchObject({ actor: null, target: "Temp Agent" });
    expect(activity.entries[0]!.change).toContain("end of access reached");
    // Once: the next round finds nothing.
    expect(await run(new Date(at.getTime() + DAY))).toBe(0);
  });

  it("falls back to unassigned when the chosen member is no longer active", async () => {
    const s = await scene();
    const at = await dbNow(DAY);
    await setUntil(s, s.agent, at, s.manager);
    await deactivateMember(t.db, await actorFor(t.db, s.w, s.owner), { userId: s.manager, reassignTo: null });
    expect(await run(new Date(at.getTime() + 1000))).toBeGreaterThanOrEqual(1);
    expect(await membership(t.db, s.w, s.agent)).toBeUndefined();
    expect(await assignees(s.contacts)).toEqual([null, null, null]);
  });

  it("never deactivates the last active Owner: the date is removed and the log says why", async () => {
    const s = await scene();
    const at = await dbNow(DAY);
    // The second Owner sets an end on the first, then is deactivated: the first is the last Owner at T.
    await setUntil(s, s.owner, at, null, s.owner2.id);
    await deactivateMember(t.db, await actorFor(t.db, s.w, s.owner), { userId: s.owner2.id, reassignTo: null });
    expect(await run(new Date(at.getTime() + 1000))).toBe(1);
    expect(await membership(t.db, s.w, s.owner)).toMatchObject({ role: "owner" });
    expect(await untilOf(s.w, s.owner)).toMatchObject({ access_until: null });
    const log = await recentAudit(t.db, s.w, { limit: 1 });
    expect(log.rows[0]).toMatchObject({ action: "member.updated", target: s.owner, actor_name: null });
    expect(log.rows[0]!.after).toMatchObject({ accessUntil: null, reason: "lastOwner" });
  });

  it("reads the database's clock when no time is injected", async () => {
    const s = await scene();
    await setUntil(s, s.agent, await dbNow(DAY));
    // Scene setting: the end already passed by the database's clock.
    await t.db
      .updateTable("workspace_members")
      .set({ access_until: sql`now() - interval '1 second'` })
      .where("workspace_id", "=", s.w)
      .where("user_id", "=", s.agent)
      .execute();
    expect(await JOBS.access.run(t.db)).toBe(1);
    expect(await membership(t.db, s.w, s.agent)).toBeUndefined();
  });
});
