import { randomBytes } from "node:crypto";
import type { Db } from "@/db/connect";
import { has, HAS_WORKSPACE, type Cap } from "./expectations";
import type { ActionOutcome } from "./support/actions";
import type { ActorKey, HttpContext } from "./support/context";
import {
  freshContact,
  freshDeactivated,
  freshInvitation,
  freshMember,
  freshSnippet,
  freshRole,
  freshTeam,
  freshWebhook,
  freshTotp,
  dropTotp,
  freshPasskey,
  freshChallenge,
  dropPasskeys,
  HOOK_URL,
  openSession,
  PNG_1X1,
  putAvatar,
} from "./support/fixtures";
import type { RawResponse } from "./support/http";
import { startIdp, type TestIdp } from "../helpers/oidc-idp";

// Every server action, with a valid input builder and a database check of its write.
// The expected outcome per actor is read from expectations.ts (docs/PERMISSIONS.md by hand) and the
// finer rules written here (Managers manage Agents only; nobody edits or revokes themselves).

export type Expect = "allow" | "deny" | "conflict";

export interface CaseEnv {
  db: Db;
  ctx: HttpContext;
  actor: ActorKey;
  /** The actor's user id (null when anonymous). */
  userId: string | null;
}

export interface Prepared {
  /** Path parameters of the page the action is posted to. */
  params?: Record<string, string>;
  args: unknown[] | { multipart: FormData };
  /** Did the write happen? (absent for read-only actions: `ok:true` is the proof). */
  wrote?: (res: RawResponse, outcome: ActionOutcome) => Promise<boolean>;
  /** Undo what an allowed call created, when it would change later expectations. */
  cleanup?: () => Promise<void>;
}

export interface ActionCase {
  /** Display key: the export name, plus a variant in brackets. */
  key: string;
  file: string;
  exportName: string;
  expect: (actor: ActorKey) => Expect;
  prepare: (env: CaseEnv) => Promise<Prepared>;
  /** Only with honest claims (its outcome depends on earlier runs of itself). */
  honestOnly?: boolean;
}

const tag = () => randomBytes(4).toString("hex");

/** The made-up domain the suite's server verifies without DNS (global-setup.ts, SSO_TRUSTED_TEST_DOMAINS). */
export const TRUSTED_SSO_DOMAIN = "trusted-sso.example";
let idp: Promise<TestIdp> | null = null;
/** One real OpenID provider for the whole run (unref'd: it never keeps the process alive). */
const suiteIdp = (ctx: HttpContext) => (idp ??= startIdp({ redirectUri: `${ctx.base}/api/sso/callback`, unref: true }));
async function ssoDomain(db: Db, orgId: string, domain: string, verified: boolean): Promise<string> {
  const row = await db
    .insertInto("org_sso_domains")
    .values({ org_id: orgId, domain, verification_token: tag(), verified_at: verified ? new Date() : null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
const by =
  (...caps: Cap[]) =>
  (actor: ActorKey): Expect =>
    has(actor, ...caps) ? "allow" : "deny";
const W = "app/w/[workspaceId]";
/** A Support member's own contact (visible whatever their visibility), else an unassigned one. */
const ownContact = (env: CaseEnv) =>
  freshContact(env.db, env.ctx.support, has(env.actor, "member") ? env.userId : null);

async function exists(q: Promise<unknown>): Promise<boolean> {
  return (await q) !== undefined;
}

/** Another open session (another browser) of this user, or of the Owner for an anonymous caller; its row id. */
async function otherSession(env: CaseEnv, userId = env.userId ?? env.ctx.actors.owner.userId): Promise<string> {
  const { hashSessionId } = await import("@/db/session-rows");
  const sid = await openSession(env.db, userId, "HTTP other browser");
  return (
    await env.db
      .selectFrom("user_sessions")
      .select("id")
      .where("token_hash", "=", hashSessionId(sid))
      .executeTakeFirstOrThrow()
  ).id;
}
const sessionEnded = async (db: Db, id: string) =>
  (await db.selectFrom("user_sessions").select("ended_at").where("id", "=", id).executeTakeFirstOrThrow()).ended_at !==
  null;

const avatarOf = (db: Db, userId: string | null) =>
  userId
    ? db.selectFrom("user_avatars").select("user_id").where("user_id", "=", userId).executeTakeFirst()
    : Promise.resolve(undefined);

export const ACTION_CASES: ActionCase[] = [
  // ---------------------------------------------------------------- own account
  {
    key: "saveProfile",
    file: "app/account/actions.ts",
    exportName: "saveProfile",
    expect: by("signedIn"),
    async prepare({ db }) {
      const name = `Renamed ${tag()}`;
      return {
        args: [{ name, locale: "en" }],
        wrote: async () => exists(db.selectFrom("users").select("id").where("name", "=", name).executeTakeFirst()),
      };
    },
  },
  {
    key: "uploadAvatar",
    file: "app/account/actions.ts",
    exportName: "uploadAvatar",
    expect: by("signedIn"),
    async prepare({ db, userId }) {
      if (userId) await db.deleteFrom("user_avatars").where("user_id", "=", userId).execute();
      // As React's encodeReply writes it: the FormData argument's entries first, the root ("0") last.
      const form = new FormData();
      form.append("_1_avatar", new Blob([new Uint8Array(PNG_1X1)], { type: "image/png" }), "avatar.png");
      form.set("0", '["$K1"]');
      return { args: { multipart: form }, wrote: async () => exists(avatarOf(db, userId)) };
    },
  },
  {
    key: "deleteAvatar",
    file: "app/account/actions.ts",
    exportName: "deleteAvatar",
    expect: by("signedIn"),
    async prepare({ db, userId }) {
      if (userId) await putAvatar(db, userId);
      return { args: [], wrote: async () => userId !== null && !(await exists(avatarOf(db, userId))) };
    },
  },
  {
    // Another session of the actor's own (the current one is refused: Sign out instead).
    key: "endSessionAction",
    file: "app/account/actions.ts",
    exportName: "endSessionAction",
    expect: by("signedIn"),
    async prepare(env) {
      const id = await otherSession(env);
      return { args: [{ sessionId: id }], wrote: () => sessionEnded(env.db, id) };
    },
  },
  {
    // Every other session of the actor; the one this cookie names stays open.
    key: "endOtherSessionsAction",
    file: "app/account/actions.ts",
    exportName: "endOtherSessionsAction",
    expect: by("signedIn"),
    async prepare(env) {
      const id = await otherSession(env);
      return { args: [{}], wrote: () => sessionEnded(env.db, id) };
    },
  },
  {
    // The one action open to everyone (the sign-in page has a language menu).
    key: "setLocale",
    file: "app/actions/locale.ts",
    exportName: "setLocale",
    expect: () => "allow",
    async prepare({ db, userId }) {
      if (userId) await db.updateTable("users").set({ locale: null }).where("id", "=", userId).execute();
      return {
        args: ["ar"],
        wrote: async (res) => {
          if (!/(^|[,\s])locale=ar/.test(String(res.headers["set-cookie"] ?? ""))) return false;
          if (!userId) return true;
          const row = await db.selectFrom("users").select("locale").where("id", "=", userId).executeTakeFirstOrThrow();
          return row.locale === "ar";
        },
      };
    },
  },
  {
    // The token is the credential (it proves control of the invited mailbox): a visitor
    // signed out may accept; anyone signed in as another address is refused (docs/PRODUCT.md, Users page).
    key: "acceptInvitationAction[someone else's invitation]",
    file: "app/invite/[token]/actions.ts",
    exportName: "acceptInvitationAction",
    expect: (actor) => (actor === "anonymous" ? "allow" : "deny"),
    async prepare({ db, ctx }) {
      const inv = await freshInvitation(db, ctx.support, ctx.actors.owner.userId);
      return {
        params: { token: inv.token },
        args: [{ token: inv.token, name: "Invited Person" }],
        wrote: async () =>
          exists(
            db
              .selectFrom("invitations")
              .select("id")
              .where("id", "=", inv.id)
              .where("accepted_at", "is not", null)
              .executeTakeFirst(),
          ),
      };
    },
  },
  // ---------------------------------------------------------------- two-step sign-in (own account)
  {
    // A new secret, not yet a factor (shown once as a QR code and as text).
    key: "beginTotpSetupAction",
    file: "app/account/two-step-actions.ts",
    exportName: "beginTotpSetupAction",
    expect: by("signedIn"),
    async prepare({ db, userId }) {
      await dropTotp(db, userId);
      return {
        args: [{}],
        wrote: async () =>
          userId !== null &&
          (await exists(db.selectFrom("user_totp").select("user_id").where("user_id", "=", userId).executeTakeFirst())),
        cleanup: () => dropTotp(db, userId),
      };
    },
  },
  {
    // The first code from the app (computed here) confirms it; ten recovery codes are made.
    key: "confirmTotpAction",
    file: "app/account/two-step-actions.ts",
    exportName: "confirmTotpAction",
    expect: by("signedIn"),
    async prepare({ db, ctx, userId }) {
      const { generate } = await import("otplib");
      const secret = await freshTotp(db, ctx.secret, userId ?? ctx.actors.owner.userId, false);
      return {
        args: [{ code: await generate({ secret }) }],
        wrote: async () =>
          userId !== null &&
          (await exists(
            db
              .selectFrom("user_totp")
              .select("user_id")
              .where("user_id", "=", userId)
              .where("confirmed_at", "is not", null)
              .executeTakeFirst(),
          )),
        cleanup: () => dropTotp(db, userId ?? ctx.actors.owner.userId),
      };
    },
  },
  {
    key: "regenerateRecoveryCodesAction",
    file: "app/account/two-step-actions.ts",
    exportName: "regenerateRecoveryCodesAction",
    expect: by("signedIn"),
    async prepare({ db, ctx, userId }) {
      const { generate } = await import("otplib");
      const owner = userId ?? ctx.actors.owner.userId;
      const secret = await freshTotp(db, ctx.secret, owner, true);
      return {
        args: [{ code: await generate({ secret }) }],
        wrote: async () =>
          userId !== null &&
          (await exists(db.selectFrom("recovery_codes").select("id").where("user_id", "=", userId).executeTakeFirst())),
        cleanup: () => dropTotp(db, owner),
      };
    },
  },
  {
    key: "removeTotpAction",
    file: "app/account/two-step-actions.ts",
    exportName: "removeTotpAction",
    expect: by("signedIn"),
    async prepare({ db, ctx, userId }) {
      const { generate } = await import("otplib");
      const owner = userId ?? ctx.actors.owner.userId;
      const secret = await freshTotp(db, ctx.secret, owner, true);
      return {
        args: [{ code: await generate({ secret }) }],
        wrote: async () =>
          !(await exists(db.selectFrom("user_totp").select("user_id").where("user_id", "=", owner).executeTakeFirst())),
        cleanup: () => dropTotp(db, owner),
      };
    },
  },
  {
    // /signin/verify: the actor's own session is made pending here (as a sign-in of a user with a
    // factor would), so a signed-in actor passes it with a computed code; put back afterwards.
    key: "verifySecondFactorAction",
    file: "app/(auth)/signin/verify/actions.ts",
    exportName: "verifySecondFactorAction",
    expect: by("signedIn"),
    async prepare({ db, ctx, actor, userId }) {
      const { generate } = await import("otplib");
      const { hashSessionId } = await import("@/db/session-rows");
      const owner = userId ?? ctx.actors.owner.userId;
      const tokenHash = hashSessionId(actor === "anonymous" ? ctx.actors.owner.sid : ctx.actors[actor].sid);
      const secret = await freshTotp(db, ctx.secret, owner, true);
      await db
        .updateTable("user_sessions")
        .set({ second_factor: "pending" })
        .where("token_hash", "=", tokenHash)
        .execute();
      return {
        args: [{ code: await generate({ secret }), callbackUrl: "/account" }],
        wrote: async () =>
          (
            await db
              .selectFrom("user_sessions")
              .select("second_factor")
              .where("token_hash", "=", tokenHash)
              .executeTakeFirstOrThrow()
          ).second_factor === "passed",
        cleanup: async () => {
          await db
            .updateTable("user_sessions")
            .set({ second_factor: null })
            .where("token_hash", "=", tokenHash)
            .execute();
          await dropTotp(db, owner);
        },
      };
    },
  },
  // ---------------------------------------------------------------- passkeys (own account, /signin/verify)
  {
    // A challenge stored by the server (hashed) for the actor's own registration.
    key: "beginPasskeyRegistrationAction",
    file: "app/account/passkey-actions.ts",
    exportName: "beginPasskeyRegistrationAction",
    expect: by("signedIn"),
    async prepare({ db, userId }) {
      await dropPasskeys(db, userId);
      return {
        args: [{}],
        wrote: async () =>
          userId !== null &&
          (await exists(
            db
              .selectFrom("webauthn_challenges")
              .select("user_id")
              .where("user_id", "=", userId)
              .where("purpose", "=", "register")
              .executeTakeFirst(),
          )),
        cleanup: () => dropPasskeys(db, userId),
      };
    },
  },
  {
    // A software authenticator answers a stored challenge for the server's origin and RP ID.
    key: "finishPasskeyRegistrationAction",
    file: "app/account/passkey-actions.ts",
    exportName: "finishPasskeyRegistrationAction",
    expect: by("signedIn"),
    async prepare({ db, ctx, userId }) {
      const { register, softAuthenticator } = await import("../helpers/webauthn");
      const owner = userId ?? ctx.actors.owner.userId;
      const challenge = await freshChallenge(db, owner, "register");
      const key = softAuthenticator();
      const url = new URL(ctx.base);
      return {
        args: [{ name: "Laptop", response: register(key, { challenge, origin: url.origin, rpID: url.hostname }) }],
        wrote: async () =>
          userId !== null &&
          (await exists(
            db
              .selectFrom("user_passkeys")
              .select("id")
              .where("user_id", "=", userId)
              .where("credential_id", "=", key.credentialId)
              .executeTakeFirst(),
          )),
        cleanup: () => dropPasskeys(db, owner),
      };
    },
  },
  {
    // Two passkeys, one removed: not the last factor, so no recovery code is needed.
    key: "removePasskeyAction",
    file: "app/account/passkey-actions.ts",
    exportName: "removePasskeyAction",
    expect: by("signedIn"),
    async prepare({ db, ctx, userId }) {
      const owner = userId ?? ctx.actors.owner.userId;
      const { id } = await freshPasskey(db, owner);
      await freshPasskey(db, owner);
      return {
        args: [{ id }],
        wrote: async () =>
          !(await exists(db.selectFrom("user_passkeys").select("id").where("id", "=", id).executeTakeFirst())),
        cleanup: () => dropPasskeys(db, owner),
      };
    },
  },
  {
    // /signin/verify: the actor's session made pending (as for verifySecondFactorAction), a passkey of theirs.
    key: "beginPasskeySignInAction",
    file: "app/(auth)/signin/verify/actions.ts",
    exportName: "beginPasskeySignInAction",
    expect: by("signedIn"),
    async prepare({ db, ctx, actor, userId }) {
      const { hashSessionId } = await import("@/db/session-rows");
      const owner = userId ?? ctx.actors.owner.userId;
      const tokenHash = hashSessionId(actor === "anonymous" ? ctx.actors.owner.sid : ctx.actors[actor].sid);
      await freshPasskey(db, owner);
      await db
        .updateTable("user_sessions")
        .set({ second_factor: "pending" })
        .where("token_hash", "=", tokenHash)
        .execute();
      return {
        args: [{}],
        wrote: async () =>
          userId !== null &&
          (await exists(
            db
              .selectFrom("webauthn_challenges")
              .select("user_id")
              .where("user_id", "=", userId)
              .where("purpose", "=", "authenticate")
              .executeTakeFirst(),
          )),
        cleanup: async () => {
          await db
            .updateTable("user_sessions")
            .set({ second_factor: null })
            .where("token_hash", "=", tokenHash)
            .execute();
          await dropPasskeys(db, owner);
        },
      };
    },
  },
  {
    // The pending session passes with a software authenticator's assertion for a stored challenge.
    key: "verifyPasskeyAction",
    file: "app/(auth)/signin/verify/actions.ts",
    exportName: "verifyPasskeyAction",
    expect: by("signedIn"),
    async prepare({ db, ctx, actor, userId }) {
      const { authenticate } = await import("../helpers/webauthn");
      const { hashSessionId } = await import("@/db/session-rows");
      const owner = userId ?? ctx.actors.owner.userId;
      const tokenHash = hashSessionId(actor === "anonymous" ? ctx.actors.owner.sid : ctx.actors[actor].sid);
      const { key } = await freshPasskey(db, owner);
      const challenge = await freshChallenge(db, owner, "authenticate");
      await db
        .updateTable("user_sessions")
        .set({ second_factor: "pending" })
        .where("token_hash", "=", tokenHash)
        .execute();
      const url = new URL(ctx.base);
      return {
        args: [
          {
            response: authenticate(key, { challenge, origin: url.origin, rpID: url.hostname }),
            callbackUrl: "/account",
          },
        ],
        wrote: async () =>
          (
            await db
              .selectFrom("user_sessions")
              .select("second_factor")
              .where("token_hash", "=", tokenHash)
              .executeTakeFirstOrThrow()
          ).second_factor === "passed",
        cleanup: async () => {
          await db
            .updateTable("user_sessions")
            .set({ second_factor: null })
            .where("token_hash", "=", tokenHash)
            .execute();
          await dropPasskeys(db, owner);
        },
      };
    },
  },
  // ---------------------------------------------------------------- organization
  {
    // Switching it on needs a factor of the admin's own (lock-out refusal): every actor gets one
    // for the call; the policy and the factor are put back afterwards so later cases are unaffected.
    key: "saveTwoFactorPolicyAction",
    file: "app/org/[orgId]/settings/two-step/actions.ts",
    exportName: "saveTwoFactorPolicyAction",
    expect: by("orgAdmin"),
    async prepare({ db, ctx, userId }) {
      if (userId) await freshTotp(db, ctx.secret, userId, true);
      const policy = (on: boolean) =>
        db.updateTable("organizations").set({ require_two_factor: on }).where("id", "=", ctx.org).execute();
      await policy(false);
      return {
        args: [ctx.org, { required: true }],
        wrote: async () =>
          (
            await db
              .selectFrom("organizations")
              .select("require_two_factor")
              .where("id", "=", ctx.org)
              .executeTakeFirstOrThrow()
          ).require_two_factor,
        cleanup: async () => {
          await policy(false);
          await dropTotp(db, userId);
        },
      };
    },
  },
  {
    // A person of the organization (never the actor): all their sessions end.
    key: "signOutMemberEverywhereAction",
    file: "app/org/[orgId]/settings/users/actions.ts",
    exportName: "signOutMemberEverywhereAction",
    expect: by("orgAdmin"),
    async prepare(env) {
      const target = await freshMember(env.db, env.ctx, env.ctx.support);
      const id = await otherSession(env, target);
      return { args: [env.ctx.org, { userId: target }], wrote: () => sessionEnded(env.db, id) };
    },
  },
  {
    // A list that allows every address: it changes the row without locking out the later cases.
    key: "saveIpAllowlistAction",
    file: "app/org/[orgId]/settings/network/actions.ts",
    exportName: "saveIpAllowlistAction",
    expect: by("orgAdmin"),
    async prepare({ db, ctx }) {
      await db.updateTable("organizations").set({ ip_allowlist: [] }).where("id", "=", ctx.org).execute();
      return {
        args: [ctx.org, { ranges: "0.0.0.0/0\n::/0" }],
        wrote: async () => {
          const row = await db
            .selectFrom("organizations")
            .select("ip_allowlist")
            .where("id", "=", ctx.org)
            .executeTakeFirst();
          return (row?.ip_allowlist.length ?? 0) > 0;
        },
      };
    },
  },
  // Single sign-on (docs/SECURITY.md). The suite's server has SSO_ENCRYPTION_KEY and trusts the
  // made-up domain TRUSTED_SSO_DOMAIN (SSO_TRUSTED_TEST_DOMAINS, honoured with MAIL_OUTBOX=1 only).
  {
    // The issuer is a real oidc-provider started by this process; each case starts from no configuration.
    key: "saveSsoConfigAction",
    file: "app/org/[orgId]/settings/sso/actions.ts",
    exportName: "saveSsoConfigAction",
    expect: by("orgAdmin"),
    async prepare({ db, ctx }) {
      const idp = await suiteIdp(ctx);
      await db.deleteFrom("org_sso_configs").where("org_id", "=", ctx.org).execute();
      const input = { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, enabled: false };
      return {
        args: [ctx.org, { ...input, defaultWorkspaceId: "", defaultRole: "" }],
        wrote: () =>
          exists(db.selectFrom("org_sso_configs").select("org_id").where("org_id", "=", ctx.org).executeTakeFirst()),
      };
    },
  },
  {
    key: "addSsoDomainAction",
    file: "app/org/[orgId]/settings/sso/actions.ts",
    exportName: "addSsoDomainAction",
    expect: by("orgAdmin"),
    async prepare({ db, ctx }) {
      // The other SSO cases leave rows behind; an org may have at most 50 domains.
      await db.deleteFrom("org_sso_domains").where("org_id", "=", ctx.org).execute();
      const domain = `d${tag()}.example`;
      return {
        args: [ctx.org, { domain }],
        wrote: () =>
          exists(db.selectFrom("org_sso_domains").select("id").where("domain", "=", domain).executeTakeFirst()),
      };
    },
  },
  {
    key: "verifySsoDomainAction",
    file: "app/org/[orgId]/settings/sso/actions.ts",
    exportName: "verifySsoDomainAction",
    expect: by("orgAdmin"),
    async prepare({ db, ctx }) {
      await db.deleteFrom("org_sso_domains").where("domain", "=", TRUSTED_SSO_DOMAIN).execute();
      const id = await ssoDomain(db, ctx.org, TRUSTED_SSO_DOMAIN, false);
      return {
        args: [ctx.org, { domainId: id }],
        wrote: async () =>
          (await db.selectFrom("org_sso_domains").select("verified_at").where("id", "=", id).executeTakeFirst())
            ?.verified_at != null,
      };
    },
  },
  {
    key: "removeSsoDomainAction",
    file: "app/org/[orgId]/settings/sso/actions.ts",
    exportName: "removeSsoDomainAction",
    expect: by("orgAdmin"),
    async prepare({ db, ctx }) {
      const id = await ssoDomain(db, ctx.org, `r${tag()}.example`, false);
      return {
        args: [ctx.org, { domainId: id }],
        wrote: async () =>
          !(await exists(db.selectFrom("org_sso_domains").select("id").where("id", "=", id).executeTakeFirst())),
      };
    },
  },
  {
    key: "setSsoRequiredAction",
    file: "app/org/[orgId]/settings/sso/actions.ts",
    exportName: "setSsoRequiredAction",
    expect: by("orgAdmin"),
    async prepare({ db, ctx }) {
      const id = await ssoDomain(db, ctx.org, `q${tag()}.example`, true);
      return {
        args: [ctx.org, { domainId: id, required: true }],
        wrote: async () =>
          (await db.selectFrom("org_sso_domains").select("require_sso").where("id", "=", id).executeTakeFirst())
            ?.require_sso === true,
      };
    },
  },
  {
    key: "createWorkspaceAction",
    file: "app/org/[orgId]/settings/workspaces/actions.ts",
    exportName: "createWorkspaceAction",
    expect: by("orgAdmin"),
    async prepare({ db, ctx }) {
      const name = `HTTP workspace ${tag()}`;
      return {
        args: [ctx.org, { name }],
        wrote: async () =>
          exists(
            db
              .selectFrom("workspaces")
              .select("id")
              .where("org_id", "=", ctx.org)
              .where("name", "=", name)
              .executeTakeFirst(),
          ),
        // The creator becomes its Owner: remove it, or the actor would no longer be "without a workspace".
        cleanup: async () =>
          void (await db.deleteFrom("workspaces").where("org_id", "=", ctx.org).where("name", "=", name).execute()),
      };
    },
  },
  // ---------------------------------------------------------------- contacts
  {
    key: "updateContactAction",
    file: `${W}/contacts/actions.ts`,
    exportName: "updateContactAction",
    expect: by("contacts"),
    async prepare(env) {
      const contactId = await ownContact(env);
      const name = `Edited ${tag()}`;
      return {
        params: { contactId },
        args: [env.ctx.support, { contactId, name, email: "", phone: "" }],
        wrote: async () =>
          exists(
            env.db
              .selectFrom("contacts")
              .select("id")
              .where("id", "=", contactId)
              .where("name", "=", name)
              .executeTakeFirst(),
          ),
      };
    },
  },
  {
    key: "assignContactAction",
    file: `${W}/contacts/actions.ts`,
    exportName: "assignContactAction",
    expect: by("contacts"),
    async prepare(env) {
      const contactId = await ownContact(env);
      const mine = has(env.actor, "member");
      // A member unassigns their own contact; anyone else tries to take an unassigned one for the Owner.
      const assigneeId = mine ? null : env.ctx.actors.owner.userId;
      return {
        params: { contactId },
        args: [env.ctx.support, { contactId, assigneeId }],
        wrote: async () => {
          const row = await env.db
            .selectFrom("contacts")
            .select("assignee_id")
            .where("id", "=", contactId)
            .executeTakeFirstOrThrow();
          return row.assignee_id === assigneeId;
        },
      };
    },
  },
  {
    key: "deleteContactAction",
    file: `${W}/contacts/actions.ts`,
    exportName: "deleteContactAction",
    expect: by("contactDelete"),
    async prepare(env) {
      const contactId = await ownContact(env);
      return {
        params: { contactId },
        args: [env.ctx.support, { contactId }],
        wrote: async () =>
          !(await exists(env.db.selectFrom("contacts").select("id").where("id", "=", contactId).executeTakeFirst())),
      };
    },
  },
  {
    key: "searchContactAssignees",
    file: `${W}/contacts/actions.ts`,
    exportName: "searchContactAssignees",
    expect: by("contacts"),
    async prepare({ ctx }) {
      return { params: { contactId: ctx.contacts.unassigned }, args: [ctx.support, { q: "" }] };
    },
  },
  {
    key: "contactAudienceAction",
    file: `${W}/contacts/actions.ts`,
    exportName: "contactAudienceAction",
    expect: by("audience"),
    async prepare({ ctx }) {
      return {
        params: { contactId: ctx.contacts.unassigned },
        args: [ctx.support, { contactId: ctx.contacts.unassigned }],
      };
    },
  },
  {
    key: "contactAudienceWhyAction",
    file: `${W}/contacts/actions.ts`,
    exportName: "contactAudienceWhyAction",
    expect: by("audience"),
    async prepare({ ctx }) {
      return {
        params: { contactId: ctx.contacts.team },
        args: [ctx.support, { contactId: ctx.contacts.team, userId: ctx.teammate }],
      };
    },
  },
  // ---------------------------------------------------------------- availability (the user menu)
  {
    key: "setAvailabilityAction",
    file: `${W}/actions.ts`,
    exportName: "setAvailabilityAction",
    // Every member sets their own status; nothing else is needed.
    expect: by("member"),
    async prepare({ db, ctx, userId }) {
      const read = async () =>
        userId
          ? (
              await db
                .selectFrom("workspace_members")
                .select("availability")
                .where("workspace_id", "=", ctx.support)
                .where("user_id", "=", userId)
                .executeTakeFirst()
            )?.availability
          : undefined;
      // Start from Available, so an allowed call always changes something.
      if (userId)
        await db
          .updateTable("workspace_members")
          .set({ availability: "available" })
          .where("workspace_id", "=", ctx.support)
          .where("user_id", "=", userId)
          .execute();
      return {
        args: [ctx.support, { availability: "away" }],
        wrote: async () => (await read()) === "away",
        cleanup: async () => {
          if (userId)
            await db
              .updateTable("workspace_members")
              .set({ availability: "available" })
              .where("workspace_id", "=", ctx.support)
              .where("user_id", "=", userId)
              .execute();
        },
      };
    },
  },
  // ---------------------------------------------------------------- inbox
  {
    key: "sendMessageAction",
    file: `${W}/inbox/actions.ts`,
    exportName: "sendMessageAction",
    expect: by("inbox"),
    async prepare(env) {
      const contactId = await ownContact(env);
      const body = `Reply ${tag()}`;
      return {
        args: [env.ctx.support, { contactId, body }],
        wrote: async () =>
          exists(
            env.db
              .selectFrom("messages")
              .select("id")
              .where("contact_id", "=", contactId)
              .where("body", "=", body)
              .executeTakeFirst(),
          ),
      };
    },
  },
  {
    key: "setConversationStatusAction",
    file: `${W}/inbox/actions.ts`,
    exportName: "setConversationStatusAction",
    expect: by("inbox"),
    async prepare(env) {
      const contactId = await ownContact(env);
      return {
        args: [env.ctx.support, { contactId, status: "closed" }],
        wrote: async () =>
          (
            await env.db
              .selectFrom("conversations")
              .select("status")
              .where("contact_id", "=", contactId)
              .executeTakeFirstOrThrow()
          ).status === "closed",
      };
    },
  },
  {
    key: "assignConversationAction",
    file: `${W}/inbox/actions.ts`,
    exportName: "assignConversationAction",
    expect: by("inbox"),
    async prepare(env) {
      const contactId = await ownContact(env);
      const assigneeId = has(env.actor, "member") ? null : env.ctx.actors.owner.userId;
      return {
        args: [env.ctx.support, { contactId, assigneeId }],
        wrote: async () =>
          (
            await env.db
              .selectFrom("contacts")
              .select("assignee_id")
              .where("id", "=", contactId)
              .executeTakeFirstOrThrow()
          ).assignee_id === assigneeId,
      };
    },
  },
  {
    key: "searchInboxAssignees",
    file: `${W}/inbox/actions.ts`,
    exportName: "searchInboxAssignees",
    expect: by("inbox"),
    async prepare({ ctx }) {
      return { args: [ctx.support, { q: "" }] };
    },
  },
  {
    key: "loadSnippetsAction",
    file: `${W}/inbox/actions.ts`,
    exportName: "loadSnippetsAction",
    expect: by("inbox", "snippets"),
    async prepare({ ctx }) {
      return { args: [ctx.support, {}] };
    },
  },
  // ---------------------------------------------------------------- settings: general
  {
    key: "renameWorkspaceAction",
    file: `${W}/settings/general/actions.ts`,
    exportName: "renameWorkspaceAction",
    expect: by("settingsManage"),
    async prepare({ db, ctx }) {
      const name = `Support ${tag()}`;
      return {
        args: [ctx.support, { name }],
        wrote: async () =>
          (await db.selectFrom("workspaces").select("name").where("id", "=", ctx.support).executeTakeFirstOrThrow())
            .name === name,
      };
    },
  },
  {
    key: "setAutoAwayAction",
    file: `${W}/settings/general/actions.ts`,
    exportName: "setAutoAwayAction",
    expect: by("settingsManage"),
    async prepare({ db, ctx }) {
      // A value of its own each run, so an allowed call always writes; put back (off) afterwards.
      const minutes = 1 + (randomBytes(1)[0] % 60);
      const read = async () =>
        (
          await db
            .selectFrom("workspaces")
            .select("auto_away_minutes")
            .where("id", "=", ctx.support)
            .executeTakeFirstOrThrow()
        ).auto_away_minutes;
      if ((await read()) === minutes)
        await db.updateTable("workspaces").set({ auto_away_minutes: null }).where("id", "=", ctx.support).execute();
      return {
        args: [ctx.support, { minutes }],
        wrote: async () => (await read()) === minutes,
        cleanup: async () => {
          await db.updateTable("workspaces").set({ auto_away_minutes: null }).where("id", "=", ctx.support).execute();
        },
      };
    },
  },
  // ---------------------------------------------------------------- settings: integrations
  {
    key: "createWebhookAction",
    file: `${W}/settings/integrations/actions.ts`,
    exportName: "createWebhookAction",
    expect: by("integrations"),
    async prepare({ db, ctx }) {
      await db.deleteFrom("webhooks").where("workspace_id", "=", ctx.support).execute(); // at most 10 per workspace
      const url = `${HOOK_URL}?t=${tag()}`;
      return {
        args: [ctx.support, { url, events: ["member.invited"] }],
        wrote: async () => exists(db.selectFrom("webhooks").select("id").where("url", "=", url).executeTakeFirst()),
      };
    },
  },
  ...(
    ["deleteWebhookAction", "setWebhookActiveAction", "rotateWebhookSecretAction", "sendTestEventAction"] as const
  ).map((exportName): ActionCase => ({
    key: exportName,
    file: `${W}/settings/integrations/actions.ts`,
    exportName,
    expect: by("integrations"),
    async prepare({ db, ctx }) {
      await db.deleteFrom("webhooks").where("workspace_id", "=", ctx.support).execute();
      const webhookId = await freshWebhook(db, ctx.support, ctx.actors.owner.userId);
      const before = await db
        .selectFrom("webhooks")
        .select(["secret"])
        .where("id", "=", webhookId)
        .executeTakeFirstOrThrow();
      const row = () =>
        db.selectFrom("webhooks").select(["active", "secret"]).where("id", "=", webhookId).executeTakeFirst();
      const wrote = {
        deleteWebhookAction: async () => (await row()) === undefined,
        setWebhookActiveAction: async () => (await row())?.active === false,
        rotateWebhookSecretAction: async () => (await row())?.secret !== before.secret,
        sendTestEventAction: async () =>
          exists(
            db.selectFrom("webhook_deliveries").select("id").where("webhook_id", "=", webhookId).executeTakeFirst(),
          ),
      }[exportName];
      return {
        args: [ctx.support, exportName === "setWebhookActiveAction" ? { webhookId, active: false } : { webhookId }],
        wrote,
      };
    },
  })),
  // ---------------------------------------------------------------- settings: snippets
  {
    key: "createSnippetAction",
    file: `${W}/settings/snippets/actions.ts`,
    exportName: "createSnippetAction",
    expect: by("settingsManage"),
    async prepare({ db, ctx }) {
      const name = `Snippet ${tag()}`;
      return {
        args: [ctx.support, { name, body: "We are on it." }],
        wrote: async () =>
          exists(
            db
              .selectFrom("snippets")
              .select("id")
              .where("workspace_id", "=", ctx.support)
              .where("name", "=", name)
              .executeTakeFirst(),
          ),
      };
    },
  },
  {
    key: "updateSnippetAction",
    file: `${W}/settings/snippets/actions.ts`,
    exportName: "updateSnippetAction",
    expect: by("settingsManage"),
    async prepare({ db, ctx }) {
      const snippetId = await freshSnippet(db, ctx.support);
      const name = `Renamed snippet ${tag()}`;
      return {
        args: [ctx.support, { snippetId, name, body: "Updated body." }],
        wrote: async () =>
          (await db.selectFrom("snippets").select("name").where("id", "=", snippetId).executeTakeFirstOrThrow())
            .name === name,
      };
    },
  },
  {
    key: "deleteSnippetAction",
    file: `${W}/settings/snippets/actions.ts`,
    exportName: "deleteSnippetAction",
    expect: by("settingsManage"),
    async prepare({ db, ctx }) {
      const snippetId = await freshSnippet(db, ctx.support);
      return {
        args: [ctx.support, { snippetId }],
        wrote: async () =>
          !(await exists(db.selectFrom("snippets").select("id").where("id", "=", snippetId).executeTakeFirst())),
      };
    },
  },
  // ---------------------------------------------------------------- settings: roles
  // canManageRoles: base level Owner with users management; of the built-in actors, the Owner ("manageAll").
  {
    key: "createRoleAction",
    file: `${W}/settings/roles/actions.ts`,
    exportName: "createRoleAction",
    expect: by("settings", "manageAll"),
    async prepare({ db, ctx }) {
      const name = `Role ${tag()}`;
      return {
        args: [ctx.support, { name, base: "agent", permissions: ["inbox.view"], visibility: "all" }],
        wrote: async () =>
          exists(
            db
              .selectFrom("workspace_roles")
              .select("id")
              .where("workspace_id", "=", ctx.support)
              .where("name", "=", name)
              .executeTakeFirst(),
          ),
      };
    },
  },
  {
    key: "duplicateRoleAction",
    file: `${W}/settings/roles/actions.ts`,
    exportName: "duplicateRoleAction",
    expect: by("settings", "manageAll"),
    async prepare({ db, ctx }) {
      const roleId = await freshRole(db, ctx.support);
      const source = await db
        .selectFrom("workspace_roles")
        .select("name")
        .where("id", "=", roleId)
        .executeTakeFirstOrThrow();
      return {
        args: [ctx.support, { roleId }],
        wrote: async () =>
          exists(
            db
              .selectFrom("workspace_roles")
              .select("id")
              .where("workspace_id", "=", ctx.support)
              .where("name", "=", `Copy of ${source.name}`)
              .executeTakeFirst(),
          ),
      };
    },
  },
  {
    key: "updateRoleAction",
    file: `${W}/settings/roles/actions.ts`,
    exportName: "updateRoleAction",
    expect: by("settings", "manageAll"),
    async prepare({ db, ctx }) {
      const roleId = await freshRole(db, ctx.support);
      const name = `Renamed role ${tag()}`;
      return {
        args: [ctx.support, { roleId, name, permissions: ["inbox.view"], visibility: "self" }],
        wrote: async () =>
          (await db.selectFrom("workspace_roles").select("name").where("id", "=", roleId).executeTakeFirstOrThrow())
            .name === name,
      };
    },
  },
  {
    key: "deleteRoleAction",
    file: `${W}/settings/roles/actions.ts`,
    exportName: "deleteRoleAction",
    expect: by("settings", "manageAll"),
    async prepare({ db, ctx }) {
      const roleId = await freshRole(db, ctx.support);
      return {
        args: [ctx.support, { roleId }],
        wrote: async () =>
          !(await exists(db.selectFrom("workspace_roles").select("id").where("id", "=", roleId).executeTakeFirst())),
      };
    },
  },
  // ---------------------------------------------------------------- settings: teams
  {
    key: "createTeamAction",
    file: `${W}/settings/teams/actions.ts`,
    exportName: "createTeamAction",
    expect: by("settingsManage"),
    async prepare({ db, ctx }) {
      const name = `Team ${tag()}`;
      return {
        args: [ctx.support, { name }],
        wrote: async () =>
          exists(
            db
              .selectFrom("teams")
              .select("id")
              .where("workspace_id", "=", ctx.support)
              .where("name", "=", name)
              .executeTakeFirst(),
          ),
      };
    },
  },
  {
    key: "renameTeamAction",
    file: `${W}/settings/teams/actions.ts`,
    exportName: "renameTeamAction",
    expect: by("settingsManage"),
    async prepare({ db, ctx }) {
      const teamId = await freshTeam(db, ctx.support);
      const name = `Renamed team ${tag()}`;
      return {
        args: [ctx.support, { teamId, name }],
        wrote: async () =>
          (await db.selectFrom("teams").select("name").where("id", "=", teamId).executeTakeFirstOrThrow()).name ===
          name,
      };
    },
  },
  {
    key: "deleteTeamAction",
    file: `${W}/settings/teams/actions.ts`,
    exportName: "deleteTeamAction",
    expect: by("settingsManage"),
    async prepare({ db, ctx }) {
      const teamId = await freshTeam(db, ctx.support);
      return {
        args: [ctx.support, { teamId }],
        wrote: async () =>
          !(await exists(db.selectFrom("teams").select("id").where("id", "=", teamId).executeTakeFirst())),
      };
    },
  },
  {
    key: "addTeamMemberAction",
    file: `${W}/settings/teams/actions.ts`,
    exportName: "addTeamMemberAction",
    expect: by("settingsManage"),
    async prepare({ db, ctx }) {
      const teamId = await freshTeam(db, ctx.support);
      return {
        args: [ctx.support, { teamId, userId: ctx.teammate }],
        wrote: async () =>
          exists(
            db
              .selectFrom("team_members")
              .select("user_id")
              .where("team_id", "=", teamId)
              .where("user_id", "=", ctx.teammate)
              .executeTakeFirst(),
          ),
      };
    },
  },
  {
    key: "removeTeamMemberAction",
    file: `${W}/settings/teams/actions.ts`,
    exportName: "removeTeamMemberAction",
    expect: by("settingsManage"),
    async prepare({ db, ctx }) {
      const teamId = await freshTeam(db, ctx.support);
      await db
        .insertInto("team_members")
        .values({ team_id: teamId, workspace_id: ctx.support, user_id: ctx.teammate })
        .execute();
      return {
        args: [ctx.support, { teamId, userId: ctx.teammate }],
        wrote: async () =>
          !(await exists(
            db.selectFrom("team_members").select("user_id").where("team_id", "=", teamId).executeTakeFirst(),
          )),
      };
    },
  },
  {
    key: "teamCandidatesAction",
    file: `${W}/settings/teams/actions.ts`,
    exportName: "teamCandidatesAction",
    expect: by("settingsManage"),
    async prepare({ ctx }) {
      return { args: [ctx.support, { teamId: ctx.team, q: "" }] };
    },
  },
  // ---------------------------------------------------------------- settings: users
  {
    key: "inviteUser[agent]",
    file: `${W}/settings/users/actions.ts`,
    exportName: "inviteUser",
    expect: by("manageAgents"),
    async prepare({ db, ctx }) {
      const email = `invited-${tag()}@http.test`;
      return {
        args: [ctx.support, { email, role: "agent", restrictions: ["see_self"] }],
        wrote: async () =>
          exists(db.selectFrom("invitations").select("id").where("email", "=", email).executeTakeFirst()),
      };
    },
  },
  {
    key: "inviteUser[manager]",
    file: `${W}/settings/users/actions.ts`,
    exportName: "inviteUser",
    expect: by("manageAll"),
    async prepare({ db, ctx }) {
      const email = `invited-${tag()}@http.test`;
      return {
        args: [ctx.support, { email, role: "manager", restrictions: [] }],
        wrote: async () =>
          exists(db.selectFrom("invitations").select("id").where("email", "=", email).executeTakeFirst()),
      };
    },
  },
  {
    key: "resendInvitationAction",
    file: `${W}/settings/users/actions.ts`,
    exportName: "resendInvitationAction",
    expect: by("manageAgents"),
    async prepare({ db, ctx }) {
      const inv = await freshInvitation(db, ctx.support, ctx.actors.owner.userId);
      const hash = () =>
        db.selectFrom("invitations").select("token_hash").where("id", "=", inv.id).executeTakeFirstOrThrow();
      const before = (await hash()).token_hash;
      return { args: [ctx.support, { invitationId: inv.id }], wrote: async () => (await hash()).token_hash !== before };
    },
  },
  {
    // Copy invitation link: the inviter or an Owner; here the actor sent it (Managers: an Agent's invitation).
    key: "copyInvitationLinkAction",
    file: `${W}/settings/users/actions.ts`,
    exportName: "copyInvitationLinkAction",
    expect: by("manageAgents"),
    async prepare({ db, ctx, userId }) {
      const inv = await freshInvitation(db, ctx.support, userId ?? ctx.actors.owner.userId);
      const hash = () =>
        db.selectFrom("invitations").select("token_hash").where("id", "=", inv.id).executeTakeFirstOrThrow();
      const before = (await hash()).token_hash;
      return { args: [ctx.support, { invitationId: inv.id }], wrote: async () => (await hash()).token_hash !== before };
    },
  },
  {
    key: "previewBulkInviteAction",
    file: `${W}/settings/users/actions.ts`,
    exportName: "previewBulkInviteAction",
    expect: by("manageAgents"),
    async prepare({ ctx }) {
      return {
        args: [ctx.support, { rows: [{ email: `bulk-${tag()}@http.test`, role: "agent", restrictions: [] }] }],
      };
    },
  },
  {
    key: "sendBulkInviteAction",
    file: `${W}/settings/users/actions.ts`,
    exportName: "sendBulkInviteAction",
    expect: by("manageAgents"),
    async prepare({ db, ctx }) {
      const emails = [`bulk-${tag()}@http.test`, `bulk-${tag()}@http.test`];
      return {
        args: [ctx.support, { rows: emails.map((email) => ({ email, role: "agent", restrictions: ["see_self"] })) }],
        wrote: async () =>
          (await db.selectFrom("invitations").select("id").where("email", "in", emails).execute()).length > 0,
      };
    },
  },
  ...(["agent", "manager"] as const).map((role): ActionCase => ({
    key: `cancelInvitationAction[${role}]`,
    file: `${W}/settings/users/actions.ts`,
    exportName: "cancelInvitationAction",
    expect: by(role === "agent" ? "manageAgents" : "manageAll"),
    async prepare({ db, ctx }) {
      const inv = await freshInvitation(db, ctx.support, ctx.actors.owner.userId, role);
      return {
        args: [ctx.support, { invitationId: inv.id }],
        wrote: async () =>
          exists(
            db
              .selectFrom("invitations")
              .select("id")
              .where("id", "=", inv.id)
              .where("cancelled_at", "is not", null)
              .executeTakeFirst(),
          ),
      };
    },
  })),
  ...(["agent", "manager"] as const).map((role): ActionCase => ({
    key: `updateInvitationAction[agent→${role}]`,
    file: `${W}/settings/users/actions.ts`,
    exportName: "updateInvitationAction",
    expect: by(role === "agent" ? "manageAgents" : "manageAll"),
    async prepare({ db, ctx }) {
      const inv = await freshInvitation(db, ctx.support, ctx.actors.owner.userId, "agent");
      const restrictions = role === "agent" ? ["see_self"] : ["no_export"];
      return {
        args: [ctx.support, { invitationId: inv.id, role, restrictions }],
        wrote: async () => {
          const row = await db
            .selectFrom("invitations")
            .select(["role", "restrictions"])
            .where("id", "=", inv.id)
            .executeTakeFirstOrThrow();
          return row.role === role && row.restrictions.join() === restrictions.join();
        },
      };
    },
  })),
  ...(["agent", "manager"] as const).map((role): ActionCase => ({
    key: `updateMemberAccessAction[${role} target]`,
    file: `${W}/settings/users/actions.ts`,
    exportName: "updateMemberAccessAction",
    expect: by(role === "agent" ? "manageAgents" : "manageAll"),
    async prepare({ db, ctx }) {
      const target = await freshMember(db, ctx, ctx.support, role);
      const restrictions = role === "agent" ? ["see_team"] : ["no_export"];
      return {
        args: [ctx.support, { userId: target, role, restrictions }],
        wrote: async () => {
          const row = await db
            .selectFrom("workspace_members")
            .select("restrictions")
            .where("workspace_id", "=", ctx.support)
            .where("user_id", "=", target)
            .executeTakeFirstOrThrow();
          return row.restrictions.join() === restrictions.join();
        },
      };
    },
  })),
  {
    // "Nobody edits their own access" — not even an Owner.
    key: "updateMemberAccessAction[self]",
    file: `${W}/settings/users/actions.ts`,
    exportName: "updateMemberAccessAction",
    expect: () => "deny",
    async prepare({ db, ctx, userId }) {
      const target = userId ?? ctx.actors.owner.userId;
      const version = () =>
        db
          .selectFrom("workspace_members")
          .select("version")
          .where("workspace_id", "=", ctx.support)
          .where("user_id", "=", target)
          .executeTakeFirst();
      const before = (await version())?.version;
      return {
        args: [ctx.support, { userId: target, role: "owner", restrictions: [] }],
        wrote: async () => (await version())?.version !== before,
      };
    },
  },
  ...(["agent", "manager"] as const).map((role): ActionCase => ({
    key: `revokeMemberAction[${role} target]`,
    file: `${W}/settings/users/actions.ts`,
    exportName: "revokeMemberAction",
    expect: by(role === "agent" ? "manageAgents" : "manageAll"),
    async prepare({ db, ctx }) {
      const target = await freshMember(db, ctx, ctx.support, role);
      return {
        args: [ctx.support, { userId: target, reassignTo: null }],
        wrote: async () =>
          !(await exists(
            db
              .selectFrom("workspace_members")
              .select("user_id")
              .where("workspace_id", "=", ctx.support)
              .where("user_id", "=", target)
              .executeTakeFirst(),
          )),
      };
    },
  })),
  {
    key: "revokeMemberAction[self]",
    file: `${W}/settings/users/actions.ts`,
    exportName: "revokeMemberAction",
    expect: () => "deny",
    async prepare({ db, ctx, userId }) {
      const target = userId ?? ctx.actors.owner.userId;
      const member = () =>
        db
          .selectFrom("workspace_members")
          .select("user_id")
          .where("workspace_id", "=", ctx.support)
          .where("user_id", "=", target)
          .executeTakeFirst();
      const before = await exists(member());
      return {
        args: [ctx.support, { userId: target, reassignTo: null }],
        wrote: async () => before && !(await exists(member())),
      };
    },
  },
  {
    // Access until a date: the end date travels with the Add dialog's invitation.
    key: "inviteUser[agent, access until]",
    file: `${W}/settings/users/actions.ts`,
    exportName: "inviteUser",
    expect: by("manageAgents"),
    async prepare({ db, ctx }) {
      const email = `temp-${tag()}@http.test`;
      const at = new Date(Date.now() + 10 * 86_400_000).toISOString();
      return {
        args: [ctx.support, { email, role: "agent", restrictions: [], accessUntil: { at, reassignTo: null } }],
        wrote: async () =>
          exists(
            db
              .selectFrom("invitations")
              .select("id")
              .where("email", "=", email)
              .where("access_until", "is not", null)
              .executeTakeFirst(),
          ),
      };
    },
  },
  {
    key: "updateMemberAccessAction[agent target, access until]",
    file: `${W}/settings/users/actions.ts`,
    exportName: "updateMemberAccessAction",
    expect: by("manageAgents"),
    async prepare({ db, ctx }) {
      const target = await freshMember(db, ctx, ctx.support, "agent");
      const at = new Date(Date.now() + 10 * 86_400_000).toISOString();
      return {
        args: [ctx.support, { userId: target, role: "agent", restrictions: [], accessUntil: { at, reassignTo: null } }],
        wrote: async () => {
          const row = await db
            .selectFrom("workspace_members")
            .select("access_until")
            .where("workspace_id", "=", ctx.support)
            .where("user_id", "=", target)
            .executeTakeFirst();
          return row?.access_until != null;
        },
      };
    },
  },
  {
    key: "getHandoverTargets",
    file: `${W}/settings/users/actions.ts`,
    exportName: "getHandoverTargets",
    expect: by("manageAgents"),
    async prepare({ ctx }) {
      return { args: [ctx.support, { q: "", exceptUserId: ctx.teammate }] };
    },
  },
  {
    key: "explainAccessAction",
    file: `${W}/settings/users/actions.ts`,
    exportName: "explainAccessAction",
    expect: by("settings"),
    async prepare({ ctx }) {
      return { args: [ctx.support, { userId: ctx.teammate }] };
    },
  },
  {
    key: "getRevokeInfo",
    file: `${W}/settings/users/actions.ts`,
    exportName: "getRevokeInfo",
    expect: by("manageAgents"),
    async prepare({ ctx }) {
      return { args: [ctx.support, { userId: ctx.teammate, q: "" }] };
    },
  },
  ...(["agent", "manager"] as const).map((role): ActionCase => ({
    key: `deactivateMemberAction[${role} target]`,
    file: `${W}/settings/users/actions.ts`,
    exportName: "deactivateMemberAction",
    expect: by(role === "agent" ? "manageAgents" : "manageAll"),
    async prepare({ db, ctx }) {
      const target = await freshMember(db, ctx, ctx.support, role);
      return {
        args: [ctx.support, { userId: target, reassignTo: null }],
        wrote: async () =>
          exists(
            db
              .selectFrom("deactivated_members")
              .select("user_id")
              .where("workspace_id", "=", ctx.support)
              .where("user_id", "=", target)
              .executeTakeFirst(),
          ),
      };
    },
  })),
  {
    key: "deactivateMemberAction[distribute]",
    file: `${W}/settings/users/actions.ts`,
    exportName: "deactivateMemberAction",
    expect: by("manageAgents"),
    async prepare({ db, ctx }) {
      const target = await freshMember(db, ctx, ctx.support, "agent");
      const distribute = { teamId: null, memberIds: [ctx.actors.owner.userId], availableOnly: false };
      return {
        args: [ctx.support, { userId: target, reassignTo: null, distribute }],
        wrote: async () =>
          exists(
            db
              .selectFrom("deactivated_members")
              .select("user_id")
              .where("workspace_id", "=", ctx.support)
              .where("user_id", "=", target)
              .executeTakeFirst(),
          ),
      };
    },
  },
  {
    key: "bulkUsersAction[deactivate an Agent]",
    file: `${W}/settings/users/actions.ts`,
    exportName: "bulkUsersAction",
    expect: by("manageAgents"),
    async prepare({ db, ctx }) {
      const target = await freshMember(db, ctx, ctx.support, "agent");
      return {
        args: [ctx.support, { selection: { members: [target], invitations: [] }, op: { kind: "deactivate" } }],
        wrote: async () =>
          exists(
            db
              .selectFrom("deactivated_members")
              .select("user_id")
              .where("workspace_id", "=", ctx.support)
              .where("user_id", "=", target)
              .executeTakeFirst(),
          ),
      };
    },
  },
  {
    key: "previewHandoverAction",
    file: `${W}/settings/users/actions.ts`,
    exportName: "previewHandoverAction",
    expect: by("manageAgents"),
    async prepare({ ctx }) {
      const distribute = { teamId: null, memberIds: [ctx.actors.owner.userId], availableOnly: false };
      return { args: [ctx.support, { userId: ctx.teammate, distribute }] };
    },
  },
  {
    key: "deactivateMemberAction[self]",
    file: `${W}/settings/users/actions.ts`,
    exportName: "deactivateMemberAction",
    expect: () => "deny",
    async prepare({ db, ctx, userId }) {
      const target = userId ?? ctx.actors.owner.userId;
      return {
        args: [ctx.support, { userId: target, reassignTo: null }],
        wrote: async () =>
          exists(
            db
              .selectFrom("deactivated_members")
              .select("user_id")
              .where("workspace_id", "=", ctx.support)
              .where("user_id", "=", target)
              .executeTakeFirst(),
          ),
      };
    },
  },
  ...(["agent", "manager"] as const).map((role): ActionCase => ({
    key: `reactivateMemberAction[${role} target]`,
    file: `${W}/settings/users/actions.ts`,
    exportName: "reactivateMemberAction",
    expect: by(role === "agent" ? "manageAgents" : "manageAll"),
    async prepare({ db, ctx }) {
      const target = await freshDeactivated(db, ctx, ctx.support, role);
      // The matrix adds members far past the demo's 25 seats: room for this one, given back after.
      const { seat_limit } = await db
        .selectFrom("organizations")
        .select("seat_limit")
        .where("id", "=", ctx.org)
        .executeTakeFirstOrThrow();
      await db.updateTable("organizations").set({ seat_limit: 1_000_000 }).where("id", "=", ctx.org).execute();
      return {
        cleanup: async () => {
          await db.updateTable("organizations").set({ seat_limit }).where("id", "=", ctx.org).execute();
        },
        args: [ctx.support, { userId: target, giveBack: true }],
        wrote: async () =>
          exists(
            db
              .selectFrom("workspace_members")
              .select("user_id")
              .where("workspace_id", "=", ctx.support)
              .where("user_id", "=", target)
              .executeTakeFirst(),
          ),
      };
    },
  })),
  {
    key: "getReactivateInfo",
    file: `${W}/settings/users/actions.ts`,
    exportName: "getReactivateInfo",
    expect: by("manageAgents"),
    async prepare({ db, ctx }) {
      return { args: [ctx.support, { userId: await freshDeactivated(db, ctx, ctx.support) }] };
    },
  },
  // ---------------------------------------------------------------- onboarding (last: it gives the actor a workspace)
  {
    key: "createWorkspace[onboarding]",
    file: "app/onboarding/actions.ts",
    exportName: "createWorkspace",
    // For a signed-in user with no workspace; everyone else is told they already have one.
    expect: (actor) => (!has(actor, "signedIn") ? "deny" : HAS_WORKSPACE[actor] ? "conflict" : "allow"),
    honestOnly: true,
    async prepare({ db }) {
      const organizationName = `HTTP org ${tag()}`;
      return {
        args: [{ organizationName, workspaceName: "First" }],
        wrote: async () =>
          exists(db.selectFrom("organizations").select("id").where("name", "=", organizationName).executeTakeFirst()),
      };
    },
  },
];

/** Clean-up after the matrix: the Support name back (the browser suite does not use this database). */
export async function restoreSupport(db: Db, ctx: HttpContext): Promise<void> {
  await db.updateTable("workspaces").set({ name: "Support" }).where("id", "=", ctx.support).execute();
}
