// Configuration read from the environment (lib/env.ts): the Vercel / Neon database variables.
import { afterEach, describe, expect, it, vi } from "vitest";
import { databaseConfig } from "./env";
import { listenUrl } from "./presence/bus";

afterEach(() => vi.unstubAllEnvs());

function only(vars: Record<string, string>) {
  for (const key of ["DATABASE_URL", "DATABASE_URL_UNPOOLED", "POSTGRES_URL", "POSTGRES_URL_NON_POOLING", "PGLITE_DIR"])
    vi.stubEnv(key, "");
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
}

describe("databaseConfig and the LISTEN URL on Vercel / Neon", () => {
  it("queries through the pooled POSTGRES_URL and LISTENs on POSTGRES_URL_NON_POOLING", () => {
    only({
      POSTGRES_URL: "postgres://u:p@ep-x-pooler.neon.tech/db",
      POSTGRES_URL_NON_POOLING: "postgres://u:p@ep-x.neon.tech/db",
    });
    const config = databaseConfig();
    expect(config).toEqual({
      kind: "vercel",
      connectionString: "postgres://u:p@ep-x-pooler.neon.tech/db",
      listenConnectionString: "postgres://u:p@ep-x.neon.tech/db",
    });
    expect(listenUrl(config)).toBe("postgres://u:p@ep-x.neon.tech/db");
  });

  it("without POSTGRES_URL_NON_POOLING, LISTEN falls back to POSTGRES_URL (and the bus warns)", () => {
    only({ POSTGRES_URL: "postgres://u:p@ep-x-pooler.neon.tech/db" });
    const config = databaseConfig();
    expect(config).toEqual({ kind: "vercel", connectionString: "postgres://u:p@ep-x-pooler.neon.tech/db" });
    expect(listenUrl(config)).toBe("postgres://u:p@ep-x-pooler.neon.tech/db");
  });

  it("DATABASE_URL wins, and LISTENs on the same URL", () => {
    only({ DATABASE_URL: "postgres://h/db", POSTGRES_URL: "postgres://v/db" });
    const config = databaseConfig();
    expect(config.kind).toBe("pg");
    expect(listenUrl(config)).toBe("postgres://h/db");
  });

  it("Neon's Vercel integration (DATABASE_URL pooled + DATABASE_URL_UNPOOLED): LISTEN on the unpooled one", () => {
    only({
      DATABASE_URL: "postgres://u:p@ep-x-pooler.neon.tech/db",
      DATABASE_URL_UNPOOLED: "postgres://u:p@ep-x.neon.tech/db",
      POSTGRES_URL: "postgres://u:p@ep-x-pooler.neon.tech/db",
    });
    const config = databaseConfig();
    expect(config).toMatchObject({ kind: "pg", connectionString: "postgres://u:p@ep-x-pooler.neon.tech/db" });
    expect(listenUrl(config)).toBe("postgres://u:p@ep-x.neon.tech/db");
  });
});

describe("SSO_ENCRYPTION_KEY and the test-domain escape hatch", () => {
  it("accepts 32 bytes as hex or base64 (standard or url-safe), refuses anything else", async () => {
    const { ssoEncryptionKey } = await import("./env");
    vi.stubEnv("SSO_ENCRYPTION_KEY", "");
    expect(ssoEncryptionKey()).toEqual({ ok: false, reason: "missing" });
    vi.stubEnv("SSO_ENCRYPTION_KEY", "ab".repeat(32));
    expect(ssoEncryptionKey()).toMatchObject({ ok: true, key: new Uint8Array(32).fill(0xab) });
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 - i));
    for (const text of [bytes.toString("base64"), bytes.toString("base64url")]) {
      vi.stubEnv("SSO_ENCRYPTION_KEY", text);
      expect(ssoEncryptionKey()).toEqual({ ok: true, key: new Uint8Array(bytes) });
    }
    for (const bad of [
      "ab".repeat(31),
      "ab".repeat(33),
      Buffer.alloc(31).toString("base64"),
      "not a key",
      "zz".repeat(32),
    ]) {
      vi.stubEnv("SSO_ENCRYPTION_KEY", bad);
      expect(ssoEncryptionKey()).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("SSO_TRUSTED_TEST_DOMAINS counts only with MAIL_OUTBOX=1 and never on Vercel", async () => {
    const { ssoTrustedTestDomains } = await import("./env");
    vi.stubEnv("SSO_TRUSTED_TEST_DOMAINS", "A.example, b.example");
    vi.stubEnv("MAIL_OUTBOX", "");
    expect(ssoTrustedTestDomains()).toEqual([]);
    vi.stubEnv("MAIL_OUTBOX", "1");
    expect(ssoTrustedTestDomains()).toEqual(["a.example", "b.example"]);
    vi.stubEnv("VERCEL", "1");
    expect(ssoTrustedTestDomains()).toEqual([]);
  });
});
