// Passkeys (docs/SECURITY.md, Two-step sign-in): the /account and /signin/verify actions for every
// actor (signed out, a pending session, another user, the user), with a software authenticator
// (tests/helpers/webauthn.ts) whose responses @simplewebauthn/server checks for real: challenge
// single use, origin, RP ID, signature, counter. A denied call changes nothing.
import { describe, expect, it } from "vitest";
import {
  beginPasskeySignInAction,
  verifyPasskeyAction,
  verifySecondFactorAction,
} from "@/app/(auth)/signin/verify/actions";
import {
  beginPasskeyRegistrationAction,
  finishPasskeyRegistrationAction,
  removePasskeyAction,
} from "@/app/account/passkey-actions";
import { requireUser } from "@/lib/access/guard";
import { pendingSession } from "@/lib/auth/session";
import { relyingParty } from "@/lib/services/passkeys";
import { hasSecondFactor } from "@/lib/services/second-factor";
import { startSession } from "@/lib/services/sessions";
import { setupTestDb } from "@/tests/helpers/db";
import { asUser, createUser, navigation, type TestUser } from "@/tests/helpers/request";
import { authenticate, register, softAuthenticator, type SoftAuthenticator } from "@/tests/helpers/webauthn";

const t = setupTestDb();

let ipCounter = 0;
const freshIp = () => `198.19.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

const passkeyRows = (userId: string) =>
  t.db.selectFrom("user_passkeys").selectAll().where("user_id", "=", userId).orderBy("created_at").execute();
const unusedCodes = async (userId: string) =>
  Number(
    (
      await t.db
        .selectFrom("recovery_codes")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("user_id", "=", userId)
        .where("used_at", "is", null)
        .executeTakeFirstOrThrow()
    ).n,
  );
const audits = async (userId: string, action: string) =>
  t.db
    .selectFrom("audit_log")
    .select(["action", "after", "before", "workspace_id"])
    .where("actor_id", "=", userId)
    .where("action", "=", action)
    .orderBy("id")
    .execute();
const sessionState = async (sid: string | null) =>
  (await t.db.selectFrom("user_sessions").select("second_factor").where("id", "=", sid!).executeTakeFirstOrThrow())
    .second_factor;

async function signIn(user: TestUser, ip = freshIp()) {
  const sid = await startSession(t.db, { userId: user.id, device: "Test browser", ip, method: "email" });
  await asUser(user.id, { sid, headers: { "x-switchboard-peer": ip } });
  // The session row's id (the token carries another value): null when it is not pending.
  return (await pendingSession())?.ref.id ?? null;
}

/** Enrols a passkey through the actions as the signed-in user. */
async function enrol(user: TestUser, name = "Laptop", key = softAuthenticator()) {
  await asUser(user.id, { headers: { "x-switchboard-peer": freshIp() } });
  const begun = await beginPasskeyRegistrationAction({});
  if (!begun.ok) throw new Error(JSON.stringify(begun));
  const { origin, rpID } = relyingParty();
  const done = await finishPasskeyRegistrationAction({
    name,
    response: register(key, { challenge: begun.data.challenge, origin, rpID }),
  });
  if (!done.ok) throw new Error(JSON.stringify(done));
  return { key, ...done.data };
}

/** "Use a passkey" on /signin/verify as the current (pending) session. */
async function usePasskey(key: SoftAuthenticator, opts: { origin?: string; rpID?: string; counter?: number } = {}) {
  const begun = await beginPasskeySignInAction({});
  if (!begun.ok) throw new Error(JSON.stringify(begun));
  const rp = relyingParty();
  const response = authenticate(key, {
    challenge: begun.data.challenge,
    origin: opts.origin ?? rp.origin,
    rpID: opts.rpID ?? rp.rpID,
    counter: opts.counter,
  });
  return {
    result: await verifyPasskeyAction({ response, callbackUrl: "/w" }),
    response,
    challenge: begun.data.challenge,
  };
}

describe("enrolling a passkey", () => {
  it("the user adds one: stored, a factor, ten recovery codes once, audited; a second brings no new codes", async () => {
    const user = await createUser();
    expect(await hasSecondFactor(t.db, user.id)).toBe(false);
    const first = await enrol(user, "Work laptop");
    expect(first.recoveryCodes).toHaveLength(10);
    const rows = await passkeyRows(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: "Work laptop",
      credential_id: first.key.credentialId,
      transports: ["internal"],
    });
    expect(await hasSecondFactor(t.db, user.id)).toBe(true);
    expect(await unusedCodes(user.id)).toBe(10);
    const second = await enrol(user, "Phone");
    expect(second.recoveryCodes).toBeNull();
    expect(await passkeyRows(user.id)).toHaveLength(2);
    const added = await audits(user.id, "factor.added");
    expect(added.map((a) => (a.after as { kind: string }).kind)).toEqual(["passkey", "passkey"]);
    expect(added.every((a) => a.workspace_id === null)).toBe(true);
    // A later sign-in waits for the factor.
    const sid = await signIn(user);
    expect(await sessionState(sid)).toBe("pending");
  });

  it("signed out, a pending session, a replayed or foreign-origin response: refused, nothing stored", async () => {
    const user = await createUser();
    const key = softAuthenticator();
    const { origin, rpID } = relyingParty();
    await asUser(null);
    expect(await beginPasskeyRegistrationAction({})).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(
      await finishPasskeyRegistrationAction({ name: "x", response: register(key, { challenge: "abc", origin, rpID }) }),
    ).toMatchObject({ ok: false, code: "unauthenticated" });

    // A challenge the server never made.
    await asUser(user.id);
    const forged = await finishPasskeyRegistrationAction({
      name: "x",
      response: register(key, { challenge: "AAAAAAAAAAAAAAAAAAAAAA", origin, rpID }),
    });
    expect(forged).toMatchObject({ ok: false, code: "invalidInput" });

    // Another origin, another RP ID: refused, and the challenge is spent either way.
    for (const bad of [
      { origin: "https://evil.example", rpID },
      { origin, rpID: "evil.example" },
    ]) {
      const begun = await beginPasskeyRegistrationAction({});
      if (!begun.ok) throw new Error("begin");
      const response = register(key, { challenge: begun.data.challenge, ...bad });
      expect(await finishPasskeyRegistrationAction({ name: "x", response })).toMatchObject({ ok: false });
      const retry = register(key, { challenge: begun.data.challenge, origin, rpID });
      expect(await finishPasskeyRegistrationAction({ name: "x", response: retry })).toMatchObject({ ok: false });
    }
    // Malformed input.
    expect(await finishPasskeyRegistrationAction({ name: "", response: {} })).toMatchObject({
      ok: false,
      code: "invalidInput",
    });

    // A pending session (the user has a factor, signed in again) cannot add one.
    const other = await createUser();
    await enrol(other);
    await signIn(other);
    expect(await beginPasskeyRegistrationAction({})).toMatchObject({ ok: false, code: "unauthenticated" });

    expect(await passkeyRows(user.id)).toHaveLength(0);
    expect(await unusedCodes(user.id)).toBe(0);
    expect(await audits(user.id, "factor.added")).toHaveLength(0);
  });
});

describe("signing in with a passkey", () => {
  it("the pending user passes: session passed, counter and last use kept, audited; the guards let it in", async () => {
    const user = await createUser();
    const { key } = await enrol(user);
    const sid = await signIn(user);
    expect(await navigation(requireUser("/w"))).toEqual({ redirect: "/signin/verify?callbackUrl=%2Fw" });
    const { result } = await usePasskey(key);
    expect(result).toEqual({ ok: true, data: { kind: "passkey", redirectTo: "/w" } });
    expect(await sessionState(sid)).toBe("passed");
    expect(await pendingSession()).toBeNull();
    expect(await navigation(requireUser("/w"))).toMatchObject({ value: { id: user.id } });
    const [row] = await passkeyRows(user.id);
    expect(Number(row!.counter)).toBe(1);
    expect(row!.last_used_at).not.toBeNull();
    const passed = await audits(user.id, "second_factor.passed");
    expect(passed.map((a) => (a.after as { kind: string }).kind)).toEqual(["passkey"]);
  });

  it("a replayed response, a counter that does not grow, another origin, another user's passkey: refused and audited", async () => {
    const user = await createUser();
    const { key } = await enrol(user);
    const sid = await signIn(user);
    const first = await usePasskey(key);
    expect(first.result.ok).toBe(true);

    // Replay of the same response on a new pending session: the challenge was single use.
    const sid2 = await signIn(user);
    expect(await verifyPasskeyAction({ response: first.response })).toMatchObject({ ok: false, code: "invalidInput" });
    // A fresh challenge, but the counter went back.
    expect((await usePasskey(key, { counter: 1 })).result).toMatchObject({ ok: false });
    // A fresh challenge, another origin / RP ID.
    expect((await usePasskey(key, { origin: "https://evil.example" })).result).toMatchObject({ ok: false });
    expect((await usePasskey(key, { rpID: "evil.example" })).result).toMatchObject({ ok: false });
    // Another user's passkey, properly signed for this user's challenge.
    const other = await createUser();
    const { key: otherKey } = await enrol(other);
    await signIn(user);
    const sid3 = (await pendingSession())!.ref.id;
    expect((await usePasskey(otherKey)).result).toMatchObject({ ok: false });
    expect(await sessionState(sid2)).toBe("pending");
    expect(await sessionState(sid3)).toBe("pending");
    expect(sid).not.toBe(sid2);
    const failed = await audits(user.id, "second_factor.failed");
    expect(failed.length).toBe(5);
    expect(failed.every((a) => (a.after as { kind: string }).kind === "passkey")).toBe(true);
    const [row] = await passkeyRows(user.id);
    expect(Number(row!.counter)).toBe(1);
  });

  it("signed out, a passed session, a user without passkeys: refused; attempts are rate limited like codes", async () => {
    const user = await createUser();
    const { key } = await enrol(user);
    await asUser(null);
    expect(await beginPasskeySignInAction({})).toMatchObject({ ok: false, code: "unauthenticated" });
    // Passed (the enrolment session): not pending, refused.
    await asUser(user.id);
    expect(await beginPasskeySignInAction({})).toMatchObject({ ok: false, code: "unauthenticated" });
    // A pending user with only an app code would have no passkey; here a user with a passkey whose
    // budget is spent: refused even with a right response.
    await signIn(user);
    for (let i = 0; i < 10; i++)
      await verifySecondFactorAction({ code: "000000" }).then((r) => expect(r.ok).toBe(false));
    const { result } = await usePasskey(key);
    expect(result).toMatchObject({ ok: false, code: "rateLimited" });
    expect((await pendingSession())?.ref.id).toBeTruthy();
  });
});

describe("removing a passkey", () => {
  it("with another factor left: removed, audited; the last needs a recovery code and takes the codes", async () => {
    const user = await createUser();
    const first = await enrol(user, "One");
    await enrol(user, "Two");
    const [one, two] = await passkeyRows(user.id);
    await asUser(user.id);
    expect(await removePasskeyAction({ id: one!.id })).toEqual({ ok: true, data: null });
    expect((await passkeyRows(user.id)).map((r) => r.name)).toEqual(["Two"]);

    // The last one: refused without a code, and with a wrong one; nothing changes.
    expect(await removePasskeyAction({ id: two!.id })).toMatchObject({ ok: false, code: "invalidInput" });
    expect(await removePasskeyAction({ id: two!.id, recoveryCode: "aaaaa-aaaaa" })).toMatchObject({
      ok: false,
      code: "invalidInput",
    });
    expect(await passkeyRows(user.id)).toHaveLength(1);
    expect(await unusedCodes(user.id)).toBe(10);

    expect(await removePasskeyAction({ id: two!.id, recoveryCode: first.recoveryCodes![0]! })).toEqual({
      ok: true,
      data: null,
    });
    expect(await passkeyRows(user.id)).toHaveLength(0);
    expect(await unusedCodes(user.id)).toBe(0);
    expect(await hasSecondFactor(t.db, user.id)).toBe(false);
    const removed = await audits(user.id, "factor.removed");
    expect(removed.map((a) => (a.before as { kind: string }).kind)).toEqual(["passkey", "passkey"]);
  });

  it("signed out, another user, a pending session, a malformed or unknown id: refused, nothing removed", async () => {
    const user = await createUser();
    await enrol(user, "One");
    await enrol(user, "Two");
    const [one] = await passkeyRows(user.id);
    await asUser(null);
    expect(await removePasskeyAction({ id: one!.id })).toMatchObject({ ok: false, code: "unauthenticated" });
    const other = await createUser();
    await asUser(other.id);
    expect(await removePasskeyAction({ id: one!.id })).toMatchObject({ ok: false, code: "notFound" });
    expect(await removePasskeyAction({ id: "not-a-uuid" })).toMatchObject({ ok: false, code: "notFound" });
    expect(await removePasskeyAction({ id: "00000000-0000-4000-8000-000000000000" })).toMatchObject({
      ok: false,
      code: "notFound",
    });
    await signIn(user);
    expect(await removePasskeyAction({ id: one!.id })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await passkeyRows(user.id)).toHaveLength(2);
    expect(await audits(user.id, "factor.removed")).toHaveLength(0);
  });
});
