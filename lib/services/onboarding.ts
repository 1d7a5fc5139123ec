import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { inTransaction } from "@/db/transaction";
import { DomainError } from "@/lib/errors";
import { audit } from "./audit";
import { holdPoint } from "./hold-point";
import type { OnboardingValues } from "@/lib/validation/onboarding";

export interface CreatedWorkspace {
  orgId: string;
  workspaceId: string;
}

/**
 * docs/PRODUCT.md, Routes /onboarding: a signed-in user with no workspace creates an organization and its
 * first workspace, and becomes org admin and workspace Owner. One transaction: either all
 * of it exists afterwards, or none of it.
 */
export async function createFirstWorkspace(
  db: DbOrTrx,
  args: { userId: string; ip?: string | null } & OnboardingValues,
): Promise<CreatedWorkspace> {
  const body = async (trx: DbOrTrx): Promise<CreatedWorkspace> => {
    // Lock the user's row so a double submit cannot create two organizations.
    const user = await trx
      .selectFrom("users")
      .select("id")
      .where("id", "=", args.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!user) throw new DomainError("unauthenticated");
    await holdPoint(trx, "onboarding.create");
    const existing = await trx
      .selectFrom("workspace_members")
      .select("workspace_id")
      .where("user_id", "=", args.userId)
      .limit(1)
      .executeTakeFirst();
    if (existing) throw new DomainError("conflict", { messageKey: "onboarding.alreadyMember" });

    const org = await trx
      .insertInto("organizations")
      .values({ name: args.organizationName })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("org_members").values({ org_id: org.id, user_id: args.userId, is_admin: true }).execute();
    const workspace = await trx
      .insertInto("workspaces")
      .values({ org_id: org.id, name: args.workspaceName })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("workspace_members")
      .values({
        workspace_id: workspace.id,
        user_id: args.userId,
        role: "owner",
        restrictions: [],
        last_active_at: sql<Date>`now()`,
      })
      .execute();
    await audit(trx, {
      workspaceId: workspace.id,
      orgId: org.id,
      actorId: args.userId,
      action: "workspace.created",
      target: workspace.id,
      after: { organization: args.organizationName, workspace: args.workspaceName, role: "owner", orgAdmin: true },
      ip: args.ip ?? null,
    });
    return { orgId: org.id, workspaceId: workspace.id };
  };
  // Callers inside a transaction (tests, larger flows) keep theirs; otherwise open one.
  return inTransaction(db, body);
}
