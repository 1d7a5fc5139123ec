import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { currentSession, pendingSession } from "@/lib/auth/session";
import { authorize, authorizeOrgAdmin, type Denial, type OrgAdminContext, type Refusal } from "@/lib/access/guard";
import type { MemberContext } from "@/lib/access/member";
import type { Permission } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import type { Locale } from "@/lib/i18n/locales";
import { translateKey, type MessageKey, type Translator } from "@/lib/i18n/translate";
import { clientIp } from "@/lib/request-ip";
import { DomainError } from "@/lib/errors";
import { currentRequestId, scoped } from "@/lib/log";
import { inRequestContext } from "@/lib/request-context";
import { wellFormed } from "@/lib/validation/well-formed";
import type { ActionResult } from "./result";

export interface PublicContext {
  ip: string;
  t: Translator;
  locale: Locale;
}
export interface UserContext extends PublicContext {
  userId: string;
  email: string;
  /** The open session (user_sessions id) this request came with. */
  sessionId: string;
}
export interface WorkspaceContext extends UserContext {
  member: MemberContext;
}

type Failure = Extract<ActionResult<never>, { ok: false }>;

function failure(t: Translator, error: DomainError): Failure {
  const fieldErrors = error.fieldErrors
    ? Object.fromEntries(
        Object.entries(error.fieldErrors).map(([k, v]) => [k, translateKey(t, v, "errors.invalidInput")]),
      )
    : undefined;
  return {
    ok: false,
    code: error.code,
    message: translateKey(t, error.messageKey ?? `errors.${error.code}`, "errors.generic", error.messageValues),
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(error.details ? { details: error.details } : {}),
  };
}

// Zod messages are codes under `errors.` (the client forms translate the same codes).
function fromZod(error: z.ZodError): DomainError {
  const fieldErrors: Record<string, MessageKey> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    if (!fieldErrors[key])
      fieldErrors[key] = (
        issue.message.includes(" ") ? "errors.invalidInput" : `errors.${issue.message}`
      ) as MessageKey;
  }
  return new DomainError("invalidInput", { fieldErrors });
}

// The id argument comes from the client as it was sent: String() of an object whose
// `toString` is not a function throws before run() could map the error.
const scopeId = (value: unknown) => (typeof value === "string" ? value : "");

const DENIAL_CODES = { 401: "unauthenticated", 403: "forbidden", 404: "notFound", 503: "unavailable" } as const;
const denied = (status: Denial) => new DomainError(DENIAL_CODES[status]);

/**
 * A refusal to answer: a check that could not be made (503) tells the user the reference too; an
 * address outside the organization's IP allow-list says so.
 */
function refusal(t: Translator, status: Denial, network?: boolean, enrol?: boolean): Failure {
  if (network) return failure(t, new DomainError("forbidden", { messageKey: "errors.networkNotAllowed" }));
  if (enrol) return failure(t, new DomainError("forbidden", { messageKey: "errors.twoFactor.required" }));
  const reference = status === 503 ? currentRequestId() : null;
  if (!reference) return failure(t, denied(status));
  return { ...failure(t, denied(status)), message: t("errors.unavailableReference", { reference }), reference };
}

const refusalOf = (t: Translator, r: Refusal) => refusal(t, r.status, r.network, r.enrol);

const actionLog = scoped("action");

/**
 * The one mapping from a thrown error to what the browser sees: never raw error text. An
 * unexpected error is logged with the request id, and the message tells the user that id
 * ("Reference: …") so the log line can be found from what they quote. Also used for each row
 * of a bulk action, so a row's refusal reads like the single action's.
 */
export async function run<T>(t: Translator, body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof DomainError) return failure(t, error);
    if (error instanceof z.ZodError) return failure(t, fromZod(error));
    actionLog.error({ err: error }, "action failed");
    const reference = currentRequestId();
    return {
      ...failure(t, new DomainError("generic")),
      ...(reference ? { message: t("errors.genericReference", { reference }), reference } : {}),
    };
  }
}

/** Every wrapper runs in the request's context (log lines and audit rows carry its id). */
const inContext =
  <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
  (...args: A): Promise<R> =>
    inRequestContext(() => fn(...args));

/**
 * A server action open to signed-out visitors too (accepting an invitation, choosing the
 * language on the sign-in page): zod and the error mapping, no session required.
 */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: PublicContext, input: z.output<S>) => Promise<T>,
) {
  return inContext(async (input: unknown): Promise<ActionResult<T>> => {
    const { t, locale } = await getI18n();
    return run(t, async () => handler({ ip: clientIp(await headers()), t, locale }, schema.parse(wellFormed(input))));
  });
}

/** A server action for any signed-in user: session + zod, never raw errors to the browser. */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: UserContext, input: z.output<S>) => Promise<T>,
) {
  return inContext(async (input: unknown): Promise<ActionResult<T>> => {
    const { t, locale } = await getI18n();
    let current: Awaited<ReturnType<typeof currentSession>>;
    try {
      current = await currentSession();
    } catch (error) {
      actionLog.error({ err: error }, "session check failed");
      return refusal(t, 503);
    }
    if (!current) return refusal(t, 401);
    const { session, ref } = current;
    const ip = clientIp(await headers());
    return run(t, async () =>
      handler(
        { userId: session.user.id, email: session.user.email, sessionId: ref.id, ip, t, locale },
        schema.parse(wellFormed(input)),
      ),
    );
  });
}

/**
 * A server action for a session that still waits for its second factor (/signin/verify only):
 * refused as unauthenticated for any other session, signed in or not.
 */
export function pendingAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: UserContext, input: z.output<S>) => Promise<T>,
) {
  return inContext(async (input: unknown): Promise<ActionResult<T>> => {
    const { t, locale } = await getI18n();
    let pending: Awaited<ReturnType<typeof pendingSession>>;
    try {
      pending = await pendingSession();
    } catch (error) {
      actionLog.error({ err: error }, "session check failed");
      return refusal(t, 503);
    }
    if (!pending) return refusal(t, 401);
    const { session, ref } = pending;
    const ip = clientIp(await headers());
    return run(t, async () =>
      handler(
        { userId: session.user.id, email: session.user.email, sessionId: ref.id, ip, t, locale },
        schema.parse(wellFormed(input)),
      ),
    );
  });
}

/**
 * What a workspace action needs: permissions, and a rule beyond the matrix when one exists (Settings → Roles:
 * canManageRoles), decided from the membership row the wrapper loaded.
 */
export interface WorkspaceRule {
  permissions: readonly Permission[];
  allow?: (member: MemberContext) => boolean;
}

/**
 * A server action inside a workspace: session + membership from the database + the
 * matrix + zod, in that order, before the handler runs (docs/ARCHITECTURE.md). The first
 * argument is the workspace id; a non-member gets notFound, never a hint.
 */
export function workspaceAction<S extends z.ZodType, T>(
  permission: Permission | readonly Permission[] | WorkspaceRule,
  schema: S,
  handler: (ctx: WorkspaceContext, input: z.output<S>) => Promise<T>,
) {
  const rule: WorkspaceRule =
    typeof permission === "string"
      ? { permissions: [permission] }
      : "permissions" in permission
        ? permission
        : { permissions: permission };
  return inContext(async (workspaceId: string, input: unknown): Promise<ActionResult<T>> => {
    const { t, locale } = await getI18n();
    const decision = await authorize(scopeId(workspaceId), rule.permissions, rule.allow ? { allow: rule.allow } : {});
    if (!decision.ok) return refusalOf(t, decision);
    const ip = clientIp(await headers());
    const { member } = decision;
    return run(t, async () =>
      handler(
        {
          userId: member.userId,
          email: decision.email ?? "",
          sessionId: member.sessionId ?? "",
          ip,
          t,
          locale,
          member,
        },
        schema.parse(wellFormed(input)),
      ),
    );
  });
}

export interface OrgContext extends UserContext {
  admin: OrgAdminContext;
}

/** A server action in organization settings: org admins only. First argument: the org id. */
export function orgAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: OrgContext, input: z.output<S>) => Promise<T>,
) {
  return inContext(async (orgId: string, input: unknown): Promise<ActionResult<T>> => {
    const { t, locale } = await getI18n();
    const decision = await authorizeOrgAdmin(scopeId(orgId));
    if (!decision.ok) return refusalOf(t, decision);
    const ip = clientIp(await headers());
    const { admin } = decision;
    return run(t, async () =>
      handler(
        { userId: admin.userId, email: admin.email, sessionId: admin.sessionId, ip, t, locale, admin },
        schema.parse(wellFormed(input)),
      ),
    );
  });
}
