// The mail queue (lib/mail/queue.ts) against a real SMTP server started here: an email exists iff what it
// belongs to committed, SMTP down leaves it failing with a next attempt, SMTP back sends it exactly once,
// a permanent refusal bounces it, two workers never send one row twice, an abandoned claim is retried.
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDb, type Db } from "@/db/connect";
import { sendSignInEmail } from "@/lib/auth/signin-email";
import { deliverDueMail, enqueueMail, invitationMailStates, MAX_MAIL_ATTEMPTS } from "@/lib/mail/queue";
import { smtpTransport, type MailTransport } from "@/lib/mail/transport";
import { createInvitation, resendInvitation } from "@/lib/services/invitations";
import { setupTestDb } from "@/tests/helpers/db";
import { TestSmtpServer, firstLink } from "@/tests/e2e/support/smtp";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { actorFor } from "@/tests/db/users/support";

const t = setupTestDb();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let port: number;
let smtp: TestSmtpServer | undefined;
let transport: MailTransport;

beforeEach(async () => {
  vi.stubEnv("MAIL_RETRY_BASE_MS", "60000");
  port = await freePort();
  transport = await smtpTransport(`smtp://127.0.0.1:${port}`, "Switchboard <no-reply@switchboard.test>");
});
afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
  vi.unstubAllEnvs();
});

async function smtpUp(opts: { delayMs?: number } = {}): Promise<TestSmtpServer> {
  smtp = new TestSmtpServer(port, opts);
  await smtp.start();
  return smtp;
}

const mail = (to: string) => ({
  kind: "signin" as const,
  to,
  subject: "Sign in",
  text: `Link for ${to}`,
  html: "<p>x</p>",
});

function rows(db: Db = t.db) {
  return db
    .selectFrom("mail_queue")
    .select(["id", "to_address", "status", "attempts", "next_attempt_at", "last_error", "sent_at"])
    .orderBy("id")
    .execute();
}

/** Drive time through the database: every waiting row becomes due now. */
async function makeDue(): Promise<void> {
  await t.db
    .updateTable("mail_queue")
    .set({ next_attempt_at: new Date(Date.now() - 1000) })
    .where("next_attempt_at", "is not", null)
    .execute();
}

describe("enqueue", () => {
  it("is part of the caller's transaction: a rollback leaves no mail", async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, mail("rolled.back@example.com"));
        expect(await rows(trx as unknown as Db)).toHaveLength(1);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await rows()).toEqual([]);
  });

  it("an invitation and its email are written together; a refused invitation queues nothing", async () => {
    const w = await createWorkspace({}, t.db);
    const owner = { ...(await actorFor(t.db, w.workspaceId, w.ownerId)), locale: "en" as const };
    const { invitationId } = await createInvitation(t.db, owner, {
      email: "new.hire@example.com",
      role: "agent",
      restrictions: [],
    });
    const queued = await t.db.selectFrom("mail_queue").selectAll().execute();
    expect(queued).toMatchObject([
      {
        kind: "invitation",
        invitation_id: invitationId,
        workspace_id: w.workspaceId,
        to_address: "new.hire@example.com",
        status: "queued",
        attempts: 0,
      },
    ]);
    // Inviting the same address again is refused: no second invitation, no second mail.
    await expect(
      createInvitation(t.db, owner, { email: "new.hire@example.com", role: "agent", restrictions: [] }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await rows()).toHaveLength(1);
    await resendInvitation(t.db, owner, invitationId);
    expect((await rows()).map((r) => r.to_address)).toEqual(["new.hire@example.com", "new.hire@example.com"]);
  });
});

describe("delivery over SMTP", () => {
  it("SMTP down: the mail is failing with its attempt counted and a next attempt; SMTP up: sent exactly once", async () => {
    await enqueueMail(t.db, mail("patient@example.com"));
    const before = Date.now();
    expect(await deliverDueMail(t.db, 20, transport)).toBe(1);
    const [failing] = await rows();
    expect(failing).toMatchObject({ status: "failing", attempts: 1, sent_at: null });
    expect(failing.last_error).toMatch(/^unreachable:/);
    // Backoff: the first retry waits the base delay (60 s here).
    expect(failing.next_attempt_at!.getTime()).toBeGreaterThanOrEqual(before + 59_000);
    // Not due yet: a round does nothing.
    expect(await deliverDueMail(t.db, 20, transport)).toBe(0);

    const server = await smtpUp();
    await makeDue();
    expect(await deliverDueMail(t.db, 20, transport)).toBe(1);
    const [sent] = await rows();
    expect(sent).toMatchObject({ status: "sent", attempts: 2, next_attempt_at: null, last_error: null });
    expect(sent.sent_at).not.toBeNull();
    expect(await deliverDueMail(t.db, 20, transport)).toBe(0);
    expect(server.to("patient@example.com")).toHaveLength(1);
    expect(server.messages).toHaveLength(1);
  });

  it("a permanent 5xx refusal of the recipient bounces the mail: no further attempt", async () => {
    const server = await smtpUp();
    server.reject.add("nobody@example.com");
    await enqueueMail(t.db, mail("nobody@example.com"));
    await enqueueMail(t.db, mail("somebody@example.com"));
    expect(await deliverDueMail(t.db, 20, transport)).toBe(2);
    const [bounced, sent] = await rows();
    expect(bounced).toMatchObject({
      status: "bounced",
      attempts: 1,
      next_attempt_at: null,
      last_error: "rejected:550",
    });
    expect(sent).toMatchObject({ status: "sent" });
    await makeDue();
    expect(await deliverDueMail(t.db, 20, transport)).toBe(0);
    expect(server.messages.map((m) => m.to)).toEqual([["somebody@example.com"]]);
  });

  it("gives up after the last attempt (failing, no next attempt)", async () => {
    await enqueueMail(t.db, mail("gone@example.com"));
    await t.db
      .updateTable("mail_queue")
      .set({ attempts: MAX_MAIL_ATTEMPTS - 1 })
      .execute();
    expect(await deliverDueMail(t.db, 20, transport)).toBe(1);
    expect(await rows()).toMatchObject([{ status: "failing", attempts: MAX_MAIL_ATTEMPTS, next_attempt_at: null }]);
  });

  it("a claim abandoned mid-way (the server died while sending) is retried once the claim expires", async () => {
    const server = await smtpUp();
    await enqueueMail(t.db, mail("crash@example.com"));
    // A worker that claims and never finishes: its process is gone.
    let claimed = false;
    const dying: MailTransport = { kind: "smtp", send: () => ((claimed = true), new Promise<void>(() => undefined)) };
    void deliverDueMail(t.db, 20, dying);
    for (let i = 0; i < 200 && !claimed; i++) await new Promise((r) => setTimeout(r, 5));
    expect(claimed).toBe(true);
    const [held] = await rows();
    expect(held).toMatchObject({ status: "queued", attempts: 1 });
    expect(held.next_attempt_at!.getTime()).toBeGreaterThan(Date.now() + 60_000);
    // While the claim holds, another worker leaves the row alone.
    expect(await deliverDueMail(t.db, 20, transport)).toBe(0);
    // The claim expires (time driven through the database): the next round sends it.
    await makeDue();
    expect(await deliverDueMail(t.db, 20, transport)).toBe(1);
    expect(await rows()).toMatchObject([{ status: "sent", attempts: 2 }]);
    expect(server.to("crash@example.com")).toHaveLength(1);
  });

  it("a slow round starts no attempt in the last minute of its claim: the rest is left for a later round", async () => {
    await enqueueMail(t.db, mail("first@example.com"));
    await enqueueMail(t.db, mail("second@example.com"));
    const sentTo: string[] = [];
    // The first send takes 61 s (the clock is moved on, only for Date): the claim has < 60 s left.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const slow: MailTransport = {
        kind: "smtp",
        send: async (m) => {
          sentTo.push(m.to);
          vi.setSystemTime(Date.now() + 61_000);
        },
      };
      expect(await deliverDueMail(t.db, 20, slow)).toBe(2);
    } finally {
      vi.useRealTimers();
    }
    expect(sentTo).toEqual(["first@example.com"]);
    const [first, second] = await rows();
    expect(first).toMatchObject({ status: "sent" });
    expect(second).toMatchObject({ status: "queued", attempts: 1 });
    expect(second.next_attempt_at!.getTime()).toBeGreaterThan(Date.now() + 60_000);
  });

  it("two workers on two connections at once never send a row twice", async () => {
    const server = await smtpUp({ delayMs: 20 });
    const n = 24;
    for (let i = 0; i < n; i++) await enqueueMail(t.db, mail(`race.${i}@example.com`));
    const other = t.config.kind === "pg" ? await openDb(t.config) : null;
    try {
      const db2 = other?.db ?? t.db;
      const counts = [0, 0];
      const worker = async (db: Db, k: number) => {
        for (let got = 1; got > 0;) counts[k] += got = await deliverDueMail(db, 4, transport);
      };
      await Promise.all([worker(t.db, 0), worker(db2, 1)]);
      expect(counts[0] + counts[1]).toBe(n);
      // On PostgreSQL both really worked at once and shared the rows.
      if (other) expect(Math.min(...counts)).toBeGreaterThan(0);
      const received = server.messages.map((m) => m.to[0]).sort();
      expect(received).toHaveLength(n);
      expect(new Set(received).size).toBe(n);
      expect((await rows()).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    } finally {
      await other?.close();
    }
  });
});

describe("sign-in link", () => {
  it("asked for while SMTP is down: the request succeeds, and the link arrives once SMTP is back", async () => {
    vi.stubEnv("MAIL_RETRY_BASE_MS", "200");
    const email = "early.bird@example.com";
    // What next-auth calls for POST /api/auth/signin/email: it resolves, so the request succeeds.
    await expect(
      sendSignInEmail(email, "http://localhost:3000/api/auth/callback/email?token=abc&email=x"),
    ).resolves.toBeUndefined();
    expect(await deliverDueMail(t.db, 20, transport)).toBe(1);
    expect(await rows()).toMatchObject([{ status: "failing", attempts: 1 }]);

    // SMTP comes back; a job loop ticking every 50 ms (the real one ticks every 5 s) picks the mail up
    // at its next attempt. The delay measured is what the backoff leaves of the current wait.
    const server = await smtpUp();
    const back = Date.now();
    while (server.to(email).length === 0 && Date.now() - back < 10_000) {
      await deliverDueMail(t.db, 20, transport);
      await new Promise((r) => setTimeout(r, 50));
    }
    const delay = Date.now() - back;
    console.info(`[mail] delay after SMTP returned: ${delay} ms (retry base 200 ms, tick 50 ms)`);
    const [received] = server.to(email);
    expect(firstLink(received.text)).toContain("/api/auth/callback/email?token=abc");
    expect(delay).toBeLessThan(2_000);
    expect(server.messages).toHaveLength(1);
  });
});

describe("invitation delivery state", () => {
  it("is the state of the newest mail of each invitation, with a generic reason", async () => {
    const w = await createWorkspace({}, t.db);
    const owner = { ...(await actorFor(t.db, w.workspaceId, w.ownerId)), locale: "en" as const };
    const a = await createInvitation(t.db, owner, { email: "a@example.com", role: "agent", restrictions: [] });
    const b = await createInvitation(t.db, owner, { email: "b@example.com", role: "agent", restrictions: [] });
    const ids = [a.invitationId, b.invitationId];
    const first = await invitationMailStates(t.db, w.workspaceId, ids);
    expect(ids.map((id) => first.get(id))).toEqual([
      { status: "queued", reason: null },
      { status: "queued", reason: null },
    ]);
    const server = await smtpUp();
    server.reject.add("b@example.com");
    await deliverDueMail(t.db, 20, transport);
    const states = await invitationMailStates(t.db, w.workspaceId, ids);
    expect(states.get(a.invitationId)).toEqual({ status: "sent", reason: null });
    expect(states.get(b.invitationId)).toEqual({ status: "bounced", reason: "rejected" });
    // A resend queues a new mail: the state is the new one's.
    await resendInvitation(t.db, owner, b.invitationId);
    expect((await invitationMailStates(t.db, w.workspaceId, ids)).get(b.invitationId)).toEqual({
      status: "queued",
      reason: null,
    });
    // Another workspace sees nothing of these.
    const other = await createWorkspace({}, t.db);
    expect((await invitationMailStates(t.db, other.workspaceId, ids)).size).toBe(0);
  });
});
