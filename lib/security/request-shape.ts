// Requests that nothing in this app can answer, refused at the edge with a 4xx before Next.js
// reaches them. Each of these otherwise ends in a 500 from Next.js or React before any app
// code runs (found by tests/http/fuzz.http.test.ts; docs/SECURITY.md, "malformed requests"):
// - a path that is not valid percent-encoding (`/w/%zz`): Next's route matcher throws;
// - a cross-origin POST to a page: Next's server-action CSRF check answers 500 by design;
// - a server-action body React cannot decode (`5`, `["$h1"]`, a broken multipart): decodeReply
//   throws before the action runs;
// - a multipart POST to a page without an action id: Next tries it as a form action (the app
//   has none) and fails on a broken body.
// Pure (no Next.js imports): the edge middleware calls it, unit tests too.

export type Refusal = 400 | 403;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** `/w/%zz` cannot be decoded; Next.js would answer 500. */
export function undecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/**
 * The Origin of a state-changing request to a page names the host it was sent to, or is absent:
 * the comparison Next.js makes before an action (x-forwarded-host's first value, else Host).
 */
export function sameOrigin(origin: string | null, headers: Headers): boolean {
  if (origin === null) return true; // not a browser, or an old one: Next.js lets it through as well
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  try {
    return host != null && new URL(origin).host === host;
  } catch {
    return false; // "null" and other non-URLs
  }
}

// What React's encodeReply writes for the plain values this app's actions take: escaped strings
// ("$$…"), undefined, dates, big integers and special numbers; "$K<n>" (a FormData argument) only
// in a multipart body. Any other "$" reference (promises, server references, temporary
// references, path references) is something decodeReply may throw on.
const PLAIN_REFERENCE = /^\$(\$|undefined$|D|n-?\d+$|-0$|NaN$|Infinity$|-Infinity$)/;
const FORM_REFERENCE = /^\$K\d+$/;

function plainValue(value: unknown, multipart: boolean, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") {
    return !value.startsWith("$") || PLAIN_REFERENCE.test(value) || (multipart && FORM_REFERENCE.test(value));
  }
  if (Array.isArray(value)) return value.every((v) => plainValue(v, multipart, depth + 1));
  if (value !== null && typeof value === "object") {
    return Object.values(value).every((v) => plainValue(v, multipart, depth + 1));
  }
  return true;
}

/** The arguments of a server action, as JSON text: an array of plain values. */
export function plainActionArguments(text: string, multipart = false): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  return Array.isArray(parsed) && plainValue(parsed, multipart);
}

/** A multipart action body: field "0" holds the arguments, a FormData argument's entries are "_<n>_<name>". */
async function plainMultipartAction(req: Request): Promise<boolean> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return false;
  }
  const root = form.get("0");
  if (typeof root !== "string" || !plainActionArguments(root, true)) return false;
  for (const key of form.keys()) if (key !== "0" && !/^_\d+_[^$]/.test(key)) return false;
  return true;
}

/**
 * Why a request must be refused before Next.js sees it, or null. A POST with a `next-action`
 * header is a server action wherever it is sent (an unknown path renders the not-found page,
 * which runs the action checks too); route handlers never take one. Reads the body of such a
 * POST: Next.js gives the middleware a copy of the body.
 */
export async function refuseRequest(req: Request): Promise<Refusal | null> {
  const url = new URL(req.url);
  if (undecodablePath(url.pathname)) return 400;
  if (SAFE_METHODS.has(req.method)) return null;
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const multipart = type.startsWith("multipart/form-data");
  if (!req.headers.has("next-action")) {
    // No route handler takes multipart; to a page it would be a form action, and the app has none.
    if (multipart) return 400;
    // Route handlers check their own callers (next-auth's CSRF token, the cron secret, the session).
    if (url.pathname.startsWith("/api/")) return null;
  }
  if (!sameOrigin(req.headers.get("origin"), req.headers)) return 403;
  if (!req.headers.has("next-action")) return null;
  if (multipart) return (await plainMultipartAction(req.clone())) ? null : 400;
  if (type.startsWith("text/plain") || type === "") {
    return plainActionArguments(await req.clone().text()) ? null : 400;
  }
  return null;
}
