import "server-only";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import { KyselyAdapter } from "@auth/kysely-adapter";
import { getDb } from "@/db";
import type { User } from "@/db/schema";
import { normalizeEmail } from "@/lib/validation/email";

const toAdapterUser = (u: Pick<User, "id" | "email" | "name" | "image" | "email_verified">): AdapterUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  image: u.image,
  emailVerified: u.email_verified,
});

type AuthDb = Parameters<typeof KyselyAdapter>[0];

const userColumns = ["id", "email", "name", "image", "email_verified"] as const;

/**
 * A plain object (a Proxy breaks next-auth v4, docs/ARCHITECTURE.md, known trap 2) that opens the database
 * on first use. Users live in our `users` table; verification tokens (stored hashed by
 * next-auth) go through @auth/kysely-adapter.
 */
export const authAdapter: Adapter = {
  async createUser(data: Omit<AdapterUser, "id">) {
    const email = normalizeEmail(data.email);
    if (!email) throw new Error("invalid email");
    const db = await getDb();
    const user = await db
      .insertInto("users")
      .values({ email, name: data.name ?? null, image: null, email_verified: data.emailVerified ?? null })
      .onConflict((oc) => oc.column("email").doUpdateSet({ email_verified: data.emailVerified ?? null }))
      .returning(userColumns)
      .executeTakeFirstOrThrow();
    return toAdapterUser(user);
  },
  async getUser(id) {
    const db = await getDb();
    const user = await db.selectFrom("users").select(userColumns).where("id", "=", id).executeTakeFirst();
    return user ? toAdapterUser(user) : null;
  },
  async getUserByEmail(raw) {
    const email = normalizeEmail(raw);
    if (!email) return null;
    const db = await getDb();
    const user = await db.selectFrom("users").select(userColumns).where("email", "=", email).executeTakeFirst();
    return user ? toAdapterUser(user) : null;
  },
  async getUserByAccount() {
    return null; // email sign-in only: no OAuth accounts
  },
  async updateUser(data) {
    const db = await getDb();
    const user = await db
      .updateTable("users")
      .set({ ...(data.emailVerified !== undefined ? { email_verified: data.emailVerified } : {}) })
      .where("id", "=", data.id)
      .returning(userColumns)
      .executeTakeFirstOrThrow();
    return toAdapterUser(user);
  },
  async linkAccount() {
    throw new Error("OAuth accounts are not supported");
  },
  async createVerificationToken(token) {
    const db = await getDb();
    return KyselyAdapter(db as unknown as AuthDb).createVerificationToken!(token);
  },
  async useVerificationToken(params) {
    const db = await getDb();
    return KyselyAdapter(db as unknown as AuthDb).useVerificationToken!(params);
  },
};
