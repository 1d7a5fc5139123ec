import "server-only";
import { scoped } from "@/lib/log";
import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { clientIp } from "@/lib/request-ip";
import { activeSession, endSignedOutSession, startSession } from "@/lib/services/sessions";
import { deviceLabel } from "@/lib/validation/device";
import { authSecret, baseUrl, defaultNextAuthUrl } from "@/lib/env";
import { normalizeEmail } from "@/lib/validation/email";
import { authAdapter } from "./adapter";
import { CLAIMS_TTL_SECONDS } from "./claims";
import { decode, encode } from "./jwt";
import { loadClaims } from "./load-claims";
import { sendSignInEmail } from "./signin-email";
import { safeCallbackUrl } from "./callback-url";

export const SESSION_MAX_AGE = 30 * 24 * 60 * 60;

async function requestIp(): Promise<string | null> {
  try {
    return clientIp(await headers());
  } catch {
    return null;
  }
}

defaultNextAuthUrl();

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  adapter: authAdapter,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  // next-auth's own format, with the encryption key derived once per secret (lib/auth/jwt.ts).
  jwt: { encode, decode },
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin", signOut: "/signout" },
  providers: [
    EmailProvider({
      maxAge: 24 * 60 * 60,
      // Refuse anything that is not one plain address before a token is made.
      normalizeIdentifier(identifier) {
        const email = normalizeEmail(identifier);
        if (!email) throw new Error("invalid email");
        return email;
      },
      sendVerificationRequest: ({ identifier, url }) => sendSignInEmail(identifier, url),
    }),
  ],
  events: {
    // Signing out ends the session server-side, not only the cookie (docs/SECURITY.md, Sessions).
    async signOut({ token }) {
      if (!token?.uid || !token.sid) return;
      const ip = await requestIp();
      await endSignedOutSession(await getDb(), token.uid, token.sid, ip).catch((error) =>
        scoped("auth").error({ err: error }, "ending the session at sign-out failed"),
      );
    },
  },
  callbacks: {
    async jwt({ token, user, trigger }) {
      const db = await getDb();
      if (user?.id) {
        // A sign-in: a new server-side session, its id in the token.
        const hdrs = await headers();
        token.uid = user.id;
        token.sid = await startSession(db, {
          userId: user.id,
          device: deviceLabel(hdrs.get("user-agent")),
          ip: clientIp(hdrs),
          method: "email",
        });
      }
      const age = Math.floor(Date.now() / 1000) - (token.cat ?? 0);
      if (token.uid && (user || trigger === "update" || age > CLAIMS_TTL_SECONDS)) {
        // With the claims, the session itself: an ended one (or none) empties the token, so
        // next-auth's own answers (the session route) re-set the cookie signed out.
        const open = user || (token.sid ? await activeSession(db, token.uid, token.sid) : null);
        const claims = open ? await loadClaims(db, token.uid) : null;
        if (!claims) return { ...token, uid: undefined, sid: undefined, ws: {}, oa: [] };
        Object.assign(token, claims);
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        id: token.uid ?? "",
        email: token.email ?? "",
        name: token.name ?? null,
        image: null,
        locale: token.loc ?? null,
      };
      session.versions = Object.fromEntries(Object.entries(token.ws ?? {}).map(([id, claim]) => [id, claim.v]));
      return session;
    },
    async redirect({ url }) {
      return baseUrl() + safeCallbackUrl(url);
    },
  },
};
