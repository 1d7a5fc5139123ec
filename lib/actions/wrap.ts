import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { getSession } from "@/lib/auth/session";
import { authorize, authorizeOrgAdmin, type OrgAdminContext } from "@/lib/access/guard";
import type { MemberContext } from "@/lib/access/member";
import type { Permission } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import type { Locale } from "@/lib/i18n/locales";
import { translateKey, type Translator } from "@/lib/i18n/translate";
import { clientIp } from "@/lib/request-ip";
import { ActionError, type ActionResult, type ErrorCode } from "./result";

export interface UserContext {
  userId: string;
  email: string;
  ip: string;
  t: Translator;
  locale: Locale;
}
export interface WorkspaceContext extends UserContext {
  member: MemberContext;
}

function failure(
  t: Translator,
  code: ErrorCode,
  fieldErrors?: Record<string, string>,
  messageKey?: string,
  details?: Record<string, string>,
): ActionResult<never> {
  const translated = fieldErrors
    ? Object.fromEntries(
        Object.entries(fieldErrors).map(([k, v]) => [k, translateKey(t, `errors.${v}`, "errors.invalidInput")]),
      )
    : undefined;
  const message = messageKey
    ? translateKey(t, messageKey, "errors.generic")
    : translateKey(t, `errors.${code}`, "errors.generic");
  return {
    ok: false,
    code,
    message,
    ...(translated ? { fieldErrors: translated } : {}),
    ...(details ? { details } : {}),
  };
}

function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    if (!out[key]) out[key] = issue.message.includes(" ") ? "invalidInput" : issue.message;
  }
  return out;
}

async function run<T>(t: Translator, body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof ActionError) return failure(t, error.code, error.fieldErrors, error.messageKey, error.details);
    if (error instanceof z.ZodError) return failure(t, "invalidInput", zodFieldErrors(error));
    console.error("[action] failed", error);
    return failure(t, "generic");
  }
}

/** A server action for any signed-in user: session + zod, never raw errors to the browser. */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: UserContext, input: z.output<S>) => Promise<T>,
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const { t, locale } = await getI18n();
    const session = await getSession();
    if (!session) return failure(t, "unauthenticated");
    const ip = clientIp(await headers());
    return run(t, async () =>
      handler({ userId: session.user.id, email: session.user.email, ip, t, locale }, schema.parse(input)),
    );
  };
}

/**
 * A server action inside a workspace: session + membership from the database + the
 * matrix + zod, in that order, before the handler runs (CONVENTIONS 2). The first
 * argument is the workspace id; a non-member gets notFound, never a hint.
 */
export function workspaceAction<S extends z.ZodType, T>(
  permission: Permission | readonly Permission[],
  schema: S,
  handler: (ctx: WorkspaceContext, input: z.output<S>) => Promise<T>,
) {
  const permissions = typeof permission === "string" ? [permission] : permission;
  return async (workspaceId: string, input: unknown): Promise<ActionResult<T>> => {
    const { t, locale } = await getI18n();
    const decision = await authorize(String(workspaceId), permissions);
    if (!decision.ok)
      return failure(
        t,
        decision.status === 401 ? "unauthenticated" : decision.status === 404 ? "notFound" : "forbidden",
      );
    const session = await getSession();
    const ip = clientIp(await headers());
    return run(t, async () =>
      handler(
        { userId: decision.member.userId, email: session?.user.email ?? "", ip, t, locale, member: decision.member },
        schema.parse(input),
      ),
    );
  };
}

export interface OrgContext extends UserContext {
  admin: OrgAdminContext;
}

/** A server action in organization settings: org admins only. First argument: the org id. */
export function orgAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: OrgContext, input: z.output<S>) => Promise<T>,
) {
  return async (orgId: string, input: unknown): Promise<ActionResult<T>> => {
    const { t, locale } = await getI18n();
    const decision = await authorizeOrgAdmin(String(orgId));
    if (!decision.ok)
      return failure(
        t,
        decision.status === 401 ? "unauthenticated" : decision.status === 404 ? "notFound" : "forbidden",
      );
    const session = await getSession();
    const ip = clientIp(await headers());
    return run(t, async () =>
      handler(
        { userId: decision.admin.userId, email: session?.user.email ?? "", ip, t, locale, admin: decision.admin },
        schema.parse(input),
      ),
    );
  };
}
