import { describe, expect, it } from "vitest";
import { setupTestDb } from "@/tests/helpers/db";
import { createUser } from "@/tests/helpers/fixtures";
import { authAdapter } from "./adapter";

const t = setupTestDb();
const a = authAdapter as Required<typeof authAdapter>;

describe("authAdapter users", () => {
  it("creates users with the normalised address", async () => {
    const user = await a.createUser({ email: "  Ann.Lee@Example.COM ", emailVerified: null, name: null });
    expect(user.email).toBe("ann.lee@example.com");
    const row = await t.db
      .selectFrom("users")
      .select(["email", "email_verified"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email: "ann.lee@example.com", email_verified: null });
  });

  it("finds a user by a differently cased or NFKC-equivalent address", async () => {
    const user = await createUser({ email: "ann@example.com" });
    expect((await a.getUserByEmail("ANN@EXAMPLE.COM"))?.id).toBe(user.id);
    expect((await a.getUserByEmail("\uFF41\uFF4E\uFF4E@example.com"))?.id).toBe(user.id); // full-width "ann"
    expect((await a.getUserByEmail(" ann@example.com "))?.id).toBe(user.id);
    expect(await a.getUserByEmail("bob@example.com")).toBeNull();
    expect(await a.getUserByEmail('"ann@example.com"@evil.example')).toBeNull();
  });

  it("keeps one account per email when next-auth creates the same person twice", async () => {
    const first = await a.createUser({ email: "ann@example.com", emailVerified: null });
    const verified = new Date("2026-01-02T03:04:05Z");
    const second = await a.createUser({ email: "ANN@example.com", emailVerified: verified });
    expect(second.id).toBe(first.id);
    expect(second.emailVerified?.toISOString()).toBe(verified.toISOString());
    const count = await t.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it("refuses to create a user with an invalid address", async () => {
    await expect(a.createUser({ email: "a@b@example.com", emailVerified: null })).rejects.toThrow();
    await expect(a.createUser({ email: "ann\uFF20example.com", emailVerified: null })).rejects.toThrow();
    const count = await t.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("reads and verifies users by id", async () => {
    const user = await createUser({ verified: false });
    expect((await a.getUser(user.id))?.emailVerified).toBeNull();
    const when = new Date("2026-05-06T07:08:09Z");
    await a.updateUser({ id: user.id, emailVerified: when });
    expect((await a.getUser(user.id))?.emailVerified?.toISOString()).toBe(when.toISOString());
    expect(await a.getUser("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("has no OAuth accounts", async () => {
    expect(await a.getUserByAccount({ provider: "github", providerAccountId: "1" })).toBeNull();
    await expect(Promise.resolve().then(() => a.linkAccount({} as never))).rejects.toThrow();
  });
});

describe("authAdapter verification tokens", () => {
  const expires = () => new Date(Date.now() + 3600_000);

  it("uses a token exactly once", async () => {
    await a.createVerificationToken({ identifier: "ann@example.com", token: "hashed-token-1", expires: expires() });
    const used = await a.useVerificationToken({ identifier: "ann@example.com", token: "hashed-token-1" });
    expect(used).toMatchObject({ identifier: "ann@example.com", token: "hashed-token-1" });
    expect(await a.useVerificationToken({ identifier: "ann@example.com", token: "hashed-token-1" })).toBeNull();
    expect(await t.db.selectFrom("VerificationToken").selectAll().execute()).toEqual([]);
  });

  it("does not hand a token to another identifier, and keeps it for its owner", async () => {
    await a.createVerificationToken({ identifier: "ann@example.com", token: "hashed-token-2", expires: expires() });
    expect(await a.useVerificationToken({ identifier: "eve@example.com", token: "hashed-token-2" })).toBeNull();
    expect(await a.useVerificationToken({ identifier: "ann@example.com", token: "nope" })).toBeNull();
    expect(await a.useVerificationToken({ identifier: "ann@example.com", token: "hashed-token-2" })).not.toBeNull();
  });
});
