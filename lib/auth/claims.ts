// What the session token carries (docs/ARCHITECTURE.md, the request path). Edge-safe: middleware reads it without a
// database.
import { permissionBits, type Permission, type Role } from "@/lib/access/matrix";
import type { Locale } from "@/lib/i18n/locales";

export interface WorkspaceClaim {
  r: Role; // role
  x: string[]; // restrictions
  v: number; // workspace_members.version when the claim was read
  p?: number; // the effective permission set, as bits (lib/access/matrix.ts permissionBits)
}

export interface TokenClaims {
  uid?: string;
  name?: string | null;
  loc?: Locale | null;
  ws?: Record<string, WorkspaceClaim>;
  oa?: string[]; // organizations where the user is an admin (at most MAX_ADMIN_ORG_CLAIMS)
  oax?: boolean; // true when `oa` was cut: the edge gate then leaves organization pages to the server
  cat?: number; // claims loaded at (epoch seconds)
  sid?: string; // the server-side session (user_sessions, by its SHA-256); no sid is no session
  pv?: number; // PERMISSION_SET_VERSION the claims' `p` sets were written with
}

/**
 * One workspace's claim from its membership row; `customPermissions` is the custom role's set (null: the
 * built-in level). The edge gate decides from `p` alone, so the custom role's visibility is not needed.
 */
export function workspaceClaim(m: {
  role: Role;
  restrictions: string[];
  version: number;
  customPermissions: Permission[] | null;
}): WorkspaceClaim {
  const custom = m.customPermissions
    ? { id: "", name: "", permissions: m.customPermissions, visibility: "all" as const }
    : null;
  return {
    r: m.role,
    x: m.restrictions,
    v: m.version,
    p: permissionBits({ role: m.role, restrictions: m.restrictions, custom }),
  };
}

/** Claims older than this are reloaded by the jwt callback; guards never trust them anyway. */
export const CLAIMS_TTL_SECONDS = 60;

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string | null; image: string | null; locale: Locale | null };
    /** workspace id → membership version the token's claims were read at. */
    versions?: Record<string, number>;
  }
}

declare module "next-auth/jwt" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface JWT extends TokenClaims {}
}
