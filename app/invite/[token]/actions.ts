"use server";
import { getDb } from "@/db";
import { getSession } from "@/lib/auth/session";
import { issueSession } from "@/lib/auth/issue-session";
import { publicAction } from "@/lib/actions/wrap";
import { DomainError } from "@/lib/errors";
import { acceptInvitation, getInvitationLanding } from "@/lib/services/accept-invitation";
import { ssoRequiredFor } from "@/lib/sso/lookup";
import { acceptInvitationSchema } from "@/lib/validation/users";

/**
 * The one action open to signed-out visitors besides sign-in: the 256-bit token in the
 * link is the credential (it proves control of the invited mailbox). Returns where to go.
 */
export const acceptInvitationAction = publicAction(acceptInvitationSchema, async (ctx, input) => {
  const session = await getSession();
  const db = await getDb();
  // The link signs in like a magic link: not for an address whose domain requires single sign-on
  // (the SSO sign-in accepts the invitation itself; docs/SECURITY.md, Single sign-on).
  const invited = session ? null : (await getInvitationLanding(db, input.token)).email;
  if (invited && (await ssoRequiredFor(db, invited)))
    throw new DomainError("forbidden", { messageKey: "errors.sso.inviteUseSso" });
  const result = await acceptInvitation(db, {
    token: input.token,
    name: input.name,
    sessionEmail: session?.user.email ?? null,
    ip: ctx.ip,
  });
  await issueSession({ id: result.userId, email: result.email, name: result.name });
  return { path: result.path };
});
