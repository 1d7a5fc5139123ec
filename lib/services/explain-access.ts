import "server-only";
import type { DbOrTrx } from "@/db";
import { explainAccess, type AccessExplanation } from "@/lib/access/explain";
import { loadMember } from "@/lib/access/member";
import type { CustomRole, MemberAccess, Role } from "@/lib/access/matrix";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/id";

export interface MemberExplanation extends AccessExplanation {
  name: string | null;
  email: string;
  role: Role;
  roleName: string | null;
  /** A set-aside member: no access now; the explanation is what reactivating would give back. */
  deactivated: boolean;
}

/** A deactivated member's kept level, restrictions and custom role, tenant-scoped. */
async function deactivatedAccess(db: DbOrTrx, workspaceId: string, userId: string) {
  const row = await db
    .selectFrom("deactivated_members as d")
    .leftJoin("workspace_roles as cr", (join) =>
      join.onRef("cr.workspace_id", "=", "d.workspace_id").onRef("cr.id", "=", "d.role_id"),
    )
    .select(["d.role", "d.restrictions", "cr.id", "cr.name", "cr.permissions", "cr.visibility"])
    .where("d.workspace_id", "=", workspaceId)
    .where("d.user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  const custom: CustomRole | null = row.id
    ? { id: row.id, name: row.name!, permissions: row.permissions!, visibility: row.visibility! }
    : null;
  return { role: row.role, restrictions: row.restrictions, custom } satisfies MemberAccess;
}

/** Why a member (active, or deactivated) may or may not do each thing in the workspace. */
export async function explainMember(db: DbOrTrx, workspaceId: string, userId: string): Promise<MemberExplanation> {
  if (!isUuid(userId)) throw new DomainError("notFound");
  const active = await loadMember(db, workspaceId, userId);
  const access = active ?? (await deactivatedAccess(db, workspaceId, userId));
  if (!access) throw new DomainError("notFound");
  const user = await db.selectFrom("users").select(["name", "email"]).where("id", "=", userId).executeTakeFirst();
  if (!user) throw new DomainError("notFound");
  return {
    name: user.name,
    email: user.email,
    role: access.role,
    roleName: access.custom?.name ?? null,
    deactivated: !active,
    ...explainAccess(access),
  };
}
