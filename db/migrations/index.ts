import type { Migration } from "kysely";
import * as initial from "./2026-11-23T00-00-initial";
import * as presenceOnline from "./2026-11-23T01-00-presence-online";
import * as benchIndexes from "./2026-11-24T00-00-bench-indexes";
import * as contactsTenantKey from "./2026-11-24T01-00-contacts-tenant-key";
import * as presenceNoStreams from "./2026-11-25T00-00-presence-no-streams";
import * as webhookSecretOverlap from "./2026-12-01T10-00-webhook-secret-overlap";
import * as mailQueue from "./2026-12-02T01-00-mail-queue";
import * as deactivatedMembers from "./2026-12-02T02-00-deactivated-members";
import * as availability from "./2026-12-02T03-00-availability";
import * as auditRequestId from "./2026-12-03T01-00-audit-request-id";
import * as accessUntil from "./2026-12-03T02-00-access-until";
import * as userSessions from "./2026-12-03T04-00-user-sessions";
import * as handoverBatches from "./2026-12-04T04-00-handover-batches";
import * as ipAllowlist from "./2026-12-04T05-00-ip-allowlist";
import * as twoFactor from "./2026-12-04T06-00-two-factor";
import * as workspaceCounts from "./2026-12-04T08-00-workspace-counts";
import * as sso from "./2026-12-04T06-00-sso";
import * as passkeys from "./2026-12-04T09-00-passkeys";
import * as customRoles from "./2026-12-04T10-00-custom-roles";
import * as memberSortKeys from "./2026-12-04T11-00-member-sort-keys";

// Listed statically so the bundler includes them; names sort by their ISO date.
export const migrations: Record<string, Migration> = {
  "2026-11-23T00-00-initial": initial,
  "2026-11-23T01-00-presence-online": presenceOnline,
  "2026-11-24T00-00-bench-indexes": benchIndexes,
  "2026-11-24T01-00-contacts-tenant-key": contactsTenantKey,
  "2026-11-25T00-00-presence-no-streams": presenceNoStreams,
  "2026-12-01T10-00-webhook-secret-overlap": webhookSecretOverlap,
  "2026-12-02T01-00-mail-queue": mailQueue,
  "2026-12-02T02-00-deactivated-members": deactivatedMembers,
  "2026-12-02T03-00-availability": availability,
  "2026-12-03T01-00-audit-request-id": auditRequestId,
  "2026-12-03T02-00-access-until": accessUntil,
  "2026-12-03T04-00-user-sessions": userSessions,
  "2026-12-04T04-00-handover-batches": handoverBatches,
  "2026-12-04T05-00-ip-allowlist": ipAllowlist,
  "2026-12-04T06-00-two-factor": twoFactor,
  "2026-12-04T08-00-workspace-counts": workspaceCounts,
  "2026-12-04T06-00-sso": sso,
  "2026-12-04T09-00-passkeys": passkeys,
  "2026-12-04T10-00-custom-roles": customRoles,
  "2026-12-04T11-00-member-sort-keys": memberSortKeys,
};
