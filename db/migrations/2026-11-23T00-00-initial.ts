import { sql, type Kysely } from "kysely";

// The whole data model of db/schema.ts. Constraints hold the invariants the app relies on;
// the SQL is accepted by both PostgreSQL 15 (server) and PGlite (PostgreSQL 18).
// Statements run one by one: PGlite's extended protocol takes one statement per query.
const UP = `
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '_%@_%'),
      name text CHECK (char_length(name) <= 120),
      image text,
      locale text CHECK (locale IN ('en', 'ar')),
      email_verified timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE user_avatars (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      mime text NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif')),
      data bytea NOT NULL CHECK (octet_length(data) <= 1048576),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE "VerificationToken" (
      identifier text NOT NULL,
      token text NOT NULL UNIQUE,
      expires timestamptz NOT NULL,
      PRIMARY KEY (identifier, token)
    );
    CREATE TABLE organizations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
      plan text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'team', 'business')),
      seat_limit integer NOT NULL DEFAULT 25 CHECK (seat_limit > 0),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE org_members (
      org_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      is_admin boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, user_id)
    );
    CREATE INDEX org_members_user_idx ON org_members (user_id);
    CREATE TABLE workspaces (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX workspaces_org_idx ON workspaces (org_id);
    CREATE TABLE workspace_members (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('owner', 'manager', 'agent')),
      restrictions text[] NOT NULL DEFAULT '{}',
      invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
      joined_at timestamptz NOT NULL DEFAULT now(),
      last_active_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- bumped on every change of role or restrictions; session tokens carry it (docs/ARCHITECTURE.md, the request path)
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (workspace_id, user_id),
      CONSTRAINT workspace_members_restrictions_check CHECK (
        (role = 'owner' AND cardinality(restrictions) = 0)
        OR (role = 'manager' AND restrictions <@ ARRAY['no_settings', 'no_contact_delete', 'no_export', 'no_integrations']::text[])
        OR (role = 'agent' AND restrictions <@ ARRAY['see_team', 'see_self', 'no_snippets', 'contacts']::text[]
            AND NOT restrictions @> ARRAY['see_team', 'see_self']::text[])
      )
    );
    CREATE INDEX workspace_members_user_idx ON workspace_members (user_id);
    CREATE INDEX workspace_members_role_idx ON workspace_members (workspace_id, role);
    CREATE TABLE invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      email text NOT NULL CHECK (email = lower(email) AND email LIKE '_%@_%'),
      role text NOT NULL CHECK (role IN ('owner', 'manager', 'agent')),
      restrictions text[] NOT NULL DEFAULT '{}',
      token_hash text NOT NULL UNIQUE CHECK (char_length(token_hash) = 64),
      invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
      locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'ar')),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      accepted_by uuid REFERENCES users(id) ON DELETE SET NULL,
      cancelled_at timestamptz,
      last_sent_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT invitations_restrictions_check CHECK (
        (role = 'owner' AND cardinality(restrictions) = 0)
        OR (role = 'manager' AND restrictions <@ ARRAY['no_settings', 'no_contact_delete', 'no_export', 'no_integrations']::text[])
        OR (role = 'agent' AND restrictions <@ ARRAY['see_team', 'see_self', 'no_snippets', 'contacts']::text[]
            AND NOT restrictions @> ARRAY['see_team', 'see_self']::text[])
      ),
      CONSTRAINT invitations_single_outcome CHECK (accepted_at IS NULL OR cancelled_at IS NULL)
    );
    -- at most one pending invitation per workspace and normalised email
    CREATE UNIQUE INDEX invitations_pending_unique ON invitations (workspace_id, email)
      WHERE accepted_at IS NULL AND cancelled_at IS NULL;
    CREATE INDEX invitations_workspace_idx ON invitations (workspace_id, created_at);
    CREATE INDEX invitations_invited_by_idx ON invitations (invited_by) WHERE accepted_at IS NULL AND cancelled_at IS NULL;
    CREATE TABLE teams (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name),
      UNIQUE (workspace_id, id)
    );
    CREATE TABLE team_members (
      team_id uuid NOT NULL,
      workspace_id uuid NOT NULL,
      user_id uuid NOT NULL,
      PRIMARY KEY (team_id, user_id),
      -- a team member must be a member of the team's workspace
      FOREIGN KEY (workspace_id, team_id) REFERENCES teams(workspace_id, id) ON DELETE CASCADE,
      FOREIGN KEY (workspace_id, user_id) REFERENCES workspace_members(workspace_id, user_id) ON DELETE CASCADE
    );
    CREATE INDEX team_members_user_idx ON team_members (workspace_id, user_id);
    CREATE TABLE contacts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
      email text,
      phone text,
      assignee_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, id),
      -- no contact stays assigned to a non-member: removing the membership fails unless
      -- the contacts were unassigned or reassigned first, in the same transaction
      FOREIGN KEY (workspace_id, assignee_id) REFERENCES workspace_members(workspace_id, user_id)
    );
    CREATE INDEX contacts_workspace_idx ON contacts (workspace_id, created_at, id);
    CREATE INDEX contacts_assignee_idx ON contacts (workspace_id, assignee_id, created_at);
    CREATE TABLE messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL,
      contact_id uuid NOT NULL,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      direction text NOT NULL CHECK (direction IN ('in', 'out')),
      body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts(workspace_id, id) ON DELETE CASCADE
    );
    CREATE INDEX messages_contact_idx ON messages (workspace_id, contact_id, created_at);
    CREATE INDEX messages_author_idx ON messages (workspace_id, author_id, created_at);
    CREATE TABLE conversations (
      workspace_id uuid NOT NULL,
      contact_id uuid NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      last_message_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, contact_id),
      FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts(workspace_id, id) ON DELETE CASCADE
    );
    CREATE INDEX conversations_recent_idx ON conversations (workspace_id, status, last_message_at DESC);
    CREATE TABLE snippets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
      body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    );
    CREATE TABLE webhooks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      url text NOT NULL CHECK (char_length(url) <= 2000),
      secret text NOT NULL,
      events text[] NOT NULL DEFAULT ARRAY['member.invited', 'member.joined', 'member.updated', 'member.revoked', 'invitation.cancelled']::text[],
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhooks_workspace_idx ON webhooks (workspace_id);
    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      event text NOT NULL,
      payload jsonb NOT NULL,
      attempt integer NOT NULL DEFAULT 0,
      status_code integer,
      error text,
      next_attempt_at timestamptz,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, created_at DESC);
    CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL;
    CREATE TABLE presence (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      streams integer NOT NULL DEFAULT 0 CHECK (streams >= 0)
    );
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id uuid REFERENCES workspaces(id) ON DELETE CASCADE,
      org_id uuid REFERENCES organizations(id) ON DELETE CASCADE,
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      action text NOT NULL,
      target text,
      before jsonb,
      after jsonb,
      ip text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_log_workspace_idx ON audit_log (workspace_id, created_at DESC);
    CREATE TABLE mail_outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      to_address text NOT NULL,
      subject text NOT NULL,
      text_body text NOT NULL,
      html_body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX mail_outbox_recent_idx ON mail_outbox (created_at DESC);
    CREATE TABLE rate_limits (
      key text NOT NULL,
      window_start timestamptz NOT NULL,
      count integer NOT NULL DEFAULT 0,
      PRIMARY KEY (key, window_start)
    );
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP.split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS rate_limits, mail_outbox, audit_log, presence, webhook_deliveries, webhooks,
      snippets, conversations, messages, contacts, team_members, teams, invitations,
      workspace_members, workspaces, org_members, organizations, "VerificationToken",
      user_avatars, users CASCADE;
  `.execute(db);
}
