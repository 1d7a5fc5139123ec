// The fake request context behind the mocks installed by tests/setup/request-context.ts.
// Kept on globalThis so the setup file, the mocked modules and the test file share one copy.
import type { Session } from "next-auth";

export interface CookieRecord {
  name: string;
  value: string;
  options?: Record<string, unknown>;
}

/** The session next-auth would decode from the cookie, and the token's `sid` (none: a pre-sessions token). */
export type TestSession = Session & { sid?: string | null };

export interface RequestState {
  session: TestSession | null;
  headers: Headers;
  cookies: Map<string, CookieRecord>;
}

const DEFAULT_HEADERS = {
  "x-switchboard-peer": "203.0.113.7",
  "accept-language": "en-GB,en;q=0.9",
  "user-agent": "vitest",
};

const holder = globalThis as unknown as { __switchboardTestRequest?: RequestState };

export function requestState(): RequestState {
  holder.__switchboardTestRequest ??= { session: null, headers: new Headers(DEFAULT_HEADERS), cookies: new Map() };
  return holder.__switchboardTestRequest;
}

export function resetRequestState(): void {
  holder.__switchboardTestRequest = { session: null, headers: new Headers(DEFAULT_HEADERS), cookies: new Map() };
}

/**
 * Stand-in for `@/lib/auth/token`: what the cookie says. Whether its session is still open is
 * checked by the real `@/lib/auth/session` against the test database.
 */
export const tokenModule = {
  readSession: async (): Promise<Session | null> => {
    const s = requestState().session;
    if (!s) return null;
    const { sid: _sid, ...session } = s;
    return session;
  },
  readTokenIdentity: async (): Promise<{ userId: string; sid: string | null } | null> => {
    const s = requestState().session;
    return s?.user.id ? { userId: s.user.id, sid: s.sid ?? null } : null;
  },
};

function cookieStore() {
  const jar = requestState().cookies;
  return {
    get: (name: string) => {
      const c = jar.get(name);
      return c ? { name: c.name, value: c.value } : undefined;
    },
    getAll: (name?: string) =>
      [...jar.values()].filter((c) => !name || c.name === name).map((c) => ({ name: c.name, value: c.value })),
    has: (name: string) => jar.has(name),
    set: (...args: [string, string, Record<string, unknown>?] | [CookieRecord & Record<string, unknown>]) => {
      if (typeof args[0] === "string")
        jar.set(args[0], {
          name: args[0],
          value: String(args[1]),
          options: args[2] as Record<string, unknown> | undefined,
        });
      else {
        const { name, value, ...options } = args[0];
        jar.set(name, { name, value, options });
      }
    },
    delete: (name: string) => jar.delete(name),
    toString: () => [...jar.values()].map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join("; "),
  };
}

/** Stand-in for `next/headers` (headers(), cookies(); draftMode() is unused by the app). */
export const headersModule = {
  headers: async () => requestState().headers,
  cookies: async () => cookieStore(),
  draftMode: async () => ({ isEnabled: false, enable() {}, disable() {} }),
};
