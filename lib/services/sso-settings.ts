import "server-only";
import { randomBytes } from "node:crypto";
import type { DbOrTrx } from "@/db";
import { isUniqueViolation } from "@/db/pg-errors";
import { inTransaction } from "@/db/transaction";
import { ssoEncryptionKey } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { sealWithKey } from "@/lib/security/seal";
import { domainHasRecord, verificationRecord } from "@/lib/sso/dns";
import { discover } from "@/lib/sso/oidc";
import type { z } from "zod";
import type { ssoConfigSchema } from "@/lib/validation/sso";
import { audit } from "./audit";
import type { OrgActor } from "./ip-allowlist";

// An organization's single sign-on settings (docs/SECURITY.md, Single sign-on). Callers are org
// admins (orgAction). Every change is audited (org_id set, workspace_id NULL); the client secret
// never is, nor is it ever sent back: the page only learns whether one is set.

export const MAX_SSO_DOMAINS = 50;

export interface SsoDomainView {
  id: string;
  domain: string;
  record: string;
  verified: boolean;
  requireSso: boolean;
}
export interface SsoSettingsView {
  keyProblem: "missing" | "invalid" | null;
  config: {
    issuer: string;
    clientId: string;
    secretSet: boolean;
    enabled: boolean;
    defaultWorkspaceId: string;
    defaultRole: "" | "manager" | "agent";
  } | null;
  domains: SsoDomainView[];
  workspaces: { id: string; name: string }[];
}

export async function getSsoSettings(db: DbOrTrx, orgId: string): Promise<SsoSettingsView> {
  const [config, domains, workspaces] = await Promise.all([
    db.selectFrom("org_sso_configs").selectAll().where("org_id", "=", orgId).executeTakeFirst(),
    db
      .selectFrom("org_sso_domains")
      .selectAll()
      .where("org_id", "=", orgId)
      .orderBy("domain")
      .limit(MAX_SSO_DOMAINS)
      .execute(),
    db.selectFrom("workspaces").select(["id", "name"]).where("org_id", "=", orgId).orderBy("name").limit(500).execute(),
  ]);
  const key = ssoEncryptionKey();
  return {
    keyProblem: key.ok ? null : key.reason,
    config: config
      ? {
          issuer: config.issuer,
          clientId: config.client_id,
          secretSet: Boolean(config.client_secret_sealed),
          enabled: config.enabled,
          defaultWorkspaceId: config.default_workspace_id ?? "",
          defaultRole: config.default_role ?? "",
        }
      : null,
    domains: domains.map((d) => ({
      id: d.id,
      domain: d.domain,
      record: verificationRecord(d.verification_token),
      verified: d.verified_at !== null,
      requireSso: d.require_sso,
    })),
    workspaces,
  };
}

type ConfigInput = z.output<typeof ssoConfigSchema>;

/** What the audit row and the page may know of a configuration: everything but the secret. */
const publicConfig = (c: {
  issuer: string;
  client_id: string;
  enabled: boolean;
  default_workspace_id: string | null;
  default_role: string | null;
}) => ({
  issuer: c.issuer,
  clientId: c.client_id,
  enabled: c.enabled,
  defaultWorkspaceId: c.default_workspace_id,
  defaultRole: c.default_role,
});

/**
 * Save the OpenID Connect client. Refused without a valid SSO_ENCRYPTION_KEY, without a secret
 * (first save), with a default workspace outside the org, or when the issuer's discovery document
 * cannot be fetched and checked.
 */
export async function saveSsoConfig(db: DbOrTrx, actor: OrgActor, input: ConfigInput): Promise<{ saved: true }> {
  const key = ssoEncryptionKey();
  if (!key.ok)
    throw new DomainError("unavailable", {
      messageKey: key.reason === "missing" ? "errors.sso.keyMissing" : "errors.sso.keyInvalid",
    });
  const current = await db
    .selectFrom("org_sso_configs")
    .select("client_secret_sealed")
    .where("org_id", "=", actor.orgId)
    .executeTakeFirst();
  if (!input.clientSecret && !current)
    throw new DomainError("invalidInput", { fieldErrors: { clientSecret: "errors.sso.clientSecret" } });
  const defaultWorkspaceId = input.defaultWorkspaceId || null;
  if (defaultWorkspaceId) {
    const ws = await db
      .selectFrom("workspaces")
      .select("id")
      .where("id", "=", defaultWorkspaceId)
      .where("org_id", "=", actor.orgId)
      .executeTakeFirst();
    if (!ws)
      throw new DomainError("invalidInput", { fieldErrors: { defaultWorkspaceId: "errors.sso.defaultWorkspace" } });
  }
  try {
    await discover(input.issuer, input.clientId);
  } catch {
    throw new DomainError("invalidInput", {
      fieldErrors: { issuer: "errors.sso.discovery" },
      messageKey: "errors.sso.discovery",
    });
  }
  const row = {
    issuer: input.issuer,
    client_id: input.clientId,
    enabled: input.enabled,
    default_workspace_id: defaultWorkspaceId,
    default_role: defaultWorkspaceId ? (input.defaultRole as "manager" | "agent") : null,
  };
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("org_sso_configs")
      .selectAll()
      .where("org_id", "=", actor.orgId)
      .forUpdate()
      .executeTakeFirst();
    const sealed = input.clientSecret
      ? sealWithKey(key.key, input.clientSecret, actor.orgId)
      : before?.client_secret_sealed;
    if (!sealed) throw new DomainError("invalidInput", { fieldErrors: { clientSecret: "errors.sso.clientSecret" } });
    await trx
      .insertInto("org_sso_configs")
      .values({ org_id: actor.orgId, ...row, client_secret_sealed: sealed, updated_by: actor.userId })
      .onConflict((oc) =>
        oc
          .column("org_id")
          .doUpdateSet({ ...row, client_secret_sealed: sealed, updated_by: actor.userId, updated_at: new Date() }),
      )
      .execute();
    await audit(trx, {
      workspaceId: null,
      orgId: actor.orgId,
      actorId: actor.userId,
      action: "sso.configured",
      before: before ? publicConfig(before) : null,
      after: { ...publicConfig(row), secretChanged: Boolean(input.clientSecret) },
      ip: actor.ip,
    });
    return { saved: true as const };
  });
}

async function lockedDomain(trx: DbOrTrx, orgId: string, domainId: string) {
  const row = await trx
    .selectFrom("org_sso_domains")
    .selectAll()
    .where("id", "=", domainId)
    .where("org_id", "=", orgId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new DomainError("notFound");
  return row;
}

export async function addSsoDomain(db: DbOrTrx, actor: OrgActor, domain: string): Promise<SsoDomainView> {
  return inTransaction(db, async (trx) => {
    const count = await trx
      .selectFrom("org_sso_domains")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("org_id", "=", actor.orgId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_SSO_DOMAINS)
      throw new DomainError("invalidInput", { fieldErrors: { domain: "errors.sso.tooManyDomains" } });
    const exists = await trx
      .selectFrom("org_sso_domains")
      .select("id")
      .where("org_id", "=", actor.orgId)
      .where("domain", "=", domain)
      .executeTakeFirst();
    if (exists) throw new DomainError("conflict", { fieldErrors: { domain: "errors.sso.domainExists" } });
    const token = randomBytes(18).toString("base64url");
    const row = await trx
      .insertInto("org_sso_domains")
      .values({ org_id: actor.orgId, domain, verification_token: token })
      .returning(["id"])
      .executeTakeFirstOrThrow();
    await audit(trx, {
      workspaceId: null,
      orgId: actor.orgId,
      actorId: actor.userId,
      action: "sso.domain_added",
      target: domain,
      ip: actor.ip,
    });
    return { id: row.id, domain, record: verificationRecord(token), verified: false, requireSso: false };
  });
}

/**
 * Look the TXT record up (outside the transaction: DNS can be slow), then mark the domain
 * verified. A domain verified by another organization is refused (the unique index decides).
 */
export async function verifySsoDomain(db: DbOrTrx, actor: OrgActor, domainId: string): Promise<{ verified: true }> {
  const row = await db
    .selectFrom("org_sso_domains")
    .select(["domain", "verification_token", "verified_at"])
    .where("id", "=", domainId)
    .where("org_id", "=", actor.orgId)
    .executeTakeFirst();
  if (!row) throw new DomainError("notFound");
  if (row.verified_at) return { verified: true };
  if (!(await domainHasRecord(row.domain, row.verification_token)))
    throw new DomainError("invalidInput", {
      messageKey: "errors.sso.recordMissing",
      messageValues: { record: verificationRecord(row.verification_token), domain: row.domain },
    });
  try {
    return await inTransaction(db, async (trx) => {
      const locked = await lockedDomain(trx, actor.orgId, domainId);
      if (locked.verified_at) return { verified: true as const };
      await trx.updateTable("org_sso_domains").set({ verified_at: new Date() }).where("id", "=", domainId).execute();
      await audit(trx, {
        workspaceId: null,
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "sso.domain_verified",
        target: locked.domain,
        ip: actor.ip,
      });
      return { verified: true as const };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("conflict", { messageKey: "errors.sso.domainTaken" });
    throw error;
  }
}

export async function removeSsoDomain(db: DbOrTrx, actor: OrgActor, domainId: string): Promise<{ removed: true }> {
  return inTransaction(db, async (trx) => {
    const row = await lockedDomain(trx, actor.orgId, domainId);
    await trx.deleteFrom("org_sso_domains").where("id", "=", domainId).execute();
    await audit(trx, {
      workspaceId: null,
      orgId: actor.orgId,
      actorId: actor.userId,
      action: "sso.domain_removed",
      target: row.domain,
      before: { verified: row.verified_at !== null, requireSso: row.require_sso },
      ip: actor.ip,
    });
    return { removed: true as const };
  });
}

/** "Require SSO for this domain": only on a verified domain. */
export async function setSsoRequired(
  db: DbOrTrx,
  actor: OrgActor,
  domainId: string,
  required: boolean,
): Promise<{ requireSso: boolean }> {
  return inTransaction(db, async (trx) => {
    const row = await lockedDomain(trx, actor.orgId, domainId);
    if (!row.verified_at) throw new DomainError("invalidInput", { messageKey: "errors.sso.notVerified" });
    if (row.require_sso === required) return { requireSso: required };
    await trx.updateTable("org_sso_domains").set({ require_sso: required }).where("id", "=", domainId).execute();
    await audit(trx, {
      workspaceId: null,
      orgId: actor.orgId,
      actorId: actor.userId,
      action: "sso.required_changed",
      target: row.domain,
      before: { requireSso: row.require_sso },
      after: { requireSso: required },
      ip: actor.ip,
    });
    return { requireSso: required };
  });
}
