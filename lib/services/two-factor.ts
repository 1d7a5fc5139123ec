import "server-only";
import { createHash, randomInt } from "node:crypto";
import { sql } from "kysely";
import { generateSecret, generateURI, verify } from "otplib";
import type { DbOrTrx } from "@/db";
import { inTransaction } from "@/db/transaction";
import { DomainError } from "@/lib/errors";
import { seal, unseal } from "@/lib/security/seal";
import { audit } from "./audit";
import { countRateLimit } from "./rate-limit";
import { hasSecondFactor } from "./second-factor";

// Two-step sign-in (docs/SECURITY.md, Two-step sign-in): an authenticator app (TOTP, RFC 6238:
// SHA-1, 6 digits, 30 s, ±1 step) and ten single-use recovery codes. The TOTP secret is sealed
// at rest (lib/security/seal.ts); recovery codes are kept as SHA-256 hashes and shown once.
// Audit rows are the user's (workspace_id NULL), like the session rows.

const PURPOSE = "totp";
export const ISSUER = "Switchboard";
export const RECOVERY_CODE_COUNT = 10;
/** ±1 step of 30 s: the code before and after the current one are accepted too. */
const TOLERANCE_SECONDS = 30;
const PERIOD = 30;

/** Attempts per 15 minutes on the verify page, removal and regeneration (both counted). */
export const ATTEMPT_WINDOW_SECONDS = 15 * 60;
export const ATTEMPTS_PER_USER = 10;
export const ATTEMPTS_PER_IP = 30;

export type FactorKind = "totp" | "recovery_code" | "passkey";

export interface Actor {
  userId: string;
  ip: string | null;
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // 31 signs, no 0/o, 1/l/i
/** A recovery code: 10 signs (≈ 49.5 bits), shown as xxxxx-xxxxx. */
function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < 10; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What is compared: lower case, no spaces or dashes. */
export const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, "");
export const hashRecoveryCode = (code: string) =>
  createHash("sha256").update(normalizeRecoveryCode(code), "utf8").digest("hex");

/** A six-digit code (spaces allowed) rather than a recovery code. */
export const isTotpCode = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ""));

export interface TwoFactorStatus {
  enabled: boolean;
  confirmedAt: Date | null;
  recoveryCodesLeft: number;
}

export async function twoFactorStatus(db: DbOrTrx, userId: string): Promise<TwoFactorStatus> {
  const [totp, codes] = await Promise.all([
    db
      .selectFrom("user_totp")
      .select("confirmed_at")
      .where("user_id", "=", userId)
      .where("confirmed_at", "is not", null)
      .executeTakeFirst(),
    db
      .selectFrom("recovery_codes")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow(),
  ]);
  return { enabled: Boolean(totp), confirmedAt: totp?.confirmed_at ?? null, recoveryCodesLeft: Number(codes.n) };
}

/**
 * Counts one attempt against the user's and the IP's budget, outside any transaction that
 * could roll it back; refuses once either is spent.
 */
export async function countAttempt(db: DbOrTrx, actor: Actor): Promise<void> {
  const user = await countRateLimit(db, `2fa:user:${actor.userId}`, ATTEMPTS_PER_USER, ATTEMPT_WINDOW_SECONDS);
  const ip = actor.ip
    ? await countRateLimit(db, `2fa:ip:${actor.ip}`, ATTEMPTS_PER_IP, ATTEMPT_WINDOW_SECONDS)
    : { ok: true };
  if (!user.ok || !ip.ok) throw new DomainError("rateLimited", { messageKey: "errors.twoFactor.tooMany" });
}

/**
 * Setting up: a new secret for the user (replacing one that was never confirmed), and the
 * otpauth:// URI for the QR code. Refused when an app is already confirmed (remove it first).
 */
export async function beginTotpSetup(
  db: DbOrTrx,
  user: { userId: string; email: string },
): Promise<{ secret: string; uri: string }> {
  const secret = generateSecret();
  const sealed = seal(PURPOSE, secret);
  const row = await db
    .insertInto("user_totp")
    .values({ user_id: user.userId, secret_sealed: sealed })
    .onConflict((oc) =>
      oc
        .column("user_id")
        .doUpdateSet({ secret_sealed: sealed, created_at: sql`now()`, last_step: null })
        .where("user_totp.confirmed_at", "is", null),
    )
    .returning("user_id")
    .executeTakeFirst();
  if (!row) throw new DomainError("conflict", { messageKey: "errors.twoFactor.alreadyOn" });
  return { secret, uri: generateURI({ issuer: ISSUER, label: user.email, secret }) };
}

/**
 * The TOTP code against the user's secret (row locked by the caller's transaction), ±1 step;
 * a step at or before the last accepted one is refused (replay). On success the step is kept.
 */
async function acceptTotp(
  trx: DbOrTrx,
  userId: string,
  code: string,
  opts: { confirmed: boolean },
  epoch = Date.now() / 1000,
): Promise<boolean> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return false;
  const row = await trx
    .selectFrom("user_totp")
    .select(["secret_sealed", "last_step"])
    .where("user_id", "=", userId)
    .where("confirmed_at", opts.confirmed ? "is not" : "is", null)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return false;
  const secret = unseal(PURPOSE, row.secret_sealed);
  if (!secret) return false;
  const current = Math.floor(epoch / PERIOD);
  // otplib refuses (throws on) a bound beyond the window; a step that far ahead refuses all.
  if (row.last_step !== null && row.last_step >= current + 1) return false;
  let step: number;
  try {
    const result = await verify({
      secret,
      token,
      epoch,
      epochTolerance: TOLERANCE_SECONDS,
      ...(row.last_step !== null ? { afterTimeStep: row.last_step } : {}),
    });
    if (!result.valid) return false;
    step = current + result.delta;
  } catch {
    return false;
  }
  if (row.last_step !== null && step <= row.last_step) return false;
  await trx.updateTable("user_totp").set({ last_step: step }).where("user_id", "=", userId).execute();
  return true;
}

/** One unused recovery code of the user, marked used; false when none matches. */
export async function spendRecoveryCode(trx: DbOrTrx, userId: string, code: string): Promise<boolean> {
  const plain = normalizeRecoveryCode(code);
  if (plain.length !== 10) return false;
  const used = await trx
    .updateTable("recovery_codes")
    .set({ used_at: sql`now()` })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hashRecoveryCode(plain))
    .where("used_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return Boolean(used);
}

/** A current app code, or (when `recovery`) one recovery code: which kind passed, or null. */
async function checkFactor(
  trx: DbOrTrx,
  userId: string,
  code: string,
  opts: { recovery: boolean; epoch?: number },
): Promise<FactorKind | null> {
  if (isTotpCode(code)) return (await acceptTotp(trx, userId, code, { confirmed: true }, opts.epoch)) ? "totp" : null;
  if (!opts.recovery) return null;
  return (await spendRecoveryCode(trx, userId, code)) ? "recovery_code" : null;
}

/** Replace the user's recovery codes with ten new ones; returns them (shown once). */
export async function replaceRecoveryCodes(trx: DbOrTrx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await trx
    .insertInto("recovery_codes")
    .values(codes.map((c) => ({ user_id: userId, code_hash: hashRecoveryCode(c) })))
    .execute();
  return codes;
}

const wrongCode = () =>
  new DomainError("invalidInput", {
    fieldErrors: { code: "errors.twoFactor.wrongCode" },
    messageKey: "errors.twoFactor.wrongCode",
  });

/**
 * Confirming the app with a first code: the factor counts from now, and the ten recovery codes
 * are made and returned (shown once). Audited factor.added and recovery_codes.generated.
 */
export async function confirmTotp(
  db: DbOrTrx,
  actor: Actor,
  code: string,
  epoch?: number,
): Promise<{ recoveryCodes: string[] }> {
  await countAttempt(db, actor);
  const codes = await inTransaction(db, async (trx) => {
    if (!(await acceptTotp(trx, actor.userId, code, { confirmed: false }, epoch))) return null;
    await trx
      .updateTable("user_totp")
      .set({ confirmed_at: sql`now()` })
      .where("user_id", "=", actor.userId)
      .execute();
    const fresh = await replaceRecoveryCodes(trx, actor.userId);
    await audit(trx, {
      workspaceId: null,
      actorId: actor.userId,
      action: "factor.added",
      target: actor.userId,
      after: { kind: "totp" },
      ip: actor.ip,
    });
    await audit(trx, {
      workspaceId: null,
      actorId: actor.userId,
      action: "recovery_codes.generated",
      target: actor.userId,
      after: { count: fresh.length },
      ip: actor.ip,
    });
    return fresh;
  });
  if (!codes) throw wrongCode();
  return { recoveryCodes: codes };
}

/** New recovery codes (the old ones stop working); needs a current app code. */
export async function regenerateRecoveryCodes(
  db: DbOrTrx,
  actor: Actor,
  code: string,
  epoch?: number,
): Promise<{ recoveryCodes: string[] }> {
  await countAttempt(db, actor);
  const codes = await inTransaction(db, async (trx) => {
    if (!(await checkFactor(trx, actor.userId, code, { recovery: false, epoch }))) return null;
    const fresh = await replaceRecoveryCodes(trx, actor.userId);
    await audit(trx, {
      workspaceId: null,
      actorId: actor.userId,
      action: "recovery_codes.generated",
      target: actor.userId,
      after: { count: fresh.length },
      ip: actor.ip,
    });
    return fresh;
  });
  if (!codes) throw wrongCode();
  return { recoveryCodes: codes };
}

/** Removing the app (and its recovery codes when no passkey is left): needs a current app code or a recovery code. */
export async function removeTotp(db: DbOrTrx, actor: Actor, code: string, epoch?: number): Promise<void> {
  await countAttempt(db, actor);
  const ok = await inTransaction(db, async (trx) => {
    const kind = await checkFactor(trx, actor.userId, code, { recovery: true, epoch });
    if (!kind) return false;
    await trx.deleteFrom("user_totp").where("user_id", "=", actor.userId).execute();
    // The recovery codes go with the last factor; a passkey left keeps them.
    if (!(await hasSecondFactor(trx, actor.userId)))
      await trx.deleteFrom("recovery_codes").where("user_id", "=", actor.userId).execute();
    await audit(trx, {
      workspaceId: null,
      actorId: actor.userId,
      action: "factor.removed",
      target: actor.userId,
      before: { kind: "totp" },
      after: { provedWith: kind },
      ip: actor.ip,
    });
    return true;
  });
  if (!ok) throw wrongCode();
}

/**
 * /signin/verify: the pending session passes with a current app code or one recovery code.
 * Every attempt counts against the budgets; a wrong code is audited second_factor.failed.
 */
export async function passSecondFactor(
  db: DbOrTrx,
  actor: Actor & { sessionId: string },
  code: string,
  epoch?: number,
): Promise<{ kind: FactorKind }> {
  await countAttempt(db, actor);
  const kind = await inTransaction(db, async (trx) => {
    const found = await checkFactor(trx, actor.userId, code, { recovery: true, epoch });
    if (!found) return null;
    await markSessionPassed(trx, actor, { kind: found });
    return found;
  });
  if (!kind) {
    await audit(db, {
      workspaceId: null,
      actorId: actor.userId,
      action: "second_factor.failed",
      target: actor.userId,
      after: { kind: isTotpCode(code) ? "totp" : "recovery_code", session: actor.sessionId },
      ip: actor.ip,
    });
    throw wrongCode();
  }
  return { kind };
}

/**
 * The pending session's second step is passed (any factor): open only while it is still pending and not ended,
 * else "unauthenticated"; audited with what passed it.
 */
export async function markSessionPassed(
  trx: DbOrTrx,
  actor: Actor & { sessionId: string },
  passedWith: Record<string, unknown>,
): Promise<void> {
  const passed = await trx
    .updateTable("user_sessions")
    .set({ second_factor: "passed" })
    .where("id", "=", actor.sessionId)
    .where("user_id", "=", actor.userId)
    .where("second_factor", "=", "pending")
    .where("ended_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!passed) throw new DomainError("unauthenticated");
  await audit(trx, {
    workspaceId: null,
    actorId: actor.userId,
    action: "second_factor.passed",
    target: actor.userId,
    after: { ...passedWith, session: actor.sessionId },
    ip: actor.ip,
  });
}
