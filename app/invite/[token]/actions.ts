"use server";
import { getDb } from "@/db";
import { getSession } from "@/lib/auth/session";
import { issueSession } from "@/lib/auth/issue-session";
import { publicAction } from "@/lib/actions/wrap";
import { acceptInvitation } from "@/lib/services/accept-invitation";
import { acceptInvitationSchema } from "@/lib/validation/users";

/**
 * The one action open to signed-out visitors besides sign-in: the 256-bit token in the
 * link is the credential (it proves control of the invited mailbox). Returns where to go.
 */
export const acceptInvitationAction = publicAction(acceptInvitationSchema, async (ctx, input) => {
  const session = await getSession();
  const result = await acceptInvitation(await getDb(), {
    token: input.token,
    name: input.name,
    sessionEmail: session?.user.email ?? null,
    ip: ctx.ip,
  });
  await issueSession({ id: result.userId, email: result.email, name: result.name });
  return { path: result.path };
});
