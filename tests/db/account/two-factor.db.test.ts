// Two-step sign-in (docs/SECURITY.md, Two-step sign-in): the /account actions for every actor,
// TOTP with codes computed here (±1 step, replay refused), recovery codes single-use, the rate
// limit, and a pending session refused by the page guards, the actions and the route handlers
// until /signin/verify is passed. A denied call changes nothing.
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { verifySecondFactorAction } from "@/app/(auth)/signin/verify/actions";
import {
  beginTotpSetupAction,
  confirmTotpAction,
  regenerateRecoveryCodesAction,
  removeTotpAction,
} from "@/app/account/two-step-actions";
import { saveProfile } from "@/app/account/actions";
import { setAvailabilityAction } from "@/app/w/[workspaceId]/actions";
import { POST as heartbeatPOST } from "@/app/api/presence/heartbeat/route";
import { GET as authGET } from "@/app/api/auth/[...nextauth]/route";
import { GET as usersExportGET } from "@/app/w/[workspaceId]/settings/users/export/route";
import { requireMember, requireOrgAdmin, requireUser } from "@/lib/access/guard";
import { getSession, pendingSession } from "@/lib/auth/session";
import { startSession } from "@/lib/services/sessions";
import {
  ATTEMPTS_PER_IP,
  ATTEMPTS_PER_USER,
  beginTotpSetup,
  confirmTotp,
  hashRecoveryCode,
  passSecondFactor,
  removeTotp,
} from "@/lib/services/two-factor";
import { seal, unseal } from "@/lib/security/seal";
import { setupTestDb } from "@/tests/helpers/db";
import {
  asUser,
  createUser,
  createWorkspace,
  navigation,
  requestHeaders,
  type TestUser,
} from "@/tests/helpers/request";
import { addMember } from "@/tests/helpers/request";

const t = setupTestDb();

let ipCounter = 0;
/** A fresh client address, so one test's per-IP budget is its own. */
const freshIp = () => `198.18.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;
const now = () => Date.now() / 1000;
const codeAt = (secret: string, epoch: number) => generate({ secret, epoch });

const totpRow = (userId: string) =>
  t.db.selectFrom("user_totp").selectAll().where("user_id", "=", userId).executeTakeFirst();
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
const auditActions = async (userId: string) =>
  (
    await t.db
      .selectFrom("audit_log")
      .select(["action", "after", "workspace_id"])
      .where("actor_id", "=", userId)
      .orderBy("id")
      .execute()
  ).filter((r) => r.action !== "session.signed_in");

/** A user who set up the app through the actions: their secret and recovery codes. */
async function enrolled(user?: TestUser): Promise<{ user: TestUser; secret: string; codes: string[] }> {
  const u = user ?? (await createUser());
  await asUser(u.id, { headers: { "x-switchboard-peer": freshIp() } });
  const begun = await beginTotpSetupAction({});
  if (!begun.ok) throw new Error(JSON.stringify(begun));
  const confirmed = await confirmTotpAction({ code: await codeAt(begun.data.secret, now()) });
  if (!confirmed.ok) throw new Error(JSON.stringify(confirmed));
  return { user: u, secret: begun.data.secret, codes: confirmed.data.recoveryCodes };
}

/** A new sign-in of this user (the real startSession, as the next-auth callback calls it), as the request's session. */
async function signIn(user: TestUser, ip = freshIp()) {
  const sid = await startSession(t.db, { userId: user.id, device: "Test browser", ip, method: "email" });
  await asUser(user.id, { sid, headers: { "x-switchboard-peer": ip } });
  return sid;
}

describe("seal", () => {
  it("round-trips, and refuses another purpose, another key or a changed byte", () => {
    const sealed = seal("totp", "JBSWY3DPEHPK3PXPJBSWY3DP", "secret-a");
    expect(sealed).not.toContain("JBSWY3DP");
    expect(unseal("totp", sealed, "secret-a")).toBe("JBSWY3DPEHPK3PXPJBSWY3DP");
    expect(unseal("other", sealed, "secret-a")).toBeNull();
    expect(unseal("totp", sealed, "secret-b")).toBeNull();
    const flipped = sealed.slice(0, -2) + (sealed.endsWith("A") ? "B" : "A") + sealed.slice(-1);
    expect(unseal("totp", flipped, "secret-a")).toBeNull();
  });
});

describe("setting up the app (/account)", () => {
  it("set up, confirm with a code: factor on, ten hashed recovery codes shown once, audited", async () => {
    const user = await createUser();
    await asUser(user.id, { headers: { "x-switchboard-peer": freshIp() } });
    const begun = await beginTotpSetupAction({});
    expect(begun).toMatchObject({ ok: true, data: { secret: expect.stringMatching(/^[A-Z2-7]{16,}$/) } });
    if (!begun.ok) return;
    const svg = Buffer.from(begun.data.qrDataUrl.replace(/^data:image\/svg\+xml;base64,/, ""), "base64").toString();
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const row = await totpRow(user.id);
    expect(row?.confirmed_at).toBeNull();
    expect(row?.secret_sealed).not.toContain(begun.data.secret);
    // Not a factor yet: a sign-in now is not pending.
    expect(await getSession()).not.toBeNull();

    const wrong = await confirmTotpAction({ code: "000000" });
    expect(wrong).toMatchObject({ ok: false, code: "invalidInput", fieldErrors: { code: expect.any(String) } });
    expect((await totpRow(user.id))?.confirmed_at).toBeNull();

    const confirmed = await confirmTotpAction({ code: await codeAt(begun.data.secret, now()) });
    expect(confirmed).toMatchObject({ ok: true });
    if (!confirmed.ok) return;
    const codes = confirmed.data.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = await t.db.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", user.id).execute();
    expect(stored.map((r) => r.code_hash).sort()).toEqual(codes.map(hashRecoveryCode).sort());
    expect(JSON.stringify(stored)).not.toContain(codes[0]);
    expect((await totpRow(user.id))?.confirmed_at).toBeInstanceOf(Date);
    expect((await auditActions(user.id)).map((r) => [r.action, r.workspace_id])).toEqual([
      ["factor.added", null],
      ["recovery_codes.generated", null],
    ]);
    // A second set-up while on is refused; the secret stays.
    const again = await beginTotpSetupAction({});
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    expect(unseal("totp", (await totpRow(user.id))!.secret_sealed)).toBe(begun.data.secret);
  });

  it("anonymous, a pending session and malformed input are refused; nothing is written", async () => {
    const { user, secret } = await enrolled();
    const before = await totpRow(user.id);
    const calls = [
      () => beginTotpSetupAction({}),
      () => confirmTotpAction({ code: "123456" }),
      () => regenerateRecoveryCodesAction({ code: "123456" }),
      () => removeTotpAction({ code: "123456" }),
    ];
    await asUser(null);
    for (const call of calls) expect(await call()).toMatchObject({ ok: false, code: "unauthenticated" });
    await signIn(user);
    for (const call of calls) expect(await call()).toMatchObject({ ok: false, code: "unauthenticated" });
    // Even with a right code, the pending session cannot remove the app.
    expect(await removeTotpAction({ code: await codeAt(secret, now() + 30) })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    const other = await createUser();
    await asUser(other.id);
    for (const bad of [{}, { code: "" }, { code: "x".repeat(40) }, { code: "12<script>" }, { code: 123456 }])
      expect(await confirmTotpAction(bad)).toMatchObject({ ok: false, code: "invalidInput" });
    expect(await totpRow(user.id)).toEqual(before);
    expect(await totpRow(other.id)).toBeUndefined();
    expect(await unusedCodes(user.id)).toBe(10);
  });

  it("regenerate needs a current app code; the old codes stop working", async () => {
    const { user, secret, codes } = await enrolled();
    expect(await regenerateRecoveryCodesAction({ code: codes[0] })).toMatchObject({ ok: false, code: "invalidInput" });
    expect(await regenerateRecoveryCodesAction({ code: "111111" })).toMatchObject({ ok: false, code: "invalidInput" });
    expect(await unusedCodes(user.id)).toBe(10);
    const fresh = await regenerateRecoveryCodesAction({ code: await codeAt(secret, now() + 30) });
    expect(fresh).toMatchObject({ ok: true });
    if (!fresh.ok) return;
    expect(fresh.data.recoveryCodes).toHaveLength(10);
    expect(fresh.data.recoveryCodes).not.toContain(codes[0]);
    const hashes = (
      await t.db.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", user.id).execute()
    ).map((r) => r.code_hash);
    expect(hashes).not.toContain(hashRecoveryCode(codes[0]));
    expect((await auditActions(user.id)).at(-1)?.action).toBe("recovery_codes.generated");
  });

  it("remove needs a current code or a recovery code; afterwards a sign-in is not pending", async () => {
    const { user, codes } = await enrolled();
    expect(await removeTotpAction({ code: "abcde-fghjk" })).toMatchObject({ ok: false, code: "invalidInput" });
    expect(await totpRow(user.id)).toBeDefined();
    expect(await removeTotpAction({ code: codes[3].toUpperCase() })).toEqual({ ok: true, data: null });
    expect(await totpRow(user.id)).toBeUndefined();
    expect(await unusedCodes(user.id)).toBe(0);
    const removed = (await auditActions(user.id)).at(-1);
    expect(removed).toMatchObject({ action: "factor.removed", after: { provedWith: "recovery_code" } });
    await signIn(user);
    expect(await getSession()).not.toBeNull();
  });
});

describe("TOTP codes", () => {
  async function confirmedSecret(user: TestUser, epoch: number) {
    const { secret } = await beginTotpSetup(t.db, { userId: user.id, email: user.email });
    await confirmTotp(t.db, { userId: user.id, ip: freshIp() }, await codeAt(secret, epoch), epoch);
    return secret;
  }
  const pass = (user: TestUser, sessionId: string, code: string, epoch: number) =>
    passSecondFactor(t.db, { userId: user.id, sessionId, ip: freshIp() }, code, epoch);
  const pendingId = async (user: TestUser) => {
    await signIn(user);
    return (await pendingSession())!.ref.id;
  };

  it("±1 step is accepted, ±2 steps are not (window edges)", async () => {
    // The middle of a step, 100 steps from the enrolment's, so the enrolment step does not interfere.
    const base = Math.floor(now() / 30) * 30 + 15;
    const user = await createUser();
    const secret = await confirmedSecret(user, base - 3000);
    for (const offset of [-60, 60]) {
      await expect(pass(user, await pendingId(user), await codeAt(secret, base + offset), base)).rejects.toMatchObject({
        code: "invalidInput",
      });
    }
    // The code of the step before, then of the step after; each passes its own pending session.
    expect(await pass(user, await pendingId(user), await codeAt(secret, base - 30), base)).toEqual({ kind: "totp" });
    expect(await pass(user, await pendingId(user), await codeAt(secret, base + 30), base)).toEqual({ kind: "totp" });
  });

  it("at the first second of a step, the previous step's last second is accepted, the one before it is not", async () => {
    const start = Math.floor(now() / 30) * 30;
    const user = await createUser();
    const secret = await confirmedSecret(user, start - 3000);
    await expect(pass(user, await pendingId(user), await codeAt(secret, start - 31), start)).rejects.toMatchObject({
      code: "invalidInput",
    });
    expect(await pass(user, await pendingId(user), await codeAt(secret, start - 1), start)).toEqual({ kind: "totp" });
  });

  it("a code of an already used step is refused (replay), also an earlier step after a later one", async () => {
    const base = Math.floor(now() / 30) * 30 + 10;
    const user = await createUser();
    const secret = await confirmedSecret(user, base - 3000);
    const current = await codeAt(secret, base);
    expect(await pass(user, await pendingId(user), current, base)).toEqual({ kind: "totp" });
    const replay = await pendingId(user);
    await expect(pass(user, replay, current, base + 20)).rejects.toMatchObject({ code: "invalidInput" });
    await expect(pass(user, replay, await codeAt(secret, base - 30), base)).rejects.toMatchObject({
      code: "invalidInput",
    });
    expect(
      (await t.db.selectFrom("user_sessions").select("second_factor").where("id", "=", replay).executeTakeFirst())
        ?.second_factor,
    ).toBe("pending");
    // The next step is fine.
    expect(await pass(user, replay, await codeAt(secret, base + 30), base + 30)).toEqual({ kind: "totp" });
    const failed = (await auditActions(user.id)).filter((r) => r.action === "second_factor.failed");
    expect(failed).toHaveLength(2);
  });

  it("the confirming code itself cannot be replayed at sign-in", async () => {
    const base = Math.floor(now() / 30) * 30 + 5;
    const user = await createUser();
    const secret = await confirmedSecret(user, base);
    await expect(pass(user, await pendingId(user), await codeAt(secret, base), base)).rejects.toMatchObject({
      code: "invalidInput",
    });
  });

  it("an unconfirmed secret is no factor: a code for it does not remove or pass anything", async () => {
    const user = await createUser();
    const { secret } = await beginTotpSetup(t.db, { userId: user.id, email: user.email });
    await expect(
      removeTotp(t.db, { userId: user.id, ip: freshIp() }, await codeAt(secret, now())),
    ).rejects.toMatchObject({ code: "invalidInput" });
    expect(await totpRow(user.id)).toBeDefined();
    await signIn(user);
    expect(await pendingSession()).toBeNull();
    expect(await getSession()).not.toBeNull();
  });
});

describe("/signin/verify", () => {
  it("a pending session: refused by page guards, actions and routes; passes with a code, then all work", async () => {
    const ws = await createWorkspace();
    const { user, secret } = await enrolled();
    await addMember(ws, user, "manager");
    await signIn(user);
    const target = `/w/${ws.workspaceId}/inbox?view=mine`;

    // Page guards go to /signin/verify, keeping where the user was going.
    expect(await navigation(requireUser("/account"))).toEqual({
      redirect: `/signin/verify?callbackUrl=${encodeURIComponent("/account")}`,
    });
    expect(await navigation(requireMember(ws.workspaceId, [], target))).toEqual({
      redirect: `/signin/verify?callbackUrl=${encodeURIComponent(target)}`,
    });
    expect(await navigation(requireOrgAdmin(ws.orgId))).toMatchObject({
      redirect: expect.stringMatching(/^\/signin\/verify\?/),
    });
    // Actions and route handlers: signed out.
    expect(await setAvailabilityAction(ws.workspaceId, { availability: "away" })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    expect(await saveProfile({ name: "Skipped", locale: "en" })).toMatchObject({ ok: false, code: "unauthenticated" });
    const exported = await usersExportGET(new Request(`http://localhost/w/${ws.workspaceId}/settings/users/export`), {
      params: Promise.resolve({ workspaceId: ws.workspaceId }),
    });
    expect(exported.status).toBe(401);
    const beat = await heartbeatPOST(
      new Request("http://localhost/api/presence/heartbeat", {
        method: "POST",
        body: JSON.stringify({ workspaceId: ws.workspaceId }),
      }),
    );
    expect(beat.status).toBe(401);
    // The browser's session fetch (useSession) answers signed out, as next-auth does without a session.
    const own = await authGET(new Request("http://localhost/api/auth/session"), {
      params: Promise.resolve({ nextauth: ["session"] }),
    });
    expect(await own.json()).toEqual({});
    const unchanged = await t.db
      .selectFrom("workspace_members")
      .select("availability")
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(unchanged.availability).toBe("available");
    expect(
      (await t.db.selectFrom("users").select("name").where("id", "=", user.id).executeTakeFirstOrThrow()).name,
    ).not.toBe("Skipped");

    // A wrong code: refused and audited; an outside callbackUrl is replaced by "/".
    expect(await verifySecondFactorAction({ code: "000000", callbackUrl: target })).toMatchObject({
      ok: false,
      code: "invalidInput",
    });
    const passed = await verifySecondFactorAction({
      code: await codeAt(secret, now() + 30),
      callbackUrl: "https://evil.example/x",
    });
    expect(passed).toEqual({ ok: true, data: { kind: "totp", redirectTo: "/" } });
    expect(await navigation(requireMember(ws.workspaceId))).toMatchObject({ value: { userId: user.id } });
    expect((await setAvailabilityAction(ws.workspaceId, { availability: "away" })).ok).toBe(true);
    expect(await pendingSession()).toBeNull();
    // Passed: the verify action refuses a second go.
    expect(await verifySecondFactorAction({ code: "000000" })).toMatchObject({ ok: false, code: "unauthenticated" });
    const rows = await auditActions(user.id);
    expect(rows.filter((r) => r.action.startsWith("second_factor.")).map((r) => r.action)).toEqual([
      "second_factor.failed",
      "second_factor.passed",
    ]);
  });

  it("the verify action refuses a signed-out or fully signed-in caller", async () => {
    await asUser(null);
    expect(await verifySecondFactorAction({ code: "123456" })).toMatchObject({ ok: false, code: "unauthenticated" });
    const plain = await createUser();
    await asUser(plain.id);
    expect(await verifySecondFactorAction({ code: "123456" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await t.db.selectFrom("audit_log").selectAll().where("action", "like", "second_factor.%").execute()).toEqual(
      [],
    );
  });

  it("a recovery code works once", async () => {
    const { user, codes } = await enrolled();
    await signIn(user);
    expect(await verifySecondFactorAction({ code: ` ${codes[0].toUpperCase()} ` })).toMatchObject({
      ok: true,
      data: { kind: "recovery_code" },
    });
    expect(await unusedCodes(user.id)).toBe(9);
    await signIn(user);
    expect(await verifySecondFactorAction({ code: codes[0] })).toMatchObject({ ok: false, code: "invalidInput" });
    expect(await pendingSession()).not.toBeNull();
    expect(await verifySecondFactorAction({ code: codes[1].replace("-", "") })).toMatchObject({ ok: true });
    expect(await unusedCodes(user.id)).toBe(8);
  });

  it(`rate limit: ${ATTEMPTS_PER_USER} attempts per user per 15 minutes, then even a right code is refused`, async () => {
    const { user, secret } = await enrolled();
    await signIn(user);
    // The enrolment's confirming code was the first attempt of this window: every attempt counts.
    for (let i = 1; i < ATTEMPTS_PER_USER; i++) {
      requestHeaders().set("x-switchboard-peer", freshIp()); // a new address each time: the user's budget counts
      expect(await verifySecondFactorAction({ code: "000000" })).toMatchObject({ code: "invalidInput" });
    }
    const refused = await verifySecondFactorAction({ code: await codeAt(secret, now() + 30) });
    expect(refused).toMatchObject({ ok: false, code: "rateLimited", message: expect.stringContaining("15 minutes") });
    expect(await pendingSession()).not.toBeNull();
  });

  it(`rate limit: ${ATTEMPTS_PER_IP} attempts per IP address, across users`, async () => {
    const ip = freshIp();
    const users = await Promise.all(Array.from({ length: 4 }, () => createUser()));
    const secrets: string[] = [];
    for (const u of users) secrets.push((await enrolled(u)).secret);
    let attempts = 0;
    for (const u of users) {
      await signIn(u, ip);
      for (let i = 0; i < 8 && attempts < ATTEMPTS_PER_IP; i++, attempts++)
        expect(await verifySecondFactorAction({ code: "000000" })).toMatchObject({ code: "invalidInput" });
    }
    expect(attempts).toBe(ATTEMPTS_PER_IP);
    // users[3] used 6 of their own 10: refused for the address.
    expect(await verifySecondFactorAction({ code: await codeAt(secrets[3], now() + 30) })).toMatchObject({
      code: "rateLimited",
    });
    // From another address the same user gets in.
    requestHeaders().set("x-switchboard-peer", freshIp());
    expect(await verifySecondFactorAction({ code: await codeAt(secrets[3], now() + 30) })).toMatchObject({ ok: true });
  });
});
