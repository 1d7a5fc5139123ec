// Invitation links (docs/PRODUCT.md, Users page "Invitation acceptance", "Invariants"): hashed, single-use,
// expiring, bound to the invited address; resend kills the old link; acceptance does
// everything in one go. The link is read from the mail outbox, as a person would click it.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { decode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { acceptInvitationAction } from "@/app/invite/[token]/actions";
import {
  cancelInvitationAction,
  inviteUser,
  resendInvitationAction,
} from "@/app/w/[workspaceId]/settings/users/actions";
import { getInvitationLanding } from "@/lib/services/accept-invitation";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace, requestCookies } from "@/tests/helpers/request";
import { en, inviteToken, membership, snapshot } from "./support";

const t = setupTestDb();

const SESSION_COOKIE = "next-auth.session-token";
const SECRET = "invitation-tokens-test-secret-0123456789";
beforeEach(() => {
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Owner invites `email` through the action; returns the token from the email. */
async function invite(email: string, role: "owner" | "manager" | "agent" = "agent", restrictions: string[] = []) {
  const ws = await createWorkspace({ name: "Acme Support" });
  await asUser(ws.ownerId);
  const result = await inviteUser(ws.workspaceId, { email, role, restrictions });
  if (!result.ok) throw new Error(result.message);
  const token = await inviteToken(t.db, email);
  await asUser(null);
  return { ws, invitationId: result.data.invitationId, token };
}

const invitation = (id: string) =>
  t.db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

/** Accept and assert refused with `code`/`messageKey`, nothing written and nobody signed in. */
async function expectAcceptRefused(input: { token: string; name?: string }, code: string, messageKey: string) {
  const before = await snapshot(t.db);
  const result = await acceptInvitationAction(input);
  expect(result).toMatchObject({ ok: false, code, message: en(messageKey) });
  expect(await snapshot(t.db), "a refused acceptance must not write anything").toEqual(before);
  expect(requestCookies().has(SESSION_COOKIE), "a refused acceptance must not sign anyone in").toBe(false);
}

describe("invitation tokens", () => {
  it("are random (≥128 bits) and stored only as a sha256 hash — the emailed token is in no column", async () => {
    const { invitationId, token } = await invite("hash.check@example.com");
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    const row = await invitation(invitationId);
    expect(row.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    // Nowhere in the database but the mail queue (the email itself) holds the token.
    const dump = await snapshot(t.db);
    const { mail_queue: _queue, ...rest } = dump;
    expect(JSON.stringify(rest)).not.toContain(token);
    const other = await invite("hash.check2@example.com");
    expect(other.token).not.toBe(token);
  });

  it("the landing page names the workspace, the inviter and the level", async () => {
    const { ws, token } = await invite("landing@example.com", "manager", ["no_export"]);
    const inviter = await t.db
      .selectFrom("users")
      .select(["name"])
      .where("id", "=", ws.ownerId)
      .executeTakeFirstOrThrow();
    expect(await getInvitationLanding(t.db, token)).toMatchObject({
      status: "pending",
      email: "landing@example.com",
      role: "manager",
      restrictions: ["no_export"],
      workspaceName: "Acme Support",
      workspaceId: ws.workspaceId,
      inviterName: inviter.name,
      needsName: true,
    });
    expect(await getInvitationLanding(t.db, "x".repeat(43))).toEqual({ status: "invalid" });
    expect(await getInvitationLanding(t.db, "../../etc/passwd")).toEqual({ status: "invalid" });
  });

  it("a NEW user: a name is required; then user + org + workspace membership + used + audit + webhook, signed in", async () => {
    const { ws, invitationId, token } = await invite("newcomer@example.com", "agent", ["see_self", "contacts"]);
    await t.db
      .insertInto("webhooks")
      .values({ workspace_id: ws.workspaceId, url: "http://127.0.0.1:1/hook", secret: "whsec_test" })
      .execute();

    const nameError = await acceptInvitationAction({ token, name: "   " });
    expect(nameError).toMatchObject({
      ok: false,
      code: "invalidInput",
      fieldErrors: { name: en("errors.name.required") },
    });
    expect(await t.db.selectFrom("users").select("id").where("email", "=", "newcomer@example.com").execute()).toEqual(
      [],
    );
    expect((await invitation(invitationId)).accepted_at).toBeNull();

    await asUser(null, { headers: { "x-switchboard-peer": "192.0.2.200" } });
    const result = await acceptInvitationAction({ token, name: "  Layla Haddad " });
    expect(result).toEqual({ ok: true, data: { path: `/w/${ws.workspaceId}/inbox` } });

    const user = await t.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "newcomer@example.com")
      .executeTakeFirstOrThrow();
    expect(user.name).toBe("Layla Haddad");
    expect(user.email_verified).not.toBeNull();
    expect(await t.db.selectFrom("org_members").selectAll().where("user_id", "=", user.id).execute()).toEqual([
      expect.objectContaining({ org_id: ws.orgId, is_admin: false }),
    ]);
    expect(await membership(t.db, ws.workspaceId, user.id)).toMatchObject({
      role: "agent",
      restrictions: ["see_self", "contacts"],
      invited_by: ws.ownerId,
    });
    expect(await invitation(invitationId)).toMatchObject({
      accepted_by: user.id,
      accepted_at: expect.any(Date),
      cancelled_at: null,
    });
    expect(
      await t.db.selectFrom("audit_log").selectAll().where("action", "=", "invitation.accepted").execute(),
    ).toEqual([
      expect.objectContaining({
        workspace_id: ws.workspaceId,
        actor_id: user.id,
        target: "newcomer@example.com",
        ip: "192.0.2.200",
      }),
    ]);
    const deliveries = await t.db
      .selectFrom("webhook_deliveries")
      .select(["event", "payload"])
      .where("event", "=", "member.joined")
      .execute();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].payload).toMatchObject({
      event: "member.joined",
      workspaceId: ws.workspaceId,
      data: { userId: user.id, role: "agent" },
    });
    // Signed in as the new user: the cookie is the token next-auth's own decode reads.
    const cookie = requestCookies().get(SESSION_COOKIE);
    expect(cookie).toMatchObject({ options: expect.objectContaining({ httpOnly: true, path: "/" }) });
    expect(await decode({ token: cookie!.value, secret: SECRET })).toMatchObject({
      sub: user.id,
      uid: user.id,
      email: "newcomer@example.com",
      name: "Layla Haddad",
      ws: { [ws.workspaceId]: { r: "agent", x: ["see_self", "contacts"] } },
    });
  });

  it("replay: the second accept of the same link is refused as used", async () => {
    const { token } = await invite("twice@example.com");
    expect((await acceptInvitationAction({ token, name: "Twice" })).ok).toBe(true);
    requestCookies().clear();
    await expectAcceptRefused({ token, name: "Twice" }, "conflict", "invite.errors.used");
    expect((await getInvitationLanding(t.db, token)).status).toBe("used");
  });

  it("expiry: past expires_at the link is refused as expired and nothing changes", async () => {
    const { invitationId, token } = await invite("late@example.com");
    await t.db
      .updateTable("invitations")
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where("id", "=", invitationId)
      .execute();
    expect((await getInvitationLanding(t.db, token)).status).toBe("expired");
    await expectAcceptRefused({ token, name: "Late" }, "conflict", "invite.errors.expired");
  });

  it("expires after 7 days", async () => {
    const { invitationId } = await invite("week@example.com");
    const row = await invitation(invitationId);
    const days = (row.expires_at.getTime() - row.created_at.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
  });

  it("wrong account: signed in as someone else → refused, nothing changed, not signed in as the invitee", async () => {
    const { token } = await invite("right.person@example.com");
    const someoneElse = await createUser({ email: "wrong.person@example.com", name: "Wrong" });
    await asUser(someoneElse);
    await expectAcceptRefused({ token, name: "Wrong" }, "forbidden", "invite.errors.wrongAccount");
    expect((await getInvitationLanding(t.db, token)).status).toBe("pending");
  });

  it("resend: the old link stops working, the new one works", async () => {
    const { ws, invitationId, token: oldToken } = await invite("again@example.com");
    await asUser(ws.ownerId);
    expect(await resendInvitationAction(ws.workspaceId, { invitationId })).toMatchObject({ ok: true });
    const newToken = await inviteToken(t.db, "again@example.com");
    expect(newToken).not.toBe(oldToken);
    await asUser(null);
    expect((await getInvitationLanding(t.db, oldToken)).status).toBe("invalid");
    await expectAcceptRefused({ token: oldToken, name: "Again" }, "notFound", "invite.errors.invalid");
    expect(await acceptInvitationAction({ token: newToken, name: "Again" })).toMatchObject({ ok: true });
  });

  it("cancel: the link is refused as cancelled", async () => {
    const { ws, invitationId, token } = await invite("never@example.com");
    await asUser(ws.ownerId);
    expect(await cancelInvitationAction(ws.workspaceId, { invitationId })).toMatchObject({ ok: true });
    await asUser(null);
    expect((await getInvitationLanding(t.db, token)).status).toBe("cancelled");
    await expectAcceptRefused({ token, name: "Never" }, "conflict", "invite.errors.cancelled");
  });

  it("an existing user of another organization joins without a name prompt; their own org stays as it was", async () => {
    const theirs = await createWorkspace({ orgName: "Their Org" });
    const email = (
      await t.db.selectFrom("users").select("email").where("id", "=", theirs.ownerId).executeTakeFirstOrThrow()
    ).email;
    const { ws, token } = await invite(email, "manager", ["no_integrations"]);
    expect(await getInvitationLanding(t.db, token)).toMatchObject({ status: "pending", needsName: false });

    await asUser(theirs.ownerId);
    const result = await acceptInvitationAction({ token });
    expect(result).toEqual({ ok: true, data: { path: `/w/${ws.workspaceId}/dashboard` } });
    expect(await t.db.selectFrom("users").select("id").where("email", "=", email).execute()).toHaveLength(1);
    const orgs = await t.db
      .selectFrom("org_members")
      .select(["org_id", "is_admin"])
      .where("user_id", "=", theirs.ownerId)
      .orderBy("is_admin")
      .execute();
    expect(orgs).toEqual([
      { org_id: ws.orgId, is_admin: false },
      { org_id: theirs.orgId, is_admin: true },
    ]);
    expect(await membership(t.db, ws.workspaceId, theirs.ownerId)).toMatchObject({
      role: "manager",
      restrictions: ["no_integrations"],
    });
    expect(await membership(t.db, theirs.workspaceId, theirs.ownerId)).toMatchObject({ role: "owner" });
  });

  it("an existing user already in the organization (another workspace) gets only the new membership", async () => {
    const ws = await createWorkspace();
    const second = await t.db
      .insertInto("workspaces")
      .values({ org_id: ws.orgId, name: "Second" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await addMember(second.id, ws.ownerId, "owner");
    const agent = await createUser({ email: "colleague@example.com", name: "Colleague" });
    await addMember(ws, agent, "agent");
    await asUser(ws.ownerId);
    expect((await inviteUser(second.id, { email: "colleague@example.com", role: "agent", restrictions: [] })).ok).toBe(
      true,
    );
    const token = await inviteToken(t.db, "colleague@example.com");
    await asUser(agent);
    expect(await acceptInvitationAction({ token })).toMatchObject({ ok: true });
    expect(
      await t.db.selectFrom("org_members").select("org_id").where("user_id", "=", agent.id).execute(),
    ).toHaveLength(1);
    expect(await membership(t.db, second.id, agent.id)).toMatchObject({ role: "agent" });
    expect(await membership(t.db, ws.workspaceId, agent.id)).toMatchObject({ role: "agent" });
  });
});
