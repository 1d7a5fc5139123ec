"use server";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { getSession } from "@/lib/auth/session";
import { issueSession } from "@/lib/auth/issue-session";
import { ActionError, type ActionResult } from "@/lib/actions/result";
import { getI18n } from "@/lib/i18n/server";
import { translateKey } from "@/lib/i18n/translate";
import { clientIp } from "@/lib/request-ip";
import { acceptInvitation } from "@/lib/services/accept-invitation";
import { acceptInvitationSchema } from "@/lib/validation/users";

/**
 * The one action open to signed-out visitors besides sign-in: the 256-bit token in the
 * link is the credential (it proves control of the invited mailbox). Returns where to go.
 */
export async function acceptInvitationAction(input: unknown): Promise<ActionResult<{ path: string }>> {
  const { t } = await getI18n();
  const parsed = acceptInvitationSchema.safeParse(input);
  if (!parsed.success) {
    const nameIssue = parsed.error.issues.find((i) => i.path[0] === "name");
    return {
      ok: false,
      code: "invalidInput",
      message: t("errors.invalidInput"),
      ...(nameIssue
        ? { fieldErrors: { name: translateKey(t, `errors.${nameIssue.message}`, "errors.invalidInput") } }
        : {}),
    };
  }
  try {
    const session = await getSession();
    const result = await acceptInvitation(await getDb(), {
      token: parsed.data.token,
      name: parsed.data.name,
      sessionEmail: session?.user.email ?? null,
      ip: clientIp(await headers()),
    });
    await issueSession({ id: result.userId, email: result.email, name: result.name });
    return { ok: true, data: { path: result.path } };
  } catch (error) {
    if (error instanceof ActionError) {
      const fieldErrors = error.fieldErrors
        ? Object.fromEntries(
            Object.entries(error.fieldErrors).map(([k, v]) => [
              k,
              translateKey(t, `errors.${v}`, "errors.invalidInput"),
            ]),
          )
        : undefined;
      return {
        ok: false,
        code: error.code,
        message: translateKey(t, error.messageKey, "errors.generic"),
        ...(fieldErrors ? { fieldErrors } : {}),
      };
    }
    console.error("[invite] accept failed", error);
    return { ok: false, code: "generic", message: t("errors.generic") };
  }
}
