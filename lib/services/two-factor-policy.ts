import "server-only";
import type { DbOrTrx } from "@/db";
import { inTransaction } from "@/db/transaction";
import { DomainError } from "@/lib/errors";
import { audit } from "./audit";
import { hasSecondFactor } from "./second-factor";

// The organization's "Require two-step sign-in for members" (docs/SECURITY.md, Two-step
// sign-in). Enforced by the membership guard (lib/access/guard.ts) from the next request.
// Callers are org admins (orgAction).

export interface OrgActor {
  userId: string;
  orgId: string;
  ip: string;
}

export async function getTwoFactorPolicy(db: DbOrTrx, orgId: string): Promise<boolean> {
  const row = await db
    .selectFrom("organizations")
    .select("require_two_factor")
    .where("id", "=", orgId)
    .executeTakeFirst();
  return row?.require_two_factor ?? false;
}

/**
 * Switch the policy. Switching it on is refused while the admin making the change has no
 * factor themselves: they would be sent to enrolment on their next request.
 */
export async function saveTwoFactorPolicy(
  db: DbOrTrx,
  actor: OrgActor,
  required: boolean,
): Promise<{ required: boolean }> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("organizations")
      .select("require_two_factor")
      .where("id", "=", actor.orgId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new DomainError("notFound");
    if (required && !(await hasSecondFactor(trx, actor.userId)))
      throw new DomainError("invalidInput", {
        fieldErrors: { required: "errors.twoFactor.policyLockout" },
        messageKey: "errors.twoFactor.policyLockout",
      });
    if (before.require_two_factor === required) return { required };
    await trx
      .updateTable("organizations")
      .set({ require_two_factor: required })
      .where("id", "=", actor.orgId)
      .execute();
    await audit(trx, {
      workspaceId: null,
      orgId: actor.orgId,
      actorId: actor.userId,
      action: "org.two_factor_policy_changed",
      before: { required: before.require_two_factor },
      after: { required },
      ip: actor.ip,
    });
    return { required };
  });
}
