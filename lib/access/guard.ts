import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { getDb } from "@/db";
import { currentSession, getSessionToken, signInPath } from "@/lib/auth/session";
import { touchSession } from "@/lib/services/sessions";
import { can, type Permission } from "./matrix";
import { isUuid } from "@/lib/validation/id";
import { loadMember, touchMember, type MemberContext } from "./member";
import { requestId, requestLog } from "@/lib/request-context";
import { clientIp } from "@/lib/request-ip";
import { ipAllowed } from "@/lib/net/allowlist";
import { getI18n } from "@/lib/i18n/server";
import { hasFactorSql } from "@/lib/services/second-factor";

export type SessionUser = { id: string; email: string };

/** The checked session, or GuardUnavailableError when the check could not be made. */
async function sessionOrUnavailable() {
  try {
    return await currentSession();
  } catch (error) {
    (await requestLog("guard")).error({ err: error }, "session check failed");
    throw new GuardUnavailableError(await requestId());
  }
}

/**
 * Pages: the signed-in user (an open session: lib/auth/session.ts), or a redirect to /signin
 * that comes back here.
 */
export async function requireUser(returnTo = "/"): Promise<SessionUser & { sessionId: string }> {
  const current = await sessionOrUnavailable();
  if (!current) redirect(await signInPath(returnTo));
  return { id: current.session.user.id, email: current.session.user.email, sessionId: current.ref.id };
}

// The membership row, read once per server render: the workspace layout and its page both
// authorize. React scopes cache() to one render request; a server action or a route handler
// runs outside one, so each of their calls reads the row again, and nothing outlives a request.
const memberOf = cache(async (workspaceId: string, userId: string, sid?: string) =>
  loadMember(await getDb(), workspaceId, userId, sid === undefined ? {} : { sid }),
);

/** 503: the check itself failed (the database is down, a lock outlived the statement timeout). */
export type Denial = 401 | 403 | 404 | 503;
/**
 * `network`: a 403 because the client's address is outside the organization's IP allow-list;
 * `enrol`: a 403 because the organization requires two-step sign-in and the user has none yet.
 */
export type Refusal = { ok: false; status: Denial; network?: true; enrol?: true };
export type Decision = { ok: true; member: MemberContext; email?: string } | Refusal;

const NETWORK_REFUSAL: Refusal = { ok: false, status: 403, network: true };
const ENROL_REFUSAL: Refusal = { ok: false, status: 403, enrol: true };

/** Where a page sends a member whose organization requires a second factor they do not have. */
export const ENROL_PATH = "/account?twoStep=required#two-step";

/** Whether this request's client address may reach an organization with this allow-list. */
async function fromAllowedNetwork(list: readonly string[] | undefined): Promise<boolean> {
  if (!list || list.length === 0) return true;
  return ipAllowed(list, clientIp(await headers()));
}

// The 403 page of this render says why when the refusal was the network's (app/forbidden.tsx):
// forbidden() carries no reason, and React scopes cache() to the one render request.
const refusedNetwork = cache(() => ({ refused: false }));

/** True when this render's 403 came from the organization's IP allow-list. */
export function networkRefused(): boolean {
  return refusedNetwork().refused;
}

function forbidNetwork(): never {
  refusedNetwork().refused = true;
  forbidden();
}

/**
 * Thrown by page guards when the check could not be made: the error page says "try again" and
 * shows the digest as the reference. Next.js keeps a digest an error already has, so this one's
 * is the request id, the same as on the guard's log line.
 */
export class GuardUnavailableError extends Error {
  readonly digest: string;
  constructor(reference: string) {
    super("authorization unavailable");
    this.digest = reference;
  }
}

/**
 * The one server-side check: session → membership row from the database → matrix.
 * Not a member (including another workspace's member, or a revoked one) is 404 so
 * workspace ids do not leak; a member without the permission is 403. Any error denies, as
 * 503 (the error page / "try again"), never as a false "no access".
 * A granted request counts as activity (last_active_at); `touch: false` leaves that to the
 * caller (the heartbeat route writes it in the same statement as presence). `tokenOnly`
 * reads the user from the cookie without next-auth's session handler and checks the session
 * in the membership query itself (the heartbeat). A token whose session is ended is 401.
 */
export async function authorize(
  workspaceId: string,
  permissions: readonly Permission[],
  opts: { touch?: boolean; tokenOnly?: boolean; allow?: (member: MemberContext) => boolean } = {},
): Promise<Decision> {
  try {
    let member: MemberContext | null;
    let email: string | undefined;
    if (opts.tokenOnly) {
      const token = await getSessionToken();
      if (!token) return { ok: false, status: 401 };
      member = await memberOf(workspaceId, token.userId, token.sid);
      if (!member) {
        // No row: not a member, or the session is over. Only the second is a 401.
        const plain = await memberOf(workspaceId, token.userId);
        return { ok: false, status: plain ? 401 : 404 };
      }
      if (member.sessionId) await touchSession(await getDb(), member.sessionId).catch(() => undefined);
    } else {
      const current = await currentSession();
      if (!current) return { ok: false, status: 401 };
      const row = await memberOf(workspaceId, current.session.user.id);
      member = row && { ...row, sessionId: current.ref.id };
      email = current.session.user.email;
    }
    if (!member) return { ok: false, status: 404 };
    if (!(await fromAllowedNetwork(member.ipAllowlist))) return NETWORK_REFUSAL;
    if (member.needsFactor) return ENROL_REFUSAL;
    if (!permissions.every((p) => can(member, p))) return { ok: false, status: 403 };
    // A rule beyond the matrix (Settings → Roles: canManageRoles), decided before the request counts as activity.
    if (opts.allow && !opts.allow(member)) return { ok: false, status: 403 };
    if (opts.touch !== false)
      await touchMember(await getDb(), member.workspaceId, member.userId).catch(() => undefined);
    return { ok: true, member, ...(email === undefined ? {} : { email }) };
  } catch (error) {
    (await requestLog("authorize")).error({ err: error, workspaceId }, "denied on error");
    return { ok: false, status: 503 };
  }
}

/** Pages and layouts: the member, or /signin, the 404 page or the 403 page. */
export async function requireMember(
  workspaceId: string,
  permissions: readonly Permission[] = [],
  returnTo?: string,
  allow?: (member: MemberContext) => boolean,
): Promise<MemberContext> {
  const decision = await authorize(workspaceId, permissions, allow ? { allow } : {});
  if (decision.ok) return decision.member;
  if (decision.status === 401) redirect(await signInPath(returnTo ?? `/w/${workspaceId}`));
  if (decision.status === 404) notFound();
  if (decision.status === 503) throw new GuardUnavailableError(await requestId());
  if (decision.network) forbidNetwork();
  if (decision.enrol) redirect(ENROL_PATH);
  forbidden();
}

/** Route handlers: the member, or a plain denial response. */
export async function memberOrResponse(
  workspaceId: string,
  permissions: readonly Permission[],
  opts: { touch?: boolean; tokenOnly?: boolean } = {},
): Promise<MemberContext | Response> {
  const decision = await authorize(workspaceId, permissions, opts);
  if (decision.ok) return decision.member;
  if (decision.network) return networkResponse();
  if (decision.enrol) return enrolResponse();
  const text = { 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 503: "Service Unavailable" }[decision.status];
  return new Response(text, {
    status: decision.status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      ...(decision.status === 503 ? { "retry-after": "5" } : {}),
    },
  });
}

/** 403 JSON for a route handler refused by the organization's IP allow-list. */
async function networkResponse(): Promise<Response> {
  const { t } = await getI18n();
  return Response.json(
    { error: "network_not_allowed", message: t("errors.networkNotAllowed") },
    { status: 403, headers: { "cache-control": "no-store" } },
  );
}

/** 403 JSON for a route handler refused because the organization requires two-step sign-in. */
async function enrolResponse(): Promise<Response> {
  const { t } = await getI18n();
  return Response.json(
    { error: "two_factor_required", message: t("errors.twoFactor.required") },
    { status: 403, headers: { "cache-control": "no-store" } },
  );
}

export interface OrgAdminContext {
  userId: string;
  orgId: string;
  orgName: string;
  email: string;
  /** The admin's own open session (user_sessions id). */
  sessionId: string;
  /** The admin has a confirmed second factor (the policy switch refuses to lock them out). */
  hasFactor: boolean;
  requireTwoFactor: boolean;
}

/** Organization settings: org admins only (a workspace Owner who is not one is refused). */
export async function authorizeOrgAdmin(orgId: string): Promise<{ ok: true; admin: OrgAdminContext } | Refusal> {
  try {
    const current = await currentSession();
    if (!current) return { ok: false, status: 401 };
    const session = current.session;
    if (!isUuid(orgId)) return { ok: false, status: 404 };
    const db = await getDb();
    const row = await db
      .selectFrom("org_members as om")
      .innerJoin("organizations as o", "o.id", "om.org_id")
      .select([
        "om.is_admin",
        "o.name",
        "o.ip_allowlist",
        "o.require_two_factor",
        hasFactorSql("om.user_id").as("has_factor"),
      ])
      .where("om.org_id", "=", orgId)
      .where("om.user_id", "=", session.user.id)
      .executeTakeFirst();
    if (!row) return { ok: false, status: 404 };
    if (!row.is_admin) return { ok: false, status: 403 };
    // The admin's own pages and actions too: the list protects the organization's settings.
    if (!(await fromAllowedNetwork(row.ip_allowlist))) return NETWORK_REFUSAL;
    if (row.require_two_factor && !row.has_factor) return ENROL_REFUSAL;
    return {
      ok: true,
      admin: {
        userId: session.user.id,
        orgId,
        orgName: row.name,
        email: session.user.email,
        sessionId: current.ref.id,
        hasFactor: row.has_factor === true,
        requireTwoFactor: row.require_two_factor,
      },
    };
  } catch (error) {
    (await requestLog("authorize")).error({ err: error, orgId }, "org admin check denied on error");
    return { ok: false, status: 503 };
  }
}

export async function requireOrgAdmin(orgId: string): Promise<OrgAdminContext> {
  const decision = await authorizeOrgAdmin(orgId);
  if (decision.ok) return decision.admin;
  if (decision.status === 401) redirect(await signInPath(`/org/${orgId}/settings/users`));
  if (decision.status === 404) notFound();
  if (decision.status === 503) throw new GuardUnavailableError(await requestId());
  if (decision.network) forbidNetwork();
  if (decision.enrol) redirect(ENROL_PATH);
  forbidden();
}
