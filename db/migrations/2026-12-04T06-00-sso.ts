import { sql, type Kysely } from "kysely";

// Single sign-on per organization (docs/SECURITY.md, Single sign-on): one OpenID Connect
// configuration per org (the client secret sealed with AES-256-GCM under SSO_ENCRYPTION_KEY), and
// the email domains it covers, each proven by a DNS TXT record. A domain belongs to at most one
// organization once verified; only a verified domain can require SSO.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE org_sso_configs (
      org_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
      issuer text NOT NULL,
      client_id text NOT NULL,
      client_secret_sealed text NOT NULL,
      enabled boolean NOT NULL DEFAULT false,
      default_workspace_id uuid REFERENCES workspaces(id) ON DELETE SET NULL,
      default_role text CHECK (default_role IN ('manager', 'agent')),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      CHECK ((default_workspace_id IS NULL) = (default_role IS NULL))
    )
  `.execute(db);
  await sql`
    CREATE TABLE org_sso_domains (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      domain text NOT NULL,
      verification_token text NOT NULL,
      verified_at timestamptz,
      require_sso boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (org_id, domain),
      CHECK (verified_at IS NOT NULL OR NOT require_sso)
    )
  `.execute(db);
  await sql`CREATE UNIQUE INDEX org_sso_domains_verified_uq ON org_sso_domains (domain) WHERE verified_at IS NOT NULL`.execute(
    db,
  );
  await sql`ALTER TABLE user_sessions DROP CONSTRAINT user_sessions_method_check`.execute(db);
  await sql`ALTER TABLE user_sessions ADD CONSTRAINT user_sessions_method_check CHECK (method IN ('email', 'invitation', 'sso'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE user_sessions DROP CONSTRAINT user_sessions_method_check`.execute(db);
  await sql`ALTER TABLE user_sessions ADD CONSTRAINT user_sessions_method_check CHECK (method IN ('email', 'invitation'))`.execute(
    db,
  );
  await sql`DROP TABLE org_sso_domains`.execute(db);
  await sql`DROP TABLE org_sso_configs`.execute(db);
}
