import type { ErrorCode } from "@/lib/errors";

// What every server action returns. Messages are already translated.
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: ErrorCode;
      message: string;
      fieldErrors?: Record<string, string>;
      details?: Record<string, string>;
      /** An unexpected failure: the request id, also in the message and on the server's log line. */
      reference?: string;
    };
