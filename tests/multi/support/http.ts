import { raw, type RawResponse } from "../../http/support/http";

export { raw, type RawResponse };

/** The port of the server nginx sent a response to (its X-Upstream header: "127.0.0.1:3581"). */
export const upstreamOf = (res: RawResponse) => String(res.headers["x-upstream"] ?? "").replace(/^.*:/, "");

/** The cookies a response sets, as one Cookie header (name=value pairs). */
export function cookiesOf(res: RawResponse, keep: (name: string) => boolean = () => true): string {
  const set = res.headers["set-cookie"];
  const list = Array.isArray(set) ? set : set ? [set] : [];
  return list
    .map((c) => c.split(";")[0].trim())
    .filter((c) => keep(c.split("=")[0]))
    .join("; ");
}

export async function csrf(base: string): Promise<{ token: string; cookie: string; res: RawResponse }> {
  const res = await raw(base, "/api/auth/csrf");
  const token = (JSON.parse(res.body) as { csrfToken: string }).csrfToken;
  return { token, cookie: cookiesOf(res, (n) => n.includes("next-auth")), res };
}

/** POST the sign-in form as next-auth's client does (json=true). */
export function askSignIn(
  base: string,
  email: string,
  c: { token: string; cookie: string },
  headers: Record<string, string> = {},
) {
  return raw(base, "/api/auth/signin/email", {
    method: "POST",
    headers: { ...headers, cookie: c.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, csrfToken: c.token, callbackUrl: "/", json: "true" }).toString(),
  });
}
