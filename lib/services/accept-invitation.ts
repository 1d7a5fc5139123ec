import "server-only";
import { sql } from "kysely";
import type { Db, DbOrTrx } from "@/db";
import { firstModulePath, type Role } from "@/lib/access/matrix";
import { DomainError } from "@/lib/errors";
import { accessUntilView } from "./access-until";
import { audit } from "./audit";
import { holdPoint } from "./hold-point";
import { isUuid } from "@/lib/validation/id";
import { roleGone, roleView } from "./roles";
import { hashToken } from "./tokens";
import { enqueueWebhookEvent, kickWebhooks } from "./webhooks";

export type InvitationStatus = "pending" | "expired" | "used" | "cancelled" | "invalid";

export interface InvitationLanding {
  status: InvitationStatus;
  email?: string;
  role?: Role;
  restrictions?: string[];
  workspaceName?: string;
  workspaceId?: string;
  inviterName?: string | null;
  expiresAt?: Date;
  /** The invited address has no account yet, or one without a display name. */
  needsName?: boolean;
}

function statusOf(inv: { accepted_at: Date | null; cancelled_at: Date | null; expires_at: Date }): InvitationStatus {
  if (inv.accepted_at) return "used";
  if (inv.cancelled_at) return "cancelled";
  if (inv.expires_at.getTime() <= Date.now()) return "expired";
  return "pending";
}

const looksLikeToken = (token: string) => /^[A-Za-z0-9_-]{20,200}$/.test(token);

/** What the landing page shows; the token is looked up by its hash only. */
export async function getInvitationLanding(db: DbOrTrx, token: string): Promise<InvitationLanding> {
  if (!looksLikeToken(token)) return { status: "invalid" };
  const inv = await db
    .selectFrom("invitations as i")
    .innerJoin("workspaces as w", "w.id", "i.workspace_id")
    .leftJoin("users as inviter", "inviter.id", "i.invited_by")
    .leftJoin("users as invitee", "invitee.email", "i.email")
    .select([
      "i.email",
      "i.role",
      "i.restrictions",
      "i.accepted_at",
      "i.cancelled_at",
      "i.expires_at",
      "w.id as workspace_id",
      "w.name as workspace_name",
      "inviter.name as inviter_name",
      "inviter.email as inviter_email",
      "invitee.name as invitee_name",
      "invitee.id as invitee_id",
    ])
    .where("i.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!inv) return { status: "invalid" };
  return {
    status: statusOf(inv),
    email: inv.email,
    role: inv.role,
    restrictions: inv.restrictions,
    workspaceName: inv.workspace_name,
    workspaceId: inv.workspace_id,
    inviterName: inv.inviter_name ?? inv.inviter_email,
    expiresAt: inv.expires_at,
    needsName: !inv.invitee_id || !inv.invitee_name,
  };
}

export interface AcceptInput {
  /** The invitation link's token (looked up by its hash) … */
  token?: string;
  /** … or, for a single sign-on that proved the invited address (lib/sso/signin.ts), the invitation's id. */
  invitationId?: string;
  name?: string;
  /** The browser's signed-in account, if any: it must be the invited address. */
  sessionEmail: string | null;
  ip: string;
}

/**
 * docs/PRODUCT.md, Users page acceptance, all in one transaction: the invitation row is locked first, so of
 * two accepts racing exactly one finds it pending; the other sees "used".
 */
export async function acceptInvitation(
  db: Db,
  input: AcceptInput,
): Promise<{ userId: string; email: string; name: string | null; workspaceId: string; path: string }> {
  const byId = input.invitationId !== undefined;
  if (byId ? !isUuid(input.invitationId) : !looksLikeToken(input.token ?? ""))
    throw new DomainError("notFound", { messageKey: "invite.errors.invalid" });
  const accepted = await db
    .transaction()
    .execute(async (trx) => {
      const inv = await trx
        .selectFrom("invitations as i")
        .innerJoin("workspaces as w", "w.id", "i.workspace_id")
        .select([
          "i.id",
          "i.workspace_id",
          "i.email",
          "i.role",
          "i.role_id",
          "i.restrictions",
          "i.invited_by",
          "i.accepted_at",
          "i.cancelled_at",
          "i.expires_at",
          "i.access_until",
          "i.access_until_reassign_to",
          // Decided by the database's clock: an end of access already passed makes the link expired.
          sql<boolean>`coalesce(i.access_until <= now(), false)`.as("access_ended"),
          "w.org_id",
        ])
        .where(byId ? "i.id" : "i.token_hash", "=", byId ? input.invitationId! : hashToken(input.token!))
        .forUpdate(["i"])
        .executeTakeFirst();
      if (!inv) throw new DomainError("notFound", { messageKey: "invite.errors.invalid" });
      const status = inv.access_ended && statusOf(inv) === "pending" ? "expired" : statusOf(inv);
      if (status !== "pending") throw new DomainError("conflict", { messageKey: `invite.errors.${status}` });
      if (input.sessionEmail && input.sessionEmail !== inv.email)
        throw new DomainError("forbidden", { messageKey: "invite.errors.wrongAccount" });
      await holdPoint(trx, "invitation.accept");
      // Read after the invitation's lock (not joined to it: a delete that moved the invitation changed its role).
      const role = inv.role_id
        ? await trx
            .selectFrom("workspace_roles")
            .select(["id", "name", "permissions", "visibility"])
            .where("workspace_id", "=", inv.workspace_id)
            .where("id", "=", inv.role_id)
            .forKeyShare()
            .executeTakeFirst()
        : null;
      if (inv.role_id && !role) throw new DomainError("conflict", { messageKey: "invite.errors.roleChanged" });

      let user = await trx
        .selectFrom("users")
        .select(["id", "name"])
        .where("email", "=", inv.email)
        .forUpdate()
        .executeTakeFirst();
      const name = input.name?.trim() || null;
      if (!user || !user.name) {
        if (!name) throw new DomainError("invalidInput", { fieldErrors: { name: "errors.name.required" } });
        if (user) {
          await trx.updateTable("users").set({ name }).where("id", "=", user.id).execute();
          user = { ...user, name };
        } else {
          user = await trx
            .insertInto("users")
            .values({ email: inv.email, name, email_verified: new Date() })
            .returning(["id", "name"])
            .executeTakeFirstOrThrow();
        }
      }
      await trx
        .insertInto("org_members")
        .values({ org_id: inv.org_id, user_id: user.id, is_admin: false })
        .onConflict((oc) => oc.columns(["org_id", "user_id"]).doNothing())
        .execute();
      const existing = await trx
        .selectFrom("workspace_members")
        .select("user_id")
        .where("workspace_id", "=", inv.workspace_id)
        .where("user_id", "=", user.id)
        .executeTakeFirst();
      if (existing) throw new DomainError("conflict", { messageKey: "invite.errors.alreadyMember" });
      const deactivated = await trx
        .selectFrom("deactivated_members")
        .select("user_id")
        .where("workspace_id", "=", inv.workspace_id)
        .where("user_id", "=", user.id)
        .executeTakeFirst();
      if (deactivated) throw new DomainError("conflict", { messageKey: "invite.errors.deactivated" });
      await trx
        .insertInto("workspace_members")
        .values({
          workspace_id: inv.workspace_id,
          user_id: user.id,
          role: inv.role,
          // The custom role comes along; the foreign key takes the role row's key share, so a delete of the
          // role waits for this acceptance (and then moves the new member) or went first (and moved the invitation).
          role_id: inv.role_id,
          restrictions: inv.restrictions,
          invited_by: inv.invited_by,
          // The end of access set on the invitation moves to the membership with its hand-over.
          access_until: inv.access_until,
          access_until_reassign_to: inv.access_until ? inv.access_until_reassign_to : null,
        })
        .execute();
      await trx
        .updateTable("invitations")
        .set({ accepted_at: new Date(), accepted_by: user.id })
        .where("id", "=", inv.id)
        .execute();
      const untilView = inv.access_until ? accessUntilView(inv) : {};
      await audit(trx, {
        workspaceId: inv.workspace_id,
        actorId: user.id,
        action: "invitation.accepted",
        target: inv.email,
        after: {
          role: inv.role,
          ...roleView(inv.role_id, role?.name),
          restrictions: inv.restrictions,
          ...untilView,
        },
        ip: input.ip,
      });
      await enqueueWebhookEvent(trx, inv.workspace_id, "member.joined", {
        userId: user.id,
        email: inv.email,
        role: inv.role,
        ...roleView(inv.role_id, role?.name),
        restrictions: inv.restrictions,
        ...untilView,
      });
      const custom = role ?? null;
      const firstModule = firstModulePath({ role: inv.role, restrictions: inv.restrictions, custom }) ?? "";
      return {
        userId: user.id,
        email: inv.email,
        name: user.name,
        workspaceId: inv.workspace_id,
        path: `/w/${inv.workspace_id}/${firstModule}`,
      };
    })
    .catch((e: unknown) => {
      if (roleGone(e)) throw new DomainError("conflict", { messageKey: "invite.errors.roleChanged" });
      throw e;
    });
  kickWebhooks();
  return accepted;
}
