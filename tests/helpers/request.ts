/**
 * Call server actions directly, as a given user, against the real test database.
 *
 * Server actions read the cookie through `@/lib/auth/token` (then check its session against
 * the database in `@/lib/auth/session`) and the request through `next/headers` (headers(),
 * cookies()). In the db project those two modules are replaced for every test file by
 * tests/setup/request-context.ts (vi.mock of the request context only — the database is
 * never mocked). Each test starts signed out. `asUser` opens a real session row (the one
 * shared `insertSession`), so ending it refuses the next call.
 *
 *   import { setupTestDb } from "@/tests/helpers/db";
 *   import { asUser, createUser, createWorkspace, addMember } from "@/tests/helpers/request";
 *   import { saveProfile } from "@/app/account/actions";
 *
 *   const t = setupTestDb();
 *   it("refuses anonymous callers", async () => {
 *     await asUser(null);
 *     expect(await saveProfile({ name: "x", locale: "en" })).toMatchObject({ ok: false, code: "unauthenticated" });
 *   });
 *   it("saves for a signed-in user", async () => {
 *     const user = await createUser();
 *     await asUser(user.id, { headers: { "x-switchboard-peer": "198.51.100.9" } });
 *     expect((await saveProfile({ name: "Ann", locale: "ar" })).ok).toBe(true);
 *     expect(requestCookies().get("locale")?.value).toBe("ar");
 *   });
 *
 * Pages and guards end with Next's navigation errors; `await navigation(requireMember(…))`
 * tells which: { redirect: "/signin?…" } | { status: 404 } | { status: 403 } | { value }.
 *
 * Workspace fixtures: `const ws = await createWorkspace()` (org + workspace + Owner, who is an
 * org admin), then `await addMember(ws, agent, "agent", ["see_self"])`.
 */
import { getDb } from "@/db/connect";
import { insertSession } from "@/db/session-rows";
import { requestState, type CookieRecord, type TestSession } from "./request-state";

export { addMember, createUser, createWorkspace, uniqueEmail, type TestUser, type TestWorkspace } from "./fixtures";

export interface AsUserOptions {
  /** Extra or replacement request headers (e.g. x-switchboard-peer — the socket address — or accept-language). */
  headers?: Record<string, string>;
  /** Request cookies (e.g. { locale: "ar" }). */
  cookies?: Record<string, string>;
  /** Override what the session says (by default it mirrors the users row). */
  session?: Partial<TestSession["user"]>;
  /**
   * The token's session id: by default a new open session row for this user; a string reuses
   * one (another request of the same browser); null is a token minted before sessions existed.
   */
  sid?: string | null;
}

/**
 * Sign the fake request in as `user` (an id, or a user object), or out with `null`.
 * The session mirrors the user's row, as next-auth's would; an id with no row still gets a
 * session (a user deleted after signing in), with a placeholder email unless given.
 */
export async function asUser(
  user: string | { id: string } | null,
  opts: AsUserOptions = {},
): Promise<TestSession | null> {
  const state = requestState();
  for (const [name, value] of Object.entries(opts.headers ?? {})) state.headers.set(name, value);
  for (const [name, value] of Object.entries(opts.cookies ?? {})) state.cookies.set(name, { name, value });
  if (user === null) {
    state.session = null;
    return null;
  }
  const id = typeof user === "string" ? user : user.id;
  const db = await getDb();
  const row = await db
    .selectFrom("users")
    .select(["email", "name", "image", "locale"])
    .where("id", "=", id)
    .executeTakeFirst();
  state.session = {
    user: {
      id,
      email: row?.email ?? "deleted-user@example.invalid",
      name: row?.name ?? null,
      image: row?.image ?? null,
      locale: row?.locale ?? null,
      ...opts.session,
    },
    expires: new Date(Date.now() + 3600_000).toISOString(),
    sid:
      opts.sid !== undefined
        ? opts.sid
        : row
          ? (await insertSession(db, { userId: id, device: "Test browser" })).sid
          : null,
  };
  return state.session;
}

/** The cookies of the fake request, including those the action set (with their options). */
export function requestCookies(): Map<string, CookieRecord> {
  return requestState().cookies;
}

/** The headers of the fake request (mutable). */
export function requestHeaders(): Headers {
  return requestState().headers;
}

export type NavigationOutcome = { redirect: string } | { status: 401 | 403 | 404 } | { value: unknown };

/**
 * Run a page, layout or guard and report how it ended: a redirect() (with its URL), a
 * notFound() / forbidden() / unauthorized() (as a status), or a plain value. Other errors rethrow.
 */
export async function navigation(promise: Promise<unknown>): Promise<NavigationOutcome> {
  try {
    return { value: await promise };
  } catch (error) {
    const digest =
      typeof (error as { digest?: unknown })?.digest === "string" ? (error as { digest: string }).digest : "";
    if (digest.startsWith("NEXT_REDIRECT;")) return { redirect: digest.split(";")[2] };
    const fallback = /^NEXT_HTTP_ERROR_FALLBACK;(\d+)$/.exec(digest);
    if (fallback) return { status: Number(fallback[1]) as 401 | 403 | 404 };
    throw error;
  }
}
