import "server-only";
import type { DbOrTrx } from "@/db";

// Which organization's single sign-on covers an address: its domain verified by that org, whose
// SSO configuration is enabled. "Require SSO" counts only then (a disabled configuration never
// locks a domain out of the email link).

export interface SsoTarget {
  orgId: string;
  domain: string;
  requireSso: boolean;
  issuer: string;
  clientId: string;
  secretSealed: string;
  defaultWorkspaceId: string | null;
  defaultRole: "manager" | "agent" | null;
}

export const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1);

const targetQuery = (db: DbOrTrx) =>
  db
    .selectFrom("org_sso_domains as d")
    .innerJoin("org_sso_configs as c", "c.org_id", "d.org_id")
    .select([
      "d.org_id as orgId",
      "d.domain",
      "d.require_sso as requireSso",
      "c.issuer",
      "c.client_id as clientId",
      "c.client_secret_sealed as secretSealed",
      "c.default_workspace_id as defaultWorkspaceId",
      "c.default_role as defaultRole",
    ])
    .where("d.verified_at", "is not", null)
    .where("c.enabled", "=", true);

/** The SSO covering this (normalised) address, or null. */
export async function ssoForEmail(db: DbOrTrx, email: string): Promise<SsoTarget | null> {
  return (await targetQuery(db).where("d.domain", "=", domainOf(email)).executeTakeFirst()) ?? null;
}

/** The SSO of this org for this address's domain (the callback's check), or null. */
export async function ssoOfOrgForEmail(db: DbOrTrx, orgId: string, email: string): Promise<SsoTarget | null> {
  return (
    (await targetQuery(db).where("d.org_id", "=", orgId).where("d.domain", "=", domainOf(email)).executeTakeFirst()) ??
    null
  );
}

/** The enabled SSO configuration of an org (any domain), or null: the callback's client. */
export async function ssoConfigOf(db: DbOrTrx, orgId: string) {
  return (
    (await db
      .selectFrom("org_sso_configs")
      .select(["org_id as orgId", "issuer", "client_id as clientId", "client_secret_sealed as secretSealed"])
      .where("org_id", "=", orgId)
      .where("enabled", "=", true)
      .executeTakeFirst()) ?? null
  );
}

/** Magic links are refused for this address (lib/auth/signin-guard.ts, lib/auth/signin-email.ts). */
export async function ssoRequiredFor(db: DbOrTrx, email: string): Promise<boolean> {
  return Boolean((await ssoForEmail(db, email))?.requireSso);
}
