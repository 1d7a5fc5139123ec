import { createServer, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestSmtpServer } from "@/tests/e2e/support/smtp";
import { callAction, loadManifest } from "@/tests/http/support/actions";
import { raw } from "@/tests/http/support/http";
import { portFrom, sleep, startScene, unavailable, type Scene } from "./support/app";

// What the app sends outward while the other side is down: a sign-in email asked for while
// SMTP is down and a webhook fired while the receiver is down both arrive, once, when they are
// back (the durable queues of lib/mail/queue.ts and lib/services/webhooks.ts, driven by the
// server's own job loop).

const skip = unavailable();
let SMTP_PORT: number;
let HOOK_PORT: number;
let scene: Scene;
let smtp: TestSmtpServer;
let receiver: Server | undefined;

beforeAll(async () => {
  if (skip) return;
  SMTP_PORT = await portFrom("FAULTS_SMTP_PORT");
  HOOK_PORT = await portFrom("FAULTS_HOOK_PORT");
  scene = await startScene("outbound", {
    MAIL_OUTBOX: "0",
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    MAIL_RETRY_BASE_MS: "1000",
    WEBHOOK_RETRY_BASE_MS: "1000",
  });
  smtp = new TestSmtpServer(SMTP_PORT);
});
afterAll(async () => {
  await smtp?.stop().catch(() => undefined);
  receiver?.close();
  await scene?.close();
});

/** Ask for a sign-in link as the sign-in page does (CSRF token and cookie first). */
async function askForLink(email: string) {
  const csrf = await raw(scene.base, "/api/auth/csrf");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = String(csrf.headers["set-cookie"] ?? "")
    .split(/,(?=\s*[\w.-]+=)/)
    .map((c) => c.split(";")[0].trim())
    .filter((c) => c.includes("next-auth"))
    .join("; ");
  return raw(scene.base, "/api/auth/signin/email", {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: "/", json: "true" }).toString(),
  });
}

describe.skipIf(!!skip)("outbound faults: SMTP and a webhook receiver down, then back", () => {
  it("SMTP down: the sign-in request succeeds, the link is sent once SMTP is back, and only once", async () => {
    const res = await askForLink("owner@example.com");
    expect(res.status, res.body.slice(0, 200)).toBeLessThan(400);
    // Down for a while: the queue keeps the mail and records the failure.
    await sleep(4_000);
    const row = await scene.handle.db
      .selectFrom("mail_queue")
      .selectAll()
      .where("to_address", "=", "owner@example.com")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("failing");
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    const upAt = Date.now();
    await smtp.start();
    const mail = await smtp.waitFor("owner@example.com", 1, 90_000);
    const delay = Date.now() - upAt;
    console.log(
      `[faults] SMTP: the sign-in link arrived ${delay} ms after SMTP was back (${row.attempts} failed attempts)`,
    );
    expect(mail.text).toContain("/api/auth/callback/email");
    await sleep(3_000);
    expect(smtp.to("owner@example.com")).toHaveLength(1);
  });

  it("webhook receiver down: the event is delivered after a retry, once", async () => {
    const workspaceId = await scene.workspaceOf("owner@example.com");
    const owner = await scene.cookie("owner@example.com");
    await scene.handle.db
      .insertInto("webhooks")
      .values({
        workspace_id: workspaceId,
        url: `http://127.0.0.1:${HOOK_PORT}/hook`,
        secret: `whsec_${randomBytes(24).toString("base64")}`,
        active: true,
        events: ["member.invited"],
      })
      .execute();
    const invite = loadManifest(process.cwd(), process.env.NEXT_DIST_DIR || ".next").find(
      (a) => a.exportName === "inviteUser",
    )!;
    const email = `hooked-${randomBytes(3).toString("hex")}@faults.test`;
    const { outcome } = await callAction(scene.base, {
      id: invite.id,
      path: `/w/${workspaceId}/settings/users`,
      args: [workspaceId, { email, role: "agent", restrictions: [] }],
      cookie: owner,
    });
    expect(outcome).toMatchObject({ kind: "result", ok: true });
    await sleep(3_000);
    const failed = await scene.handle.db
      .selectFrom("webhook_deliveries")
      .select(["attempt", "error", "delivered_at"])
      .where("event", "=", "member.invited")
      .executeTakeFirstOrThrow();
    expect(failed.delivered_at).toBeNull();
    expect(failed.attempt).toBeGreaterThanOrEqual(1);
    const bodies: string[] = [];
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        bodies.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(HOOK_PORT, "127.0.0.1", resolve));
    const upAt = Date.now();
    while (!bodies.some((b) => b.includes(email))) {
      if (Date.now() - upAt > 120_000) throw new Error("the webhook was never delivered");
      await sleep(200);
    }
    console.log(
      `[faults] webhook: delivered ${Date.now() - upAt} ms after the receiver was back (${failed.attempt} failed attempts)`,
    );
    await sleep(3_000);
    expect(bodies.filter((b) => b.includes(email))).toHaveLength(1);
  });
});
