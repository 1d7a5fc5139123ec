// No `server-only` marker: the access job (lib/jobs/registry.ts, started from instrumentation) uses it.
import type { DbOrTrx } from "@/db";

/** Right after the row lock that serializes a transaction against its competitors. */
export type HoldPoint =
  | "member.change"
  | "member.seat"
  | "invitation.accept"
  | "onboarding.create"
  | "handover.plan"
  | "invitation.bulk"
  | "role.update"
  | "role.delete";

type Hook = (trx: DbOrTrx, point: HoldPoint) => Promise<void>;
let hook: Hook | undefined;

/**
 * The race tests (tests/helpers/race.ts) hold a transaction here, right after the locking
 * read that serializes it, to show that a competing call waits for it. Nothing sets the
 * hook outside tests, so in production this is one undefined check.
 */
export function holdPoint(trx: DbOrTrx, point: HoldPoint): Promise<void> | undefined {
  return hook?.(trx, point);
}

export function setHoldHook(next: Hook | undefined): void {
  hook = next;
}
