import "server-only";
import { sql } from "kysely";
import type { Db } from "@/db";
import { firstModulePath } from "@/lib/access/matrix";
import { DomainError } from "@/lib/errors";
import { acceptInvitation } from "@/lib/services/accept-invitation";
import { audit } from "@/lib/services/audit";
import { enqueueWebhookEvent, kickWebhooks } from "@/lib/services/webhooks";
import type { SsoTarget } from "./lookup";

// Just-in-time access after a single sign-on proved the address (docs/PRODUCT.md, Single sign-on):
// a pending invitation of the org's workspaces is accepted; else a person who already has a
// workspace signs in; else the org's default workspace and level, if set; else "no access yet"
// (no account is made then).

export type SsoOutcome =
  { kind: "signedIn"; user: { id: string; email: string; name: string | null }; path: string } | { kind: "noAccess" };

async function pendingInvitation(db: Db, orgId: string, email: string): Promise<string | null> {
  const row = await db
    .selectFrom("invitations as i")
    .innerJoin("workspaces as w", "w.id", "i.workspace_id")
    .select("i.id")
    .where("w.org_id", "=", orgId)
    .where("i.email", "=", email)
    .where("i.accepted_at", "is", null)
    .where("i.cancelled_at", "is", null)
    .where("i.expires_at", ">", sql<Date>`now()`)
    .where((eb) => eb.or([eb("i.access_until", "is", null), eb("i.access_until", ">", sql<Date>`now()`)]))
    .orderBy("i.created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

async function existingMember(db: Db, email: string) {
  return db
    .selectFrom("users as u")
    .select(["u.id", "u.email", "u.name"])
    .where("u.email", "=", email)
    .where((eb) =>
      eb.exists(eb.selectFrom("workspace_members as m").select("m.user_id").whereRef("m.user_id", "=", "u.id")),
    )
    .executeTakeFirst();
}

/** The org's default workspace and level for a person without an invitation, in one transaction. */
async function provision(
  db: Db,
  target: SsoTarget & { defaultWorkspaceId: string; defaultRole: "manager" | "agent" },
  email: string,
  name: string,
  ip: string,
): Promise<SsoOutcome> {
  const outcome = await db.transaction().execute(async (trx): Promise<SsoOutcome> => {
    const ws = await trx
      .selectFrom("workspaces")
      .select("id")
      .where("id", "=", target.defaultWorkspaceId)
      .where("org_id", "=", target.orgId)
      .executeTakeFirst();
    if (!ws) return { kind: "noAccess" };
    let user = await trx
      .selectFrom("users")
      .select(["id", "name"])
      .where("email", "=", email)
      .forUpdate()
      .executeTakeFirst();
    if (!user)
      user = await trx
        .insertInto("users")
        .values({ email, name, email_verified: new Date() })
        .returning(["id", "name"])
        .executeTakeFirstOrThrow();
    const deactivated = await trx
      .selectFrom("deactivated_members")
      .select("user_id")
      .where("workspace_id", "=", ws.id)
      .where("user_id", "=", user.id)
      .executeTakeFirst();
    if (deactivated) return { kind: "noAccess" };
    await trx
      .insertInto("org_members")
      .values({ org_id: target.orgId, user_id: user.id, is_admin: false })
      .onConflict((oc) => oc.columns(["org_id", "user_id"]).doNothing())
      .execute();
    const joined = await trx
      .insertInto("workspace_members")
      .values({ workspace_id: ws.id, user_id: user.id, role: target.defaultRole, restrictions: [] })
      .onConflict((oc) => oc.columns(["workspace_id", "user_id"]).doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (joined) {
      await audit(trx, {
        workspaceId: ws.id,
        actorId: user.id,
        action: "sso.member_provisioned",
        target: email,
        after: { role: target.defaultRole, restrictions: [] },
        ip,
      });
      await enqueueWebhookEvent(trx, ws.id, "member.joined", {
        userId: user.id,
        email,
        role: target.defaultRole,
        restrictions: [],
      });
    }
    const firstModule = firstModulePath({ role: target.defaultRole, restrictions: [] }) ?? "";
    return { kind: "signedIn", user: { id: user.id, email, name: user.name }, path: `/w/${ws.id}/${firstModule}` };
  });
  if (outcome.kind === "signedIn") kickWebhooks();
  return outcome;
}

export async function completeSsoSignIn(
  db: Db,
  target: SsoTarget,
  person: { email: string; name: string | null; ip: string },
): Promise<SsoOutcome> {
  const fallbackName = person.name?.trim().slice(0, 120) || person.email.slice(0, person.email.indexOf("@"));
  const invitationId = await pendingInvitation(db, target.orgId, person.email);
  if (invitationId) {
    try {
      const accepted = await acceptInvitation(db, {
        invitationId,
        name: fallbackName,
        sessionEmail: person.email,
        ip: person.ip,
      });
      return {
        kind: "signedIn",
        user: { id: accepted.userId, email: accepted.email, name: accepted.name },
        path: accepted.path,
      };
    } catch (error) {
      // Already a member, deactivated there, or taken meanwhile: go on as without one.
      if (!(error instanceof DomainError)) throw error;
    }
  }
  const member = await existingMember(db, person.email);
  if (member) return { kind: "signedIn", user: member, path: "/" };
  if (target.defaultWorkspaceId && target.defaultRole)
    return provision(
      db,
      { ...target, defaultWorkspaceId: target.defaultWorkspaceId, defaultRole: target.defaultRole },
      person.email,
      fallbackName,
      person.ip,
    );
  return { kind: "noAccess" };
}
