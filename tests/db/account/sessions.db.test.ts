// Server-side sessions (docs/SECURITY.md, Sessions; docs/PRODUCT.md, Your account): who may end
// which sessions, and that an ended session — or a token without one — is refused on its very
// next request by every door: the page guards, the action wrappers and the route handlers,
// the presence heartbeat and stream included. A denial leaves the database as it was.
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import { insertSession } from "@/db/session-rows";
import { endOtherSessionsAction, endSessionAction, saveProfile } from "@/app/account/actions";
import { signOutMemberEverywhereAction } from "@/app/org/[orgId]/settings/users/actions";
import { createWorkspaceAction } from "@/app/org/[orgId]/settings/workspaces/actions";
import { setAvailabilityAction } from "@/app/w/[workspaceId]/actions";
import { POST as heartbeatPOST } from "@/app/api/presence/heartbeat/route";
import { GET as streamGET } from "@/app/api/presence/stream/route";
import { GET as avatarGET } from "@/app/api/avatar/[userId]/route";
import { GET as usersExportGET } from "@/app/w/[workspaceId]/settings/users/export/route";
import { authorize, requireMember, requireOrgAdmin, requireUser } from "@/lib/access/guard";
import { getSession } from "@/lib/auth/session";
import { authOptions } from "@/lib/auth/options";
import { forgetHeartbeat } from "@/lib/presence/service";
import { resetStreams } from "@/lib/presence/streams";
import {
  checkSession,
  endSignedOutSession,
  listSessions,
  sessionSightings,
  touchSession,
} from "@/lib/services/sessions";
import { setupTestDb } from "@/tests/helpers/db";
import { requestState } from "@/tests/helpers/request-state";
import {
  addMember,
  asUser,
  createUser,
  createWorkspace,
  navigation,
  requestHeaders,
  type TestWorkspace,
} from "@/tests/helpers/request";
import { snapshot } from "../users/support";

const t = setupTestDb();

afterEach(() => {
  resetStreams();
  forgetHeartbeat();
});

const sessionsOf = (db: Db, userId: string) =>
  db
    .selectFrom("user_sessions")
    .select(["id", "ended_at", "ended_by", "end_reason"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();

const auditOf = (db: Db, action: string) =>
  db
    .selectFrom("audit_log")
    .select(["workspace_id", "org_id", "actor_id", "target", "after", "ip"])
    .where("action", "=", action)
    .execute();

/** The row id of the session the fake request presents now. */
async function currentRowId(db: Db): Promise<string> {
  const { hashSessionId } = await import("@/db/session-rows");
  const sid = requestState().session!.sid!;
  return (
    await db
      .selectFrom("user_sessions")
      .select("id")
      .where("token_hash", "=", hashSessionId(sid))
      .executeTakeFirstOrThrow()
  ).id;
}

/** Sign `userId` in on another browser: a second open session row. */
const otherBrowser = (db: Db, userId: string) => insertSession(db, { userId, device: "Firefox on Windows" });

/** Read SSE text until `needle` appears, the stream ends, or the time is up. */
async function readTo(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string | null, timeoutMs = 5000) {
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + timeoutMs;
  while ((needle === null || !text.includes(needle)) && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      reader.read(),
      new Promise<"timeout">((r) => {
        timer = setTimeout(() => r("timeout"), Math.max(1, deadline - Date.now()));
      }),
    ]);
    clearTimeout(timer);
    if (next === "timeout") break;
    if (next.done) return { text, ended: true };
    text += decoder.decode(next.value, { stream: true });
  }
  return { text, ended: false };
}

const heartbeat = (workspaceId: string) =>
  heartbeatPOST(
    new Request("http://localhost/api/presence/heartbeat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ workspaceId }),
    }),
  );

describe("/account: sign out one session, sign out everywhere else", () => {
  it("ends one of the user's other sessions, audited at user level; the current one and others' are refused", async () => {
    const user = await createUser();
    const stranger = await createUser();
    await asUser(user, { headers: { "x-switchboard-peer": "198.51.100.9" } });
    const current = await currentRowId(t.db);
    const phone = await otherBrowser(t.db, user.id);
    const strangers = await otherBrowser(t.db, stranger.id);

    // Refusals first: nothing changes.
    const before = await snapshot(t.db);
    expect(await endSessionAction({ sessionId: current })).toMatchObject({ ok: false, code: "invalidInput" });
    expect(await endSessionAction({ sessionId: strangers.id })).toMatchObject({ ok: false, code: "notFound" });
    expect(await endSessionAction({ sessionId: "not-a-uuid" })).toMatchObject({ ok: false, code: "invalidInput" });
    expect(await endSessionAction({ sessionId: crypto.randomUUID() })).toMatchObject({ ok: false, code: "notFound" });
    expect(await snapshot(t.db)).toEqual(before);

    expect(await endSessionAction({ sessionId: phone.id })).toEqual({ ok: true, data: { ended: 1 } });
    const rows = await sessionsOf(t.db, user.id);
    expect(rows.find((r) => r.id === phone.id)).toMatchObject({ ended_by: user.id, end_reason: "user" });
    expect(rows.find((r) => r.id === current)?.ended_at).toBeNull();
    expect((await sessionsOf(t.db, stranger.id))[0].ended_at).toBeNull();
    expect(await auditOf(t.db, "session.ended")).toEqual([
      {
        workspace_id: null,
        org_id: null,
        actor_id: user.id,
        target: user.id,
        after: { reason: "user", sessions: [phone.id] },
        ip: "198.51.100.9",
      },
    ]);
    // Ending it again: it is no longer open.
    expect(await endSessionAction({ sessionId: phone.id })).toMatchObject({ ok: false, code: "notFound" });
  });

  it("sign out everywhere else ends every other session of the user and no one else's", async () => {
    const user = await createUser();
    const stranger = await createUser();
    await asUser(user);
    const current = await currentRowId(t.db);
    await otherBrowser(t.db, user.id);
    await otherBrowser(t.db, user.id);
    await otherBrowser(t.db, stranger.id);

    expect(await endOtherSessionsAction({})).toEqual({ ok: true, data: { ended: 2 } });
    const rows = await sessionsOf(t.db, user.id);
    expect(rows.filter((r) => r.ended_at === null).map((r) => r.id)).toEqual([current]);
    expect(rows.filter((r) => r.end_reason === "others")).toHaveLength(2);
    expect((await sessionsOf(t.db, stranger.id))[0].ended_at).toBeNull();
    // Nothing left to end: no write, no audit row.
    const before = await snapshot(t.db);
    expect(await endOtherSessionsAction({})).toEqual({ ok: true, data: { ended: 0 } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("anonymous, a pre-sessions token and an ended session are refused, nothing written", async () => {
    const user = await createUser();
    const phone = await otherBrowser(t.db, user.id);
    const before = await snapshot(t.db);
    for (const setup of [
      () => asUser(null),
      () => asUser(user, { sid: null }),
      async () => {
        const s = await asUser(user);
        await endSignedOutSession(t.db, user.id, s!.sid!, null);
      },
    ]) {
      await setup();
      const base = await snapshot(t.db);
      expect(await endSessionAction({ sessionId: phone.id })).toMatchObject({ ok: false, code: "unauthenticated" });
      expect(await endOtherSessionsAction({})).toMatchObject({ ok: false, code: "unauthenticated" });
      expect(await snapshot(t.db)).toEqual(base);
    }
    expect((await sessionsOf(t.db, user.id)).find((r) => r.id === phone.id)?.ended_at).toBeNull();
    expect(before.user_sessions).toHaveLength(1);
  });
});

describe("org users page: sign a member out everywhere", () => {
  type Actor = "org admin" | "workspace owner, not org admin" | "manager" | "agent" | "other org admin" | "anonymous";
  const EXPECTED: Record<Actor, "allow" | "unauthenticated" | "forbidden" | "notFound"> = {
    "org admin": "allow",
    "workspace owner, not org admin": "forbidden",
    manager: "forbidden",
    agent: "forbidden",
    "other org admin": "notFound",
    anonymous: "unauthenticated",
  };

  async function scene() {
    const ws = await createWorkspace({ name: "Org A" });
    const target = await createUser({ name: "Target" });
    await addMember(ws, target, "agent");
    await otherBrowser(t.db, target.id);
    await otherBrowser(t.db, target.id);
    const ownerNotAdmin = await createUser();
    await addMember(ws, ownerNotAdmin, "owner");
    const manager = await createUser();
    await addMember(ws, manager, "manager");
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    const other = await createWorkspace({ name: "Org B" });
    const actors: Record<Actor, string | null> = {
      "org admin": ws.ownerId,
      "workspace owner, not org admin": ownerNotAdmin.id,
      manager: manager.id,
      agent: agent.id,
      "other org admin": other.ownerId,
      anonymous: null,
    };
    return { ws, target, other, actors };
  }

  for (const actor of Object.keys(EXPECTED) as Actor[]) {
    it(`${actor}: ${EXPECTED[actor]}`, async () => {
      const { ws, target, actors } = await scene();
      await asUser(actors[actor]);
      const before = await snapshot(t.db);
      const result = await signOutMemberEverywhereAction(ws.orgId, { userId: target.id });
      if (EXPECTED[actor] !== "allow") {
        expect(result).toMatchObject({ ok: false, code: EXPECTED[actor] });
        expect(await snapshot(t.db)).toEqual(before);
        return;
      }
      expect(result).toEqual({ ok: true, data: { ended: 2 } });
      const rows = await sessionsOf(t.db, target.id);
      expect(rows.every((r) => r.end_reason === "admin" && r.ended_by === ws.ownerId)).toBe(true);
      expect(await auditOf(t.db, "session.ended")).toEqual([
        expect.objectContaining({ workspace_id: null, org_id: ws.orgId, actor_id: ws.ownerId, target: target.id }),
      ]);
    });
  }

  it("an org admin may not reach a person of another organization, nor themselves (use /account)", async () => {
    const { ws, other } = await scene();
    await otherBrowser(t.db, other.ownerId);
    await asUser(ws.ownerId);
    await otherBrowser(t.db, ws.ownerId);
    const before = await snapshot(t.db);
    expect(await signOutMemberEverywhereAction(ws.orgId, { userId: other.ownerId })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    expect(await signOutMemberEverywhereAction(ws.orgId, { userId: ws.ownerId })).toMatchObject({
      ok: false,
      code: "invalidInput",
    });
    expect(await signOutMemberEverywhereAction(other.orgId, { userId: other.ownerId })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe("an ended session is refused on its next request, everywhere", () => {
  async function signedIn(): Promise<{ ws: TestWorkspace; sid: string }> {
    const ws = await createWorkspace();
    const s = await asUser(ws.ownerId);
    return { ws, sid: s!.sid! };
  }

  async function expectRefused(ws: TestWorkspace) {
    const w = ws.workspaceId;
    expect(await getSession()).toBeNull();
    expect(await navigation(requireUser("/account"))).toEqual({ redirect: "/signin?callbackUrl=%2Faccount" });
    expect(await navigation(requireMember(w, []))).toEqual({
      redirect: `/signin?callbackUrl=${encodeURIComponent(`/w/${w}`)}`,
    });
    expect(await navigation(requireOrgAdmin(ws.orgId))).toMatchObject({ redirect: expect.stringMatching(/^\/signin/) });
    expect(await authorize(w, [])).toEqual({ ok: false, status: 401 });
    expect(await saveProfile({ name: "x", locale: "en" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await setAvailabilityAction(w, { availability: "away" })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    expect(await createWorkspaceAction(ws.orgId, { name: "New" })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    expect((await heartbeat(w)).status).toBe(401);
    expect((await streamGET(new Request(`http://localhost/api/presence/stream?workspaceId=${w}`))).status).toBe(401);
    expect(
      (
        await avatarGET(new Request(`http://localhost/api/avatar/${ws.ownerId}`), {
          params: Promise.resolve({ userId: ws.ownerId }),
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await usersExportGET(new Request(`http://localhost/w/${w}/settings/users/export`), {
          params: Promise.resolve({ workspaceId: w }),
        })
      ).status,
    ).toBe(401);
  }

  it("works before it ends (the control), is refused after sign-out", async () => {
    const { ws, sid } = await signedIn();
    expect((await getSession())?.user.id).toBe(ws.ownerId);
    expect(await authorize(ws.workspaceId, [])).toMatchObject({ ok: true });
    expect((await heartbeat(ws.workspaceId)).status).toBe(204);
    expect(await endSignedOutSession(t.db, ws.ownerId, sid, "203.0.113.7")).toBe(true);
    await expectRefused(ws);
    expect(await auditOf(t.db, "session.signed_out")).toEqual([
      expect.objectContaining({ workspace_id: null, actor_id: ws.ownerId, target: ws.ownerId }),
    ]);
  });

  it("is refused after an org admin signed the person out everywhere", async () => {
    const { ws } = await signedIn();
    const admin = await createUser();
    await t.db.insertInto("org_members").values({ org_id: ws.orgId, user_id: admin.id, is_admin: true }).execute();
    const victim = requestState().session;
    await asUser(admin);
    expect(await signOutMemberEverywhereAction(ws.orgId, { userId: ws.ownerId })).toMatchObject({ ok: true });
    requestState().session = victim;
    await expectRefused(ws);
  });

  it("a token minted before sessions (no sid) is refused", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId, { sid: null });
    await expectRefused(ws);
  });

  it("a sid of another user's session is refused", async () => {
    const ws = await createWorkspace();
    const other = await createUser();
    const { sid } = await otherBrowser(t.db, other.id);
    await asUser(ws.ownerId, { sid });
    await expectRefused(ws);
  });

  it("an open presence stream closes when its session is ended elsewhere; another session's stays open", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    const doomed = await currentRowId(t.db);
    const open = async () => {
      const res = await streamGET(new Request(`http://localhost/api/presence/stream?workspaceId=${ws.workspaceId}`));
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      expect((await readTo(reader, "event: snapshot")).text).toContain("event: snapshot");
      return reader;
    };
    const first = await open();
    // Same user, another browser: it signs the first one out.
    const second = await otherBrowser(t.db, ws.ownerId);
    await asUser(ws.ownerId, { sid: second.sid });
    const survivor = await open();
    expect(await endSessionAction({ sessionId: doomed })).toEqual({ ok: true, data: { ended: 1 } });

    const ended = await readTo(first, null);
    expect(ended.ended).toBe(true);
    expect(ended.text).toContain("event: revoked");
    // The other session's stream is still open.
    expect((await readTo(survivor, null, 300)).ended).toBe(false);
    await survivor.cancel();
  });
});

describe("sign-in and sign-out through next-auth's callbacks", () => {
  it("a sign-in makes a session row (device, IP, method) and puts its id in the token; sign-out ends it", async () => {
    const user = await createUser();
    requestHeaders().set(
      "user-agent",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    );
    const token = await authOptions.callbacks!.jwt!({
      token: { email: user.email },
      user: { id: user.id, email: user.email },
      trigger: "signIn",
      account: null,
    } as never);
    expect(token.uid).toBe(user.id);
    expect(token.sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await t.db
      .selectFrom("user_sessions")
      .selectAll()
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_agent: "Chrome on Linux", ip: "203.0.113.7", method: "email", ended_at: null });
    expect(row.token_hash).not.toContain(token.sid as string);
    expect(await auditOf(t.db, "session.signed_in")).toEqual([
      expect.objectContaining({
        workspace_id: null,
        actor_id: user.id,
        after: expect.objectContaining({ method: "email" }),
      }),
    ]);

    // A later refresh of an ended session empties the token (next-auth then re-sets the cookie signed out).
    await authOptions.events!.signOut!({ token, session: null } as never);
    expect((await sessionsOf(t.db, user.id))[0]).toMatchObject({ end_reason: "signout", ended_by: user.id });
    const refreshed = await authOptions.callbacks!.jwt!({ token: { ...token, cat: 0 }, trigger: "update" } as never);
    expect(refreshed.uid).toBeUndefined();
    expect(refreshed.sid).toBeUndefined();
  });
});

describe("last seen", () => {
  it("a session not seen for 30 days is over: refused and not listed", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    const id = await currentRowId(t.db);
    expect(await authorize(ws.workspaceId, [])).toMatchObject({ ok: true });
    await t.db
      .updateTable("user_sessions")
      .set({ last_seen_at: new Date(Date.now() - 31 * 86_400_000) })
      .where("id", "=", id)
      .execute();
    expect(await authorize(ws.workspaceId, [])).toEqual({ ok: false, status: 401 });
    expect(await listSessions(t.db, ws.ownerId, id)).toEqual([]);
  });

  it("the request's own check moves it, at most once a minute, in the same statement", async () => {
    const user = await createUser();
    const { id, sid } = await otherBrowser(t.db, user.id);
    sessionSightings.forget();
    const seen = async () =>
      (
        await t.db.selectFrom("user_sessions").select("last_seen_at").where("id", "=", id).executeTakeFirstOrThrow()
      ).last_seen_at.getTime();
    const old = Date.now() - 5 * 60_000;
    await t.db
      .updateTable("user_sessions")
      .set({ last_seen_at: new Date(old) })
      .where("id", "=", id)
      .execute();
    expect(await checkSession(t.db, user.id, sid)).toEqual({ id, userId: user.id });
    const first = await seen();
    expect(first).toBeGreaterThan(old);
    await t.db
      .updateTable("user_sessions")
      .set({ last_seen_at: new Date(old) })
      .where("id", "=", id)
      .execute();
    expect(await checkSession(t.db, user.id, sid)).toEqual({ id, userId: user.id });
    expect(await seen()).toBe(old); // within the minute: this process does not write again
    expect(await checkSession(t.db, crypto.randomUUID(), sid)).toBeNull(); // another user's token
  });

  it("is written at most once a minute per session", async () => {
    const user = await createUser();
    const { id } = await otherBrowser(t.db, user.id);
    sessionSightings.forget();
    const seen = async () =>
      (await t.db.selectFrom("user_sessions").select("last_seen_at").where("id", "=", id).executeTakeFirstOrThrow())
        .last_seen_at;
    const old = new Date(Date.now() - 5 * 60_000);
    await t.db.updateTable("user_sessions").set({ last_seen_at: old }).where("id", "=", id).execute();
    await touchSession(t.db, id);
    const first = await seen();
    expect(first.getTime()).toBeGreaterThan(old.getTime());
    // Within the minute: the process skips it, and another server's write (the SQL guard) too.
    await t.db
      .updateTable("user_sessions")
      .set({ last_seen_at: new Date(Date.now() - 30_000) })
      .where("id", "=", id)
      .execute();
    const mid = await seen();
    await touchSession(t.db, id);
    expect((await seen()).getTime()).toBe(mid.getTime());
    sessionSightings.forget();
    await touchSession(t.db, id);
    expect((await seen()).getTime()).toBe(mid.getTime());
  });
});
