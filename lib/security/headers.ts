// Response security headers, built per request by middleware.ts. Pure and edge-safe.

/** 128 random bits, base64: unguessable, and fresh for every response. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export const CSP_REPORT_PATH = "/api/csp-report";

/**
 * The Content-Security-Policy. Scripts run only with this response's nonce; 'strict-dynamic'
 * lets those scripts load the framework's chunks (a host allow-list cannot tell them from any
 * other same-origin file). No 'unsafe-inline' for scripts. Styles keep 'unsafe-inline': React
 * writes style attributes, and a style cannot run code. Development adds 'unsafe-eval', which
 * React's development build needs for its stack traces.
 */
export function contentSecurityPolicy(nonce: string, opts: { development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    `report-uri ${CSP_REPORT_PATH}`,
  ].join("; ");
}

/** Powerful browser features the app never uses are off; passkeys stay possible on our origin. */
export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "browsing-topics=()",
  "publickey-credentials-create=(self)",
  "publickey-credentials-get=(self)",
].join(", ");

/** Two years, subdomains included: only sent when the public base URL is https. */
export const HSTS = "max-age=63072000; includeSubDomains";

export function securityHeaders(nonce: string, opts: { development: boolean; https: boolean }): Headers {
  const headers = new Headers({
    "content-security-policy": contentSecurityPolicy(nonce, opts),
    "permissions-policy": PERMISSIONS_POLICY,
  });
  if (opts.https) headers.set("strict-transport-security", HSTS);
  return headers;
}
