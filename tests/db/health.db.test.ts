// Readiness (lib/services/health.ts): database reachable, every migration applied, queues drained.
import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { enqueueMail } from "@/lib/mail/queue";
import { readiness } from "@/lib/services/health";
import { setupTestDb } from "@/tests/helpers/db";

const t = setupTestDb();
const open = async () => t.db;

describe("readiness", () => {
  it("is ready on a migrated database with nothing waiting", async () => {
    expect(await readiness(open)).toEqual({ ready: true, reasons: [] });
  });

  it("is not ready when the database cannot be reached (a reason code, no error text)", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await readiness(() => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.1:5432")))).toEqual({
      ready: false,
      reasons: ["database_unreachable"],
    });
    vi.restoreAllMocks();
  });

  it("is not ready while a migration of this build is not applied", async () => {
    await t.db
      .transaction()
      .execute(async (trx) => {
        const last = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(
          trx,
        );
        await sql`DELETE FROM kysely_migration WHERE name = ${last.rows[0].name}`.execute(trx);
        expect(await readiness(async () => trx)).toEqual({ ready: false, reasons: ["migrations_pending"] });
        throw new Error("undo");
      })
      .catch((e: Error) => expect(e.message).toBe("undo"));
    expect(await readiness(open)).toEqual({ ready: true, reasons: [] });
  });

  it("is not ready when a mail or a webhook delivery has been due for longer than QUEUE_STUCK_MINUTES", async () => {
    vi.stubEnv("QUEUE_STUCK_MINUTES", "10");
    const id = await enqueueMail(t.db, { kind: "signin", to: "a@example.com", subject: "s", text: "t", html: "h" });
    // Due now: the jobs have not had their chance yet.
    expect(await readiness(open)).toEqual({ ready: true, reasons: [] });
    await t.db
      .updateTable("mail_queue")
      .set({ next_attempt_at: new Date(Date.now() - 11 * 60_000) })
      .where("id", "=", id)
      .execute();
    expect(await readiness(open)).toEqual({ ready: false, reasons: ["mail_queue_stuck"] });
    // A failing mail waiting for its next attempt is not stuck.
    await t.db
      .updateTable("mail_queue")
      .set({ status: "failing", next_attempt_at: new Date(Date.now() + 60_000) })
      .execute();
    expect(await readiness(open)).toEqual({ ready: true, reasons: [] });
    vi.unstubAllEnvs();
  });
});
