// What every server action returns (CONVENTIONS 10). Messages are already translated.
export type ErrorCode =
  "unauthenticated" | "forbidden" | "notFound" | "invalidInput" | "rateLimited" | "conflict" | "generic";

export type ActionResult<T = null> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: ErrorCode;
      message: string;
      fieldErrors?: Record<string, string>;
      details?: Record<string, string>;
    };

/** Thrown by services for an expected refusal; `fieldErrors` hold catalog keys under `errors.`. */
export class ActionError extends Error {
  constructor(
    public code: ErrorCode,
    public fieldErrors?: Record<string, string>,
    public messageKey?: string,
    /** Safe, non-secret facts the UI may use (e.g. the id of the invitation to resend). */
    public details?: Record<string, string>,
  ) {
    super(code);
  }
}
