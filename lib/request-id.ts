// The request id: one per request, on every log line written while serving it, on the
// response (`x-request-id`), on audit rows, and shown as "Reference" on error pages.
// Pure and edge-safe: middleware.ts uses it.

export const REQUEST_ID_HEADER = "x-request-id";

const SAFE = /^[A-Za-z0-9._-]{8,64}$/;

/** An incoming id is kept only when it is plain and bounded (a proxy's or a caller's); else null. */
export function safeRequestId(value: string | null | undefined): string | null {
  return typeof value === "string" && SAFE.test(value) ? value : null;
}

/** The id to use for a request: the caller's if safe, else a fresh random one. */
export function requestIdOf(value: string | null | undefined): string {
  return safeRequestId(value) ?? crypto.randomUUID();
}
