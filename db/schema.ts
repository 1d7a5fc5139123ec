import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { Permission, Role, Visibility } from "../lib/access/matrix";
import type { Locale } from "../lib/i18n/locales";
import type { Availability } from "../lib/validation/availability";

// The Database interface for Kysely, written by hand to match db/migrations.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | undefined | null, string | null>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string | null;
  image: string | null;
  locale: Locale | null;
  email_verified: NullableTimestamp;
  created_at: Timestamp;
}
export interface UserAvatarsTable {
  user_id: string;
  mime: string;
  data: Buffer | Uint8Array;
  updated_at: Timestamp;
}
export interface VerificationTokenTable {
  identifier: string;
  token: string;
  expires: Date;
}
export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  plan: Generated<"free" | "team" | "business">;
  seat_limit: Generated<number>;
  created_at: Timestamp;
  /** Normalised CIDR ranges; empty: no restriction (lib/net/allowlist.ts). */
  ip_allowlist: Generated<string[]>;
  /** Members without a confirmed second factor can only enrol (lib/access/guard.ts). */
  require_two_factor: Generated<boolean>;
}
export interface OrgMembersTable {
  org_id: string;
  user_id: string;
  is_admin: Generated<boolean>;
  created_at: Timestamp;
}
export interface WorkspacesTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  created_at: Timestamp;
  /** Auto-away after this many minutes without activity; null = off (docs/PRODUCT.md, Availability). */
  auto_away_minutes: ColumnType<number | null, number | null | undefined, number | null>;
}
export interface WorkspaceMembersTable {
  workspace_id: string;
  user_id: string;
  role: Role;
  restrictions: ColumnType<string[], string[] | undefined, string[]>;
  invited_by: string | null;
  joined_at: Timestamp;
  last_active_at: NullableTimestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  /** The member's own status. */
  availability: ColumnType<Availability, Availability | undefined, Availability>;
  /** The away state last announced on the presence stream (lib/presence/availability.ts). */
  away_announced: Generated<boolean>;
  /** Access until a date (db/migrations/2026-12-03T02-00-access-until.ts): the access job ends it then. */
  access_until: NullableTimestamp;
  /** Who receives the contacts at that date; NULL: they become unassigned. */
  access_until_reassign_to: Generated<string | null>;
  /** When the Owners were reminded of the end (three days before), so it goes once. */
  access_reminder_sent_at: NullableTimestamp;
  /** The custom role (workspace_roles); NULL: the built-in level in `role`. */
  role_id: Generated<string | null>;
  /** The person's lower-cased name and email, kept by triggers (db/migrations/2026-12-04T11-00-member-sort-keys.ts). */
  sort_name: Generated<string | null>;
  sort_email: Generated<string>;
}
/** A membership set aside by deactivation (db/migrations/2026-12-02T02-00-deactivated-members.ts). */
export interface DeactivatedMembersTable {
  workspace_id: string;
  user_id: string;
  role: Role;
  restrictions: ColumnType<string[], string[] | undefined, string[]>;
  team_ids: ColumnType<string[], string[] | undefined, string[]>;
  invited_by: string | null;
  joined_at: Timestamp;
  last_active_at: NullableTimestamp;
  version: number;
  deactivated_at: Timestamp;
  deactivated_by: string | null;
  /** The custom role (workspace_roles); NULL: the built-in level in `role`. */
  role_id: Generated<string | null>;
}
/** One row per recipient of a deactivated member's contacts (received_by null: left unassigned). */
export interface DeactivationHandoversTable {
  workspace_id: string;
  user_id: string;
  received_by: string | null;
  contact_ids: string[];
}
export interface InvitationsTable {
  id: Generated<string>;
  workspace_id: string;
  email: string;
  role: Role;
  restrictions: ColumnType<string[], string[] | undefined, string[]>;
  token_hash: string;
  invited_by: string | null;
  locale: Generated<Locale>;
  created_at: Timestamp;
  expires_at: Date;
  accepted_at: NullableTimestamp;
  accepted_by: string | null;
  cancelled_at: NullableTimestamp;
  last_sent_at: Timestamp;
  /** Carried to the membership at acceptance; a pending invitation whose end passed expires. */
  access_until: NullableTimestamp;
  access_until_reassign_to: Generated<string | null>;
  /** The custom role (workspace_roles); NULL: the built-in level in `role`. */
  role_id: Generated<string | null>;
}
/** A workspace's custom role (db/migrations/2026-12-04T10-00-custom-roles.ts, docs/PERMISSIONS.md). */
export interface WorkspaceRolesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  base: Role;
  permissions: ColumnType<Permission[], Permission[] | undefined, Permission[]>;
  visibility: ColumnType<Visibility, Visibility | undefined, Visibility>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface TeamsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  created_at: Timestamp;
}
export interface TeamMembersTable {
  team_id: string;
  workspace_id: string;
  user_id: string;
}
export interface ContactsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  assignee_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface MessagesTable {
  id: Generated<string>;
  workspace_id: string;
  contact_id: string;
  author_id: string | null;
  direction: "in" | "out";
  body: string;
  created_at: Timestamp;
}
/**
 * Append-only changes of the dashboard's counts; a workspace's count is the sum of its rows
 * (migration 2026-12-04T08-00).
 */
export interface WorkspaceCountsTable {
  workspace_id: string;
  open_conversations: Generated<string>;
  unassigned_contacts: Generated<string>;
}

export interface ConversationsTable {
  workspace_id: string;
  contact_id: string;
  status: Generated<"open" | "closed">;
  last_message_at: Timestamp;
}
export interface SnippetsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  body: string;
  created_at: Timestamp;
}
export interface WebhooksTable {
  id: Generated<string>;
  workspace_id: string;
  url: string;
  secret: string;
  /** The replaced secret, still signing beside `secret` until `previous_secret_until`. */
  previous_secret: string | null;
  previous_secret_until: NullableTimestamp;
  events: ColumnType<string[], string[] | undefined, string[]>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}
export interface WebhookDeliveriesTable {
  id: Generated<string>;
  webhook_id: string;
  workspace_id: string;
  event: string;
  payload: Json;
  attempt: Generated<number>;
  status_code: number | null;
  error: string | null;
  next_attempt_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  created_at: Timestamp;
}
export interface PresenceTable {
  user_id: string;
  last_seen_at: Timestamp;
  online: Generated<boolean>;
}
export interface AuditLogTable {
  id: Generated<string>;
  workspace_id: string | null;
  org_id: string | null;
  actor_id: string | null;
  action: string;
  target: string | null;
  before: Json;
  after: Json;
  ip: string | null;
  /** The request that made the change (lib/request-id.ts); null outside a request. */
  request_id: string | null;
  created_at: Timestamp;
}
export type MailKind = "signin" | "invitation" | "access_reminder";
export type MailStatus = "queued" | "sent" | "failing" | "bounced";
export interface MailQueueTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  kind: MailKind;
  workspace_id: string | null;
  invitation_id: string | null;
  status: Generated<MailStatus>;
  attempts: Generated<number>;
  /** When the job may try next; NULL once sent, bounced or given up. */
  next_attempt_at: NullableTimestamp;
  /** A short code (lib/mail/queue.ts, mailErrorCode), never the server's raw text. */
  last_error: string | null;
  sent_at: NullableTimestamp;
  created_at: Timestamp;
}
export type SessionMethod = "email" | "invitation" | "sso";
/**
 * signout: the user signed out there; user: ended from /account; others: "sign out everywhere
 * else"; admin: an org admin.
 */
export type SessionEndReason = "signout" | "user" | "others" | "admin";
export interface UserSessionsTable {
  id: Generated<string>;
  /** SHA-256 (hex) of the random session id carried in the session token; the id itself is not stored. */
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  /** Written at most once a minute per session. */
  last_seen_at: Timestamp;
  /** A short device label ("Chrome on Linux"), parsed at sign-in. */
  user_agent: Generated<string>;
  ip: string | null;
  method: SessionMethod;
  ended_at: NullableTimestamp;
  ended_by: string | null;
  end_reason: SessionEndReason | null;
  /** NULL: no second factor needed; 'pending': counts as signed out until /signin/verify is passed. */
  second_factor: SecondFactorState | null;
}
export type SecondFactorState = "pending" | "passed";
export interface UserTotpTable {
  user_id: string;
  /** The base32 secret sealed with AES-256-GCM (lib/security/seal.ts). */
  secret_sealed: string;
  created_at: Generated<Timestamp>;
  /** NULL until the user entered a first code: an unconfirmed secret is no factor. */
  confirmed_at: NullableTimestamp;
  /** The last accepted time step: a code of this step or earlier is refused (replay). */
  last_step: number | null;
}
export interface RecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  /** SHA-256 (hex) of the normalised code; the code itself is shown once and not stored. */
  code_hash: string;
  created_at: Generated<Timestamp>;
  used_at: NullableTimestamp;
}
/** docs/SECURITY.md, Two-step sign-in: a WebAuthn credential (passkey) of a user. */
export interface UserPasskeysTable {
  id: Generated<string>;
  user_id: string;
  /** base64url credential id, unique across users. */
  credential_id: string;
  /** The COSE public key. */
  public_key: Buffer;
  /** The signature counter last seen (bigint: read as a string). */
  counter: ColumnType<string, number | string | undefined, number | string>;
  transports: ColumnType<string[], string[] | undefined, string[]>;
  name: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
}
export type WebauthnPurpose = "register" | "authenticate";
/** A server-made challenge (SHA-256 hex), single use, short-lived. */
export interface WebauthnChallengesTable {
  user_id: string;
  purpose: WebauthnPurpose;
  challenge_hash: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}
/** docs/SECURITY.md, Single sign-on: one OpenID Connect client per organization. */
export interface OrgSsoConfigsTable {
  org_id: string;
  issuer: string;
  client_id: string;
  /** AES-256-GCM under SSO_ENCRYPTION_KEY (lib/security/seal.ts); never shown, never audited. */
  client_secret_sealed: string;
  enabled: Generated<boolean>;
  /** Just-in-time access without an invitation: both set or both NULL. */
  default_workspace_id: string | null;
  default_role: "manager" | "agent" | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
}
export interface OrgSsoDomainsTable {
  id: Generated<string>;
  org_id: string;
  /** Lower-case, without a trailing dot. Unique among verified rows. */
  domain: string;
  /** Public: the TXT record `switchboard-verify=<token>` proves control of the domain. */
  verification_token: string;
  verified_at: NullableTimestamp;
  require_sso: Generated<boolean>;
  created_at: Generated<Date>;
}
export interface RateLimitsTable {
  key: string;
  window_start: Date;
  count: Generated<number>;
}

export interface Database {
  users: UsersTable;
  user_avatars: UserAvatarsTable;
  VerificationToken: VerificationTokenTable;
  organizations: OrganizationsTable;
  org_members: OrgMembersTable;
  workspaces: WorkspacesTable;
  workspace_members: WorkspaceMembersTable;
  workspace_roles: WorkspaceRolesTable;
  deactivated_members: DeactivatedMembersTable;
  deactivation_handovers: DeactivationHandoversTable;
  invitations: InvitationsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  contacts: ContactsTable;
  messages: MessagesTable;
  conversations: ConversationsTable;
  workspace_counts: WorkspaceCountsTable;
  snippets: SnippetsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  presence: PresenceTable;
  audit_log: AuditLogTable;
  mail_queue: MailQueueTable;
  rate_limits: RateLimitsTable;
  user_sessions: UserSessionsTable;
  user_totp: UserTotpTable;
  recovery_codes: RecoveryCodesTable;
  user_passkeys: UserPasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  org_sso_configs: OrgSsoConfigsTable;
  org_sso_domains: OrgSsoDomainsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type WorkspaceMember = Selectable<WorkspaceMembersTable>;
