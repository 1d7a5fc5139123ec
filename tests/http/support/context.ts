// What the global setup hands to the test files (vitest provide/inject): where the app
// runs, the database it uses, and the ids of every actor and fixture it created.
import type { TokenClaims } from "@/lib/auth/claims";

export const ACTOR_KEYS = [
  "owner",
  "manager",
  "mgr_no_settings",
  "mgr_no_contact_delete",
  "mgr_no_export",
  "mgr_no_integrations",
  "agent_all",
  "agent_team",
  "agent_self",
  "agent_no_snippets",
  "agent_contacts",
  "agent_contacts_self",
  "role_supervisor",
  "role_contacts_export",
  "role_mgr_no_users",
  "org_admin",
  "other_ws",
  "revoked",
  "anonymous",
] as const;
export type ActorKey = (typeof ACTOR_KEYS)[number];

/** The Support workspace contacts the visibility rules are tested on (plus one in Sales for IDOR). */
export const CONTACT_KEYS = ["self", "team", "unassigned", "cself", "outsider", "sales"] as const;
export type ContactKey = (typeof CONTACT_KEYS)[number];

export interface ActorInfo {
  userId: string;
  email: string;
  name: string;
  /** Claims read from the database at setup (what next-auth would have put in the token). */
  claims: TokenClaims;
  /** The actor's open session (user_sessions), made at setup; every cookie minted for them carries it. */
  sid: string;
}

export interface HttpContext {
  /** Set when the suite cannot run here (no PostgreSQL outside CI). */
  skip?: string;
  base: string;
  dbUrl: string;
  secret: string;
  distDir: string;
  org: string;
  support: string;
  sales: string;
  otherOrg: string;
  otherWs: string;
  actors: Record<Exclude<ActorKey, "anonymous">, ActorInfo>;
  /** The revoked member's cookie, minted while the membership still existed. */
  revokedCookie: string;
  /** An agent in the HTTP team with agent_team; K.team is assigned to them. */
  teammate: string;
  /** A member of Sales only (IDOR target from Support). */
  salesOnly: string;
  team: string;
  contacts: Record<ContactKey, string>;
  /** A contact in the other organization's workspace. */
  otherContact: string;
  /** Fixtures in Sales that a Support request must never reach. */
  salesFixtures: { team: string; snippet: string; webhook: string; invitation: string };
  /** Names of the canary contacts (unassigned; assigned to agent_all): no limited Agent may ever see them. */
  canaries: { unassigned: string; outsider: string };
  resultsDir: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    http: HttpContext;
  }
}
