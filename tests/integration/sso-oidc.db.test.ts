// Single sign-on against a real OpenID provider (oidc-provider on a free port): the full
// authorization code flow over HTTP through our route handlers (/api/sso/start, /api/sso/callback),
// just-in-time access, the magic link refused for a require-SSO domain, and the security probes
// (state, nonce, audience, unverified email, unverified domain, code replay, rate limit).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as startGET } from "@/app/api/sso/start/route";
import { GET as callbackGET } from "@/app/api/sso/callback/route";
import { acceptInvitationAction } from "@/app/invite/[token]/actions";
import { guardEmailSignIn } from "@/lib/auth/signin-guard";
import { sendSignInEmail } from "@/lib/auth/signin-email";
import { baseUrl } from "@/lib/env";
import { setTxtResolver } from "@/lib/sso/dns";
import { addSsoDomain, saveSsoConfig, setSsoRequired, verifySsoDomain } from "@/lib/services/sso-settings";
import { hashToken, newToken } from "@/lib/services/tokens";
import { setupTestDb } from "@/tests/helpers/db";
import { startIdp, type TestIdp } from "@/tests/helpers/oidc-idp";
import {
  addMember,
  createUser,
  createWorkspace,
  requestCookies,
  requestHeaders,
  type TestWorkspace,
} from "@/tests/helpers/request";

const t = setupTestDb();
const KEY = "a".repeat(16) + "0123456789abcdef".repeat(3);
let idp: TestIdp;
let ws: TestWorkspace;
let ipCounter = 10;

const DOMAIN = "acme-sso.test";
const OTHER = "elsewhere-sso.test";

beforeAll(async () => {
  process.env.SSO_ENCRYPTION_KEY = KEY;
  idp = await startIdp({ redirectUri: `${baseUrl()}/api/sso/callback` });
});
// The database is emptied before each test: the org, its SSO and its domains each time.
beforeEach(async () => {
  // next/headers of the callback request (issueSession reads it), as the route's Request says.
  requestHeaders().set("x-switchboard-peer", "203.0.113.200");
  ws = await createWorkspace();
  const actor = { userId: ws.ownerId, orgId: ws.orgId, ip: "198.51.100.1" };
  await saveSsoConfig(t.db, actor, {
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    enabled: true,
    defaultWorkspaceId: "",
    defaultRole: "",
  });
  const records = new Map<string, string[][]>();
  setTxtResolver(async (d) => records.get(d) ?? []);
  const verified = await addSsoDomain(t.db, actor, DOMAIN);
  records.set(DOMAIN, [[verified.record]]);
  await verifySsoDomain(t.db, actor, verified.id);
  await setSsoRequired(t.db, actor, verified.id, true);
  await addSsoDomain(t.db, actor, OTHER); // added, never verified
});
afterAll(async () => {
  setTxtResolver(null);
  delete process.env.SSO_ENCRYPTION_KEY;
  await idp?.close();
});

const peer = () => `203.0.113.${ipCounter++}`;

async function start(email: string, ip = peer()) {
  const res = await startGET(
    new Request(`${baseUrl()}/api/sso/start?email=${encodeURIComponent(email)}`, {
      headers: { "x-switchboard-peer": ip },
    }),
  );
  const setCookie = res.headers.get("set-cookie") ?? "";
  return { res, location: res.headers.get("location") ?? "", cookie: setCookie.split(";")[0] };
}

const callback = (url: string, cookie: string) =>
  callbackGET(new Request(url, { headers: { cookie, "x-switchboard-peer": "203.0.113.200" } }));

/** Start, sign in at the provider as `login`, come back: our callback's redirect. */
async function signIn(email: string, login: string, edit?: (callbackUrl: URL) => void) {
  const { location, cookie } = await start(email);
  expect(location.startsWith(`${idp.issuer}/auth?`)).toBe(true);
  const back = new URL(await idp.authorize(location, login));
  edit?.(back);
  const res = await callback(back.href, cookie);
  expect(res.status).toBe(303);
  return { location: res.headers.get("location") ?? "", res, back, cookie };
}

const sessionsOf = (email: string) =>
  t.db
    .selectFrom("user_sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.method", "s.ip"])
    .where("u.email", "=", email)
    .execute();
const sessionCookie = () => requestCookies().get("next-auth.session-token")?.value;

async function invite(email: string) {
  const token = newToken();
  await t.db
    .insertInto("invitations")
    .values({
      workspace_id: ws.workspaceId,
      email,
      role: "agent",
      restrictions: [],
      token_hash: hashToken(token),
      invited_by: ws.ownerId,
      expires_at: new Date(Date.now() + 86400_000),
    })
    .execute();
  return token;
}

describe("authorization request", () => {
  it("carries PKCE S256, state, nonce, the registered redirect URI and the scopes; the flow cookie is httpOnly and short-lived", async () => {
    const { res, location } = await start(`ann@${DOMAIN}`);
    expect(res.status).toBe(303);
    const url = new URL(location);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("redirect_uri")).toBe(`${baseUrl()}/api/sso/callback`);
    expect(url.searchParams.get("scope")).toBe("openid email profile");
    expect(url.searchParams.get("client_id")).toBe(idp.clientId);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^sb-sso-flow=v1\./);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Max-Age=600");
    expect(cookie).toContain("Path=/api/sso");
    // The verifier is nowhere in clear.
    expect(cookie).not.toContain(url.searchParams.get("state")!);
  });

  it("an address of no SSO domain, or of a domain not verified, is sent back to sign-in", async () => {
    for (const email of ["x@nowhere.test", `x@${OTHER}`]) {
      const { location } = await start(email);
      expect(location).toBe(`${baseUrl()}/signin?error=SsoUnavailable`);
    }
    expect((await start("not an address")).location).toBe(`${baseUrl()}/signin?error=InvalidEmail`);
  });

  it("is rate-limited per IP", async () => {
    process.env.SSO_LIMIT_PER_IP = "2";
    try {
      const ip = peer();
      expect((await start(`ann@${DOMAIN}`, ip)).location).toContain(idp.issuer);
      expect((await start(`ann@${DOMAIN}`, ip)).location).toContain(idp.issuer);
      expect((await start(`ann@${DOMAIN}`, ip)).location).toBe(`${baseUrl()}/signin?error=RateLimited`);
      expect((await start(`ann@${DOMAIN}`)).location).toContain(idp.issuer);
    } finally {
      delete process.env.SSO_LIMIT_PER_IP;
    }
  });
});

describe("sign-in through the provider", () => {
  it("a pending invitation is accepted just in time; the session is a user_sessions row with method sso, audited", async () => {
    const email = `ann@${DOMAIN}`;
    await invite(email);
    idp.accounts.set("ann", { email, email_verified: true, name: "Ann Example" });
    const { location, res } = await signIn(email, "ann");
    expect(location).toMatch(new RegExp(`^${baseUrl()}/w/${ws.workspaceId}/`));
    expect(res.headers.get("set-cookie")).toMatch(/^sb-sso-flow=; Max-Age=0/);
    expect(sessionCookie()).toBeTruthy();
    const user = await t.db
      .selectFrom("users")
      .select(["id", "name"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(user.name).toBe("Ann Example");
    const member = await t.db
      .selectFrom("workspace_members")
      .select("role")
      .where("workspace_id", "=", ws.workspaceId)
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(member.role).toBe("agent");
    const inv = await t.db
      .selectFrom("invitations")
      .select("accepted_by")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(inv.accepted_by).toBe(user.id);
    expect(await sessionsOf(email)).toEqual([{ method: "sso", ip: "203.0.113.200" }]);
    const signedIn = await t.db
      .selectFrom("audit_log")
      .select(["after"])
      .where("actor_id", "=", user.id)
      .where("action", "=", "session.signed_in")
      .execute();
    expect(signedIn).toHaveLength(1);
    expect(signedIn[0].after).toMatchObject({ method: "sso" });
  });

  it("an existing member signs in and lands on the start page", async () => {
    const email = `bea@${DOMAIN}`;
    const bea = await createUser({ email, name: "Bea" });
    await addMember(ws, bea, "manager");
    idp.accounts.set("bea", { email, email_verified: true });
    const { location } = await signIn(email, "bea");
    expect(location).toBe(`${baseUrl()}/`);
    expect(await sessionsOf(email)).toHaveLength(1);
  });

  it("without an invitation or a default workspace: the “no access yet” page, no account, no session", async () => {
    const email = `cy@${DOMAIN}`;
    idp.accounts.set("cy", { email, email_verified: true });
    const { location } = await signIn(email, "cy");
    expect(location).toBe(`${baseUrl()}/signin/no-access?email=${encodeURIComponent(email)}`);
    expect(await t.db.selectFrom("users").select("id").where("email", "=", email).execute()).toHaveLength(0);
    expect(sessionCookie()).toBeUndefined();
  });

  it("with a default workspace and level, a new person joins it, audited", async () => {
    await t.db
      .updateTable("org_sso_configs")
      .set({ default_workspace_id: ws.workspaceId, default_role: "agent" })
      .where("org_id", "=", ws.orgId)
      .execute();
    try {
      const email = `dee@${DOMAIN}`;
      idp.accounts.set("dee", { email, email_verified: true, name: "Dee" });
      const { location } = await signIn(email, "dee");
      expect(location).toMatch(new RegExp(`^${baseUrl()}/w/${ws.workspaceId}/`));
      const rows = await t.db
        .selectFrom("audit_log")
        .select(["workspace_id", "target", "after"])
        .where("action", "=", "sso.member_provisioned")
        .execute();
      expect(rows).toEqual([
        { workspace_id: ws.workspaceId, target: email, after: { role: "agent", restrictions: [] } },
      ]);
      expect(await sessionsOf(email)).toEqual([expect.objectContaining({ method: "sso" })]);
    } finally {
      await t.db
        .updateTable("org_sso_configs")
        .set({ default_workspace_id: null, default_role: null })
        .where("org_id", "=", ws.orgId)
        .execute();
    }
  });
});

describe("security probes", () => {
  async function refused(email: string, login: string, error: string, edit?: (u: URL) => void) {
    const { location } = await signIn(email, login, edit);
    expect(location).toBe(`${baseUrl()}/signin?error=${error}`);
    expect(sessionCookie()).toBeUndefined();
    expect(await sessionsOf(email)).toHaveLength(0);
  }
  const member = async (login: string) => {
    const email = `${login}@${DOMAIN}`;
    const u = await createUser({ email });
    await addMember(ws, u, "agent");
    idp.accounts.set(login, { email, email_verified: true });
    return email;
  };

  it("a state that does not match the flow cookie is refused", async () => {
    const email = await member("probe-state");
    await refused(email, "probe-state", "SsoFailed", (u) => u.searchParams.set("state", "attacker-state"));
  });

  it("an id token whose nonce is not the flow's is refused", async () => {
    const email = await member("probe-nonce");
    idp.tamper.idToken = (c) => ({ ...c, nonce: "another-nonce" });
    try {
      await refused(email, "probe-nonce", "SsoFailed");
    } finally {
      idp.tamper.idToken = null;
    }
  });

  it("an id token for another audience is refused", async () => {
    const email = await member("probe-aud");
    idp.tamper.idToken = (c) => ({ ...c, aud: "some-other-client" });
    try {
      await refused(email, "probe-aud", "SsoFailed");
    } finally {
      idp.tamper.idToken = null;
    }
  });

  it("an id token from another issuer is refused", async () => {
    const email = await member("probe-iss");
    idp.tamper.idToken = (c) => ({ ...c, iss: "https://evil.example" });
    try {
      await refused(email, "probe-iss", "SsoFailed");
    } finally {
      idp.tamper.idToken = null;
    }
  });

  it("an email the provider did not verify is refused (false or missing)", async () => {
    const email = await member("probe-unverified");
    idp.accounts.set("probe-unverified", { email, email_verified: false });
    await refused(email, "probe-unverified", "SsoEmailUnverified");
    idp.accounts.set("probe-unverified", { email });
    await refused(email, "probe-unverified", "SsoEmailUnverified");
  });

  it("an address of a domain the org has not verified is refused", async () => {
    const email = `eve@${OTHER}`;
    const eve = await createUser({ email });
    await addMember(ws, eve, "agent");
    idp.accounts.set("eve", { email, email_verified: true });
    // Starting for a covered address, then the provider vouches for another one.
    const { location, cookie } = await start(`anyone@${DOMAIN}`);
    const back = await idp.authorize(location, "eve");
    const res = await callback(back, cookie);
    expect(res.headers.get("location")).toBe(`${baseUrl()}/signin?error=SsoDomain`);
    expect(await sessionsOf(email)).toHaveLength(0);
  });

  it("no flow cookie, a forged one, or a code used twice is refused", async () => {
    const email = await member("probe-replay");
    const { location, cookie } = await start(email);
    const back = await idp.authorize(location, "probe-replay");
    expect((await callback(back, "")).headers.get("location")).toBe(`${baseUrl()}/signin?error=SsoFailed`);
    expect((await callback(back, "sb-sso-flow=v1.AAAA.BBBB.CCCC")).headers.get("location")).toBe(
      `${baseUrl()}/signin?error=SsoFailed`,
    );
    expect((await callback(back, cookie)).headers.get("location")).toBe(`${baseUrl()}/`);
    expect((await callback(back, cookie)).headers.get("location")).toBe(`${baseUrl()}/signin?error=SsoFailed`);
    expect(await sessionsOf(email)).toHaveLength(1);
  });
});

describe("magic link for a require-SSO domain", () => {
  const form = (email: string) =>
    new Request(`${baseUrl()}/api/auth/signin/email`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-switchboard-peer": peer() },
      body: new URLSearchParams({ email, json: "true" }).toString(),
    });

  it("is refused by the guard and by the mail path; other domains still get one", async () => {
    const refusedRes = await guardEmailSignIn(form(`Someone@${DOMAIN.toUpperCase()}`));
    expect(refusedRes?.status).toBe(403);
    expect(await refusedRes?.json()).toEqual({ url: `${baseUrl()}/signin?error=SsoRequired` });
    await expect(
      sendSignInEmail(`someone@${DOMAIN}`, `${baseUrl()}/api/auth/callback/email?token=x`),
    ).rejects.toThrow();
    expect(
      await t.db.selectFrom("mail_queue").select("id").where("to_address", "=", `someone@${DOMAIN}`).execute(),
    ).toHaveLength(0);
    expect(await guardEmailSignIn(form(`someone@${OTHER}`))).toBeNull();
  });

  it("an invitation link does not sign in an address that must use SSO; SSO accepts it instead", async () => {
    const email = `ivy@${DOMAIN}`;
    const token = await invite(email);
    expect(await acceptInvitationAction({ token, name: "Ivy" })).toMatchObject({
      ok: false,
      code: "forbidden",
      message: expect.stringContaining("single sign-on"),
    });
    expect(sessionCookie()).toBeUndefined();
    expect(
      (await t.db.selectFrom("invitations").select("accepted_at").where("email", "=", email).executeTakeFirstOrThrow())
        .accepted_at,
    ).toBeNull();
    idp.accounts.set("ivy", { email, email_verified: true });
    expect((await signIn(email, "ivy")).location).toMatch(new RegExp(`/w/${ws.workspaceId}/`));
  });

  it("is allowed again once the domain no longer requires SSO", async () => {
    const row = await t.db
      .selectFrom("org_sso_domains")
      .select("id")
      .where("domain", "=", DOMAIN)
      .executeTakeFirstOrThrow();
    const actor = { userId: ws.ownerId, orgId: ws.orgId, ip: "198.51.100.1" };
    await setSsoRequired(t.db, actor, row.id, false);
    try {
      expect(await guardEmailSignIn(form(`someone@${DOMAIN}`))).toBeNull();
    } finally {
      await setSsoRequired(t.db, actor, row.id, true);
    }
  });
});
