import "server-only";
import { createHash } from "node:crypto";
import { sql } from "kysely";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { DbOrTrx } from "@/db";
import type { WebauthnPurpose } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { baseUrl } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/id";
import { audit } from "./audit";
import { hasSecondFactor } from "./second-factor";
import {
  countAttempt,
  ISSUER,
  markSessionPassed,
  replaceRecoveryCodes,
  spendRecoveryCode,
  type Actor,
} from "./two-factor";

// Passkeys (WebAuthn, @simplewebauthn/server v13) as a second factor (docs/SECURITY.md,
// Two-step sign-in). The relying party is the configured base URL: RP ID its hostname, the
// expected origin its origin. Challenges are made here, stored hashed for CHALLENGE_TTL, one per
// user and purpose, and deleted before the response is checked (single use, also on failure).

const CHALLENGE_TTL_SECONDS = 5 * 60;
export const MAX_PASSKEYS = 10;

export function relyingParty(): { rpID: string; origin: string } {
  const url = new URL(baseUrl());
  return { rpID: url.hostname, origin: url.origin };
}

const hashChallenge = (challenge: string) => createHash("sha256").update(challenge, "utf8").digest("hex");

async function storeChallenge(db: DbOrTrx, userId: string, purpose: WebauthnPurpose, challenge: string) {
  const row = {
    user_id: userId,
    purpose,
    challenge_hash: hashChallenge(challenge),
    expires_at: sql<Date>`now() + make_interval(secs => ${CHALLENGE_TTL_SECONDS})` as unknown as Date,
  };
  await db
    .insertInto("webauthn_challenges")
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(["user_id", "purpose"])
        .doUpdateSet({ challenge_hash: row.challenge_hash, expires_at: row.expires_at }),
    )
    .execute();
}

/** Deletes the user's challenge for the purpose; its hash when it had not expired, else null. */
async function takeChallenge(db: DbOrTrx, userId: string, purpose: WebauthnPurpose): Promise<string | null> {
  const row = await db
    .deleteFrom("webauthn_challenges")
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .returning(["challenge_hash", sql<boolean>`expires_at > now()`.as("fresh")])
    .executeTakeFirst();
  return row?.fresh ? row.challenge_hash : null;
}

const TRANSPORTS: readonly string[] = ["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"];
const knownTransports = (list: readonly string[] | undefined) =>
  (list ?? []).filter((t): t is AuthenticatorTransportFuture => TRANSPORTS.includes(t));

export interface PasskeyRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listPasskeys(db: DbOrTrx, userId: string): Promise<PasskeyRow[]> {
  const rows = await db
    .selectFrom("user_passkeys")
    .select(["id", "name", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

/** /account: options for navigator.credentials.create; the user's passkeys are excluded. */
export async function beginPasskeyRegistration(
  db: DbOrTrx,
  user: { userId: string; email: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db
    .selectFrom("user_passkeys")
    .select(["credential_id", "transports"])
    .where("user_id", "=", user.userId)
    .execute();
  if (existing.length >= MAX_PASSKEYS) throw new DomainError("conflict", { messageKey: "errors.passkey.tooMany" });
  const { rpID } = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: ISSUER,
    rpID,
    userName: user.email,
    userID: new TextEncoder().encode(user.userId),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: knownTransports(c.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await storeChallenge(db, user.userId, "register", options.challenge);
  return options;
}

const notVerified = () => new DomainError("invalidInput", { messageKey: "errors.passkey.failed" });

/**
 * Stores the new passkey when the response answers the stored challenge for this origin and
 * RP ID. The first factor of a user without recovery codes brings the ten codes (returned, shown
 * once). Audited factor.added (kind passkey).
 */
export async function finishPasskeyRegistration(
  db: DbOrTrx,
  actor: Actor,
  input: { name: string; response: RegistrationResponseJSON },
): Promise<{ id: string; recoveryCodes: string[] | null }> {
  const expected = await takeChallenge(db, actor.userId, "register");
  if (!expected) throw notVerified();
  const { origin, rpID } = relyingParty();
  let info;
  try {
    const result = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: (c) => hashChallenge(c) === expected,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: false,
    });
    if (!result.verified) throw notVerified();
    info = result.registrationInfo;
  } catch {
    throw notVerified();
  }
  const { credential } = info;
  return inTransaction(db, async (trx) => {
    const count = await trx
      .selectFrom("user_passkeys")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("user_id", "=", actor.userId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_PASSKEYS) throw new DomainError("conflict", { messageKey: "errors.passkey.tooMany" });
    const row = await trx
      .insertInto("user_passkeys")
      .values({
        user_id: actor.userId,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: knownTransports(credential.transports),
        name: input.name,
      })
      .onConflict((oc) => oc.column("credential_id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new DomainError("conflict", { messageKey: "errors.passkey.duplicate" });
    const codes = await trx
      .selectFrom("recovery_codes")
      .select("id")
      .where("user_id", "=", actor.userId)
      .where("used_at", "is", null)
      .executeTakeFirst();
    const recoveryCodes = codes ? null : await replaceRecoveryCodes(trx, actor.userId);
    await audit(trx, {
      workspaceId: null,
      actorId: actor.userId,
      action: "factor.added",
      target: actor.userId,
      after: { kind: "passkey", passkey: row.id, name: input.name },
      ip: actor.ip,
    });
    if (recoveryCodes)
      await audit(trx, {
        workspaceId: null,
        actorId: actor.userId,
        action: "recovery_codes.generated",
        target: actor.userId,
        after: { count: recoveryCodes.length },
        ip: actor.ip,
      });
    return { id: row.id, recoveryCodes };
  });
}

const notFound = () => new DomainError("notFound");

/**
 * Removing one of the user's passkeys. The last factor of any kind needs a recovery code (and
 * takes the recovery codes with it, as removing the app does). Audited factor.removed.
 */
export async function removePasskey(
  db: DbOrTrx,
  actor: Actor,
  input: { id: string; recoveryCode?: string },
): Promise<void> {
  if (!isUuid(input.id)) throw notFound();
  if (input.recoveryCode) await countAttempt(db, actor);
  await inTransaction(db, async (trx) => {
    const passkey = await trx
      .selectFrom("user_passkeys")
      .select(["id", "name"])
      .where("id", "=", input.id)
      .where("user_id", "=", actor.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!passkey) throw notFound();
    await trx.deleteFrom("user_passkeys").where("id", "=", passkey.id).execute();
    // Thrown refusals roll the delete back.
    const last = !(await hasSecondFactor(trx, actor.userId));
    if (last) {
      if (!input.recoveryCode) throw codeError("errors.passkey.lastNeedsCode");
      if (!(await spendRecoveryCode(trx, actor.userId, input.recoveryCode)))
        throw codeError("errors.twoFactor.wrongCode");
      await trx.deleteFrom("recovery_codes").where("user_id", "=", actor.userId).execute();
    }
    await audit(trx, {
      workspaceId: null,
      actorId: actor.userId,
      action: "factor.removed",
      target: actor.userId,
      before: { kind: "passkey", passkey: passkey.id, name: passkey.name },
      after: last ? { provedWith: "recovery_code" } : null,
      ip: actor.ip,
    });
  });
}

const codeError = (key: "errors.passkey.lastNeedsCode" | "errors.twoFactor.wrongCode") =>
  new DomainError("invalidInput", { fieldErrors: { recoveryCode: key }, messageKey: key });

/** /signin/verify: options for navigator.credentials.get, listing the pending user's passkeys. */
export async function beginPasskeySignIn(db: DbOrTrx, userId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await db
    .selectFrom("user_passkeys")
    .select(["credential_id", "transports"])
    .where("user_id", "=", userId)
    .execute();
  if (passkeys.length === 0) throw new DomainError("notFound", { messageKey: "errors.passkey.none" });
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    userVerification: "preferred",
    allowCredentials: passkeys.map((p) => ({ id: p.credential_id, transports: knownTransports(p.transports) })),
  });
  await storeChallenge(db, userId, "authenticate", options.challenge);
  return options;
}

/**
 * The pending session passes with a passkey of its user: the stored challenge (taken, single
 * use), origin, RP ID and signature are checked by verifyAuthenticationResponse; a counter that
 * does not grow (when the authenticator keeps one) is refused. Counted like codes; a failure is
 * audited second_factor.failed.
 */
export async function passWithPasskey(
  db: DbOrTrx,
  actor: Actor & { sessionId: string },
  response: AuthenticationResponseJSON,
): Promise<void> {
  await countAttempt(db, actor);
  const expected = await takeChallenge(db, actor.userId, "authenticate");
  const passed = expected
    ? await inTransaction(db, async (trx) => {
        const passkey = await trx
          .selectFrom("user_passkeys")
          .select(["id", "credential_id", "public_key", "counter", "transports"])
          .where("credential_id", "=", response.id)
          .where("user_id", "=", actor.userId)
          .forUpdate()
          .executeTakeFirst();
        if (!passkey) return false;
        const { origin, rpID } = relyingParty();
        let newCounter: number;
        try {
          const result = await verifyAuthenticationResponse({
            response,
            expectedChallenge: (c) => hashChallenge(c) === expected,
            expectedOrigin: origin,
            expectedRPID: rpID,
            requireUserVerification: false,
            credential: {
              id: passkey.credential_id,
              publicKey: new Uint8Array(passkey.public_key),
              counter: Number(passkey.counter),
              transports: knownTransports(passkey.transports),
            },
          });
          if (!result.verified) return false;
          newCounter = result.authenticationInfo.newCounter;
        } catch {
          return false;
        }
        await trx
          .updateTable("user_passkeys")
          .set({ counter: newCounter, last_used_at: sql`now()` })
          .where("id", "=", passkey.id)
          .execute();
        await markSessionPassed(trx, actor, { kind: "passkey", passkey: passkey.id });
        return true;
      })
    : false;
  if (!passed) {
    await audit(db, {
      workspaceId: null,
      actorId: actor.userId,
      action: "second_factor.failed",
      target: actor.userId,
      after: { kind: "passkey", session: actor.sessionId },
      ip: actor.ip,
    });
    throw notVerified();
  }
}
