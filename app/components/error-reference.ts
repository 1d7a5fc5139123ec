// The reference an error page shows, so a user can quote it. A server error reaches the browser
// with a digest only: the request id when the check could not be made (the "unavailable" case,
// GuardUnavailableError in lib/access/guard.ts), else Next's digest of the error. Either is on
// the server's log line of the failure next to the request id (instrumentation.ts, onRequestError).
// Pure: global-error.tsx may import nothing that could fail again.
export function errorReference(error: unknown): string | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && /^[A-Za-z0-9._-]{1,64}$/.test(digest) ? digest : null;
}
