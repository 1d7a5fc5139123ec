import "server-only";
import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import { getDb } from "@/db";
import { authSecret, baseUrl, defaultNextAuthUrl } from "@/lib/env";
import { normalizeEmail } from "@/lib/validation/email";
import { authAdapter } from "./adapter";
import { CLAIMS_TTL_SECONDS } from "./claims";
import { decode, encode } from "./jwt";
import { loadClaims } from "./load-claims";
import { sendSignInEmail } from "./signin-email";
import { safeCallbackUrl } from "./callback-url";

export const SESSION_MAX_AGE = 30 * 24 * 60 * 60;

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
  callbacks: {
    async jwt({ token, user, trigger }) {
      if (user?.id) token.uid = user.id;
      const age = Math.floor(Date.now() / 1000) - (token.cat ?? 0);
      if (token.uid && (user || trigger === "update" || age > CLAIMS_TTL_SECONDS)) {
        const claims = await loadClaims(await getDb(), token.uid);
        if (!claims) return { ...token, uid: undefined, ws: {}, oa: [] };
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
