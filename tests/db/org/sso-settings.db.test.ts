// Org settings > Single sign-on (docs/SECURITY.md, Single sign-on): every action for every actor
// (org admin allowed; a workspace Owner who is not an org admin, a Manager, an Agent, another
// org's admin and anonymous refused, changing nothing), the sealed secret, discovery on save,
// DNS TXT verification with an injected resolver, and the audit rows.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  addSsoDomainAction,
  removeSsoDomainAction,
  saveSsoConfigAction,
  setSsoRequiredAction,
  verifySsoDomainAction,
} from "@/app/org/[orgId]/settings/sso/actions";
import OrgSsoPage from "@/app/org/[orgId]/settings/sso/page";
import { ssoEncryptionKey } from "@/lib/env";
import { openWithKey } from "@/lib/security/seal";
import { setTxtResolver } from "@/lib/sso/dns";
import { getSsoSettings } from "@/lib/services/sso-settings";
import { setupTestDb } from "@/tests/helpers/db";
import { startIdp, type TestIdp } from "@/tests/helpers/oidc-idp";
import {
  addMember,
  asUser,
  createUser,
  createWorkspace,
  navigation,
  type TestWorkspace,
} from "@/tests/helpers/request";

const t = setupTestDb();
const KEY_HEX = "0f".repeat(32);
const SECRET = "s3cret-value-never-shown-0123456789";
let idp: TestIdp;
const records = new Map<string, string[][]>();

beforeAll(async () => {
  idp = await startIdp({ redirectUri: "http://localhost:3000/api/sso/callback" });
  setTxtResolver(async (domain) => {
    const r = records.get(domain);
    if (!r) throw Object.assign(new Error("queryTxt ENOTFOUND"), { code: "ENOTFOUND" });
    return r;
  });
});
afterAll(async () => {
  setTxtResolver(null);
  await idp?.close();
});
beforeEach(() => {
  process.env.SSO_ENCRYPTION_KEY = KEY_HEX;
  records.clear();
});

const config = (extra: Record<string, unknown> = {}) => ({
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: SECRET,
  enabled: true,
  defaultWorkspaceId: "",
  defaultRole: "",
  ...extra,
});
const configRow = (orgId: string) =>
  t.db.selectFrom("org_sso_configs").selectAll().where("org_id", "=", orgId).executeTakeFirst();
const domainRows = (orgId: string) =>
  t.db.selectFrom("org_sso_domains").selectAll().where("org_id", "=", orgId).orderBy("domain").execute();
const ssoAudit = (orgId: string) =>
  t.db
    .selectFrom("audit_log")
    .select(["action", "target", "before", "after", "actor_id", "workspace_id"])
    .where("org_id", "=", orgId)
    .where("action", "like", "sso.%")
    .orderBy("id")
    .execute();

describe("saveSsoConfigAction", () => {
  it("an org admin saves; the secret is sealed (AES-256-GCM, bound to the org) and never audited or shown", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    expect(await saveSsoConfigAction(ws.orgId, config())).toEqual({ ok: true, data: { saved: true } });
    const row = (await configRow(ws.orgId))!;
    expect(row).toMatchObject({ issuer: idp.issuer, client_id: idp.clientId, enabled: true });
    expect(row.client_secret_sealed).not.toContain(SECRET);
    const key = ssoEncryptionKey();
    if (!key.ok) throw new Error("key");
    expect(openWithKey(key.key, row.client_secret_sealed, ws.orgId)).toBe(SECRET);
    expect(openWithKey(key.key, row.client_secret_sealed, "00000000-0000-0000-0000-000000000000")).toBeNull();
    const audit = await ssoAudit(ws.orgId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "sso.configured",
      actor_id: ws.ownerId,
      workspace_id: null,
      before: null,
      after: { issuer: idp.issuer, clientId: idp.clientId, enabled: true, secretChanged: true },
    });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    const view = await getSsoSettings(t.db, ws.orgId);
    expect(view.config).toMatchObject({ secretSet: true });
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(JSON.stringify(view)).not.toContain(row.client_secret_sealed);

    // Saving again without a secret keeps the sealed one.
    expect((await saveSsoConfigAction(ws.orgId, config({ clientSecret: "", enabled: false }))).ok).toBe(true);
    const after = (await configRow(ws.orgId))!;
    expect(after.client_secret_sealed).toBe(row.client_secret_sealed);
    expect(after.enabled).toBe(false);
    expect((await ssoAudit(ws.orgId))[1]).toMatchObject({
      before: { enabled: true },
      after: { enabled: false, secretChanged: false },
    });
  });

  it("without SSO_ENCRYPTION_KEY, or with one that is not 32 bytes, nothing is saved and the reason is said", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    delete process.env.SSO_ENCRYPTION_KEY;
    expect(await saveSsoConfigAction(ws.orgId, config())).toMatchObject({
      ok: false,
      code: "unavailable",
      message: expect.stringContaining("SSO_ENCRYPTION_KEY"),
    });
    process.env.SSO_ENCRYPTION_KEY = "too-short";
    expect(await saveSsoConfigAction(ws.orgId, config())).toMatchObject({
      ok: false,
      message: expect.stringContaining("32 bytes"),
    });
    process.env.SSO_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
    expect(ssoEncryptionKey().ok).toBe(true);
    expect(await configRow(ws.orgId)).toBeUndefined();
    expect(await ssoAudit(ws.orgId)).toHaveLength(0);
  });

  it("an issuer without a discovery document, a first save without a secret, a default workspace of another org: field errors", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await asUser(ws.ownerId);
    expect(await saveSsoConfigAction(ws.orgId, config({ issuer: "http://127.0.0.1:9/nothing" }))).toMatchObject({
      ok: false,
      fieldErrors: { issuer: expect.stringContaining("discovery document") },
    });
    expect(await saveSsoConfigAction(ws.orgId, config({ clientSecret: "" }))).toMatchObject({
      ok: false,
      fieldErrors: { clientSecret: "Enter the client secret." },
    });
    expect(
      await saveSsoConfigAction(ws.orgId, config({ defaultWorkspaceId: other.workspaceId, defaultRole: "agent" })),
    ).toMatchObject({ ok: false, fieldErrors: { defaultWorkspaceId: expect.any(String) } });
    expect(await saveSsoConfigAction(ws.orgId, config({ defaultWorkspaceId: ws.workspaceId }))).toMatchObject({
      ok: false,
      fieldErrors: { defaultRole: expect.any(String) },
    });
    expect(await saveSsoConfigAction(ws.orgId, config({ issuer: "ftp://x" }))).toMatchObject({
      ok: false,
      code: "invalidInput",
    });
    expect(await configRow(ws.orgId)).toBeUndefined();
    // A default workspace of the org with a level is accepted.
    expect(
      (await saveSsoConfigAction(ws.orgId, config({ defaultWorkspaceId: ws.workspaceId, defaultRole: "manager" }))).ok,
    ).toBe(true);
    expect(await configRow(ws.orgId)).toMatchObject({ default_workspace_id: ws.workspaceId, default_role: "manager" });
  });
});

describe("domains", () => {
  it("add, verify by DNS TXT (injected resolver), require, remove: each audited", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    const added = await addSsoDomainAction(ws.orgId, { domain: " Acme-Corp.EXAMPLE. " });
    if (!added.ok) throw new Error(added.message);
    expect(added.data).toMatchObject({ domain: "acme-corp.example", verified: false });
    expect(added.data.record).toMatch(/^switchboard-verify=[A-Za-z0-9_-]{24}$/);
    expect(await addSsoDomainAction(ws.orgId, { domain: "acme-corp.example" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await addSsoDomainAction(ws.orgId, { domain: "not a domain" })).toMatchObject({
      ok: false,
      fieldErrors: { domain: expect.any(String) },
    });
    const domainId = added.data.id;

    // Require before verification: refused.
    expect(await setSsoRequiredAction(ws.orgId, { domainId, required: true })).toMatchObject({
      ok: false,
      message: "Verify the domain first.",
    });
    // No record, then a wrong one: refused with the record to publish.
    expect(await verifySsoDomainAction(ws.orgId, { domainId })).toMatchObject({
      ok: false,
      message: expect.stringContaining(added.data.record),
    });
    records.set("acme-corp.example", [["v=spf1 -all"], ["switchboard-verify=wrong"]]);
    expect((await verifySsoDomainAction(ws.orgId, { domainId })).ok).toBe(false);
    expect((await domainRows(ws.orgId))[0].verified_at).toBeNull();
    // The right one (split in chunks, as long TXT records are): verified.
    const [head, tail] = [added.data.record.slice(0, 10), added.data.record.slice(10)];
    records.set("acme-corp.example", [["v=spf1 -all"], [head, tail]]);
    expect(await verifySsoDomainAction(ws.orgId, { domainId })).toEqual({ ok: true, data: { verified: true } });
    expect((await domainRows(ws.orgId))[0].verified_at).not.toBeNull();

    expect(await setSsoRequiredAction(ws.orgId, { domainId, required: true })).toEqual({
      ok: true,
      data: { requireSso: true },
    });
    expect((await domainRows(ws.orgId))[0].require_sso).toBe(true);
    expect((await removeSsoDomainAction(ws.orgId, { domainId })).ok).toBe(true);
    expect(await domainRows(ws.orgId)).toHaveLength(0);

    expect((await ssoAudit(ws.orgId)).map((r) => [r.action, r.target])).toEqual([
      ["sso.domain_added", "acme-corp.example"],
      ["sso.domain_verified", "acme-corp.example"],
      ["sso.required_changed", "acme-corp.example"],
      ["sso.domain_removed", "acme-corp.example"],
    ]);
    const changed = (await ssoAudit(ws.orgId))[2];
    expect(changed).toMatchObject({ before: { requireSso: false }, after: { requireSso: true } });
  });

  it("a domain verified by one organization cannot be verified by another", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    await asUser(a.ownerId);
    const da = await addSsoDomainAction(a.orgId, { domain: "shared.example" });
    if (!da.ok) throw new Error("add");
    records.set("shared.example", [[da.data.record]]);
    expect((await verifySsoDomainAction(a.orgId, { domainId: da.data.id })).ok).toBe(true);
    await asUser(b.ownerId);
    const db = await addSsoDomainAction(b.orgId, { domain: "shared.example" });
    if (!db.ok) throw new Error("add b");
    records.set("shared.example", [[da.data.record], [db.data.record]]);
    expect(await verifySsoDomainAction(b.orgId, { domainId: db.data.id })).toMatchObject({
      ok: false,
      code: "conflict",
      message: "This domain is already verified by another organization.",
    });
    expect((await domainRows(b.orgId))[0].verified_at).toBeNull();
    // Nor can another org's admin touch org A's domain by its id.
    for (const call of [
      verifySsoDomainAction(b.orgId, { domainId: da.data.id }),
      removeSsoDomainAction(b.orgId, { domainId: da.data.id }),
      setSsoRequiredAction(b.orgId, { domainId: da.data.id, required: true }),
    ])
      expect(await call).toMatchObject({ ok: false, code: "notFound" });
    expect((await domainRows(a.orgId))[0]).toMatchObject({ require_sso: false });
  });

  it("a malformed domain id is refused without a server error", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    for (const domainId of ["x", "' OR 1=1 --", "00000000-0000-0000-0000-00000000000g"])
      expect((await removeSsoDomainAction(ws.orgId, { domainId })).ok).toBe(false);
    expect(await removeSsoDomainAction(ws.orgId, { domainId: "00000000-0000-0000-0000-000000000000" })).toMatchObject({
      ok: false,
      code: "notFound",
    });
  });
});

describe("who may", () => {
  async function scene() {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const owner = await createUser();
    const manager = await createUser();
    const agent = await createUser();
    await addMember(ws, owner, "owner");
    await addMember(ws, manager, "manager");
    await addMember(ws, agent, "agent");
    await asUser(ws.ownerId);
    const d = await addSsoDomainAction(ws.orgId, { domain: "who.example" });
    if (!d.ok) throw new Error("add");
    records.set("who.example", [[d.data.record]]);
    return { ws, other, owner, manager, agent, domainId: d.data.id };
  }
  const calls = (ws: TestWorkspace, domainId: string) => [
    () => saveSsoConfigAction(ws.orgId, config()),
    () => addSsoDomainAction(ws.orgId, { domain: "denied.example" }),
    () => verifySsoDomainAction(ws.orgId, { domainId }),
    () => removeSsoDomainAction(ws.orgId, { domainId }),
    () => setSsoRequiredAction(ws.orgId, { domainId, required: true }),
  ];

  it("a workspace Owner who is not an org admin, a Manager, an Agent, another org's admin and anonymous are refused; nothing changes", async () => {
    const { ws, other, owner, manager, agent, domainId } = await scene();
    const before = await domainRows(ws.orgId);
    const auditBefore = (await ssoAudit(ws.orgId)).length;
    for (const [user, code] of [
      [owner.id, "forbidden"],
      [manager.id, "forbidden"],
      [agent.id, "forbidden"],
      [other.ownerId, "notFound"],
      [null, "unauthenticated"],
    ] as const) {
      await asUser(user);
      for (const call of calls(ws, domainId)) expect(await call()).toMatchObject({ ok: false, code });
    }
    expect(await domainRows(ws.orgId)).toEqual(before);
    expect(await configRow(ws.orgId)).toBeUndefined();
    expect(await ssoAudit(ws.orgId)).toHaveLength(auditBefore);
  });

  it("the page is for org admins only", async () => {
    const { ws, owner, agent } = await scene();
    const page = () => navigation(OrgSsoPage({ params: Promise.resolve({ orgId: ws.orgId }) }));
    await asUser(ws.ownerId);
    expect(await page()).toMatchObject({ value: expect.anything() });
    for (const user of [owner.id, agent.id]) {
      await asUser(user);
      expect(await page()).toEqual({ status: 403 });
    }
    await asUser(null);
    expect(await page()).toMatchObject({ redirect: expect.stringContaining("/signin") });
  });
});
