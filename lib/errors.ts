import type { MessageKey, MessageValues } from "@/lib/i18n/translate";

export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "notFound"
  | "invalidInput"
  | "rateLimited"
  | "conflict"
  | "unavailable"
  | "generic";

export interface DomainErrorOptions {
  /** Per-field messages, as catalog keys. */
  fieldErrors?: Record<string, MessageKey>;
  /** The general message, as a catalog key; default `errors.<code>`. */
  messageKey?: MessageKey;
  /** Safe, non-secret facts the UI may use (e.g. the id of the invitation to resend). */
  details?: Record<string, string>;
  /** Values for the ICU placeholders of the general message (counts, times). */
  messageValues?: MessageValues;
}

/**
 * An expected refusal, thrown by services and guards. It knows nothing of how it reaches
 * the user: the action wrapper (lib/actions/wrap.ts) translates it into an ActionResult.
 */
export class DomainError extends Error {
  readonly fieldErrors?: Record<string, MessageKey>;
  readonly messageKey?: MessageKey;
  readonly details?: Record<string, string>;
  readonly messageValues?: MessageValues;

  constructor(
    readonly code: ErrorCode,
    options: DomainErrorOptions = {},
  ) {
    super(code);
    this.name = "DomainError";
    this.fieldErrors = options.fieldErrors;
    this.messageKey = options.messageKey;
    this.details = options.details;
    this.messageValues = options.messageValues;
  }
}
