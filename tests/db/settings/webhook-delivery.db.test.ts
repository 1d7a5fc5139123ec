// Webhooks end to end against a real HTTP receiver on 127.0.0.1 (SPEC §3 Integrations):
// signed deliveries that verify, retries with backoff until success or until attempts run
// out, the delivery log, delivery from the server process after an action, and the SSRF guard.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createWebhookAction,
  sendTestEventAction,
  setWebhookActiveAction,
} from "@/app/w/[workspaceId]/settings/integrations/actions";
import { listDeliveries } from "@/lib/services/webhook-endpoints";
import { checkWebhookUrl, deliverDueWebhooks, enqueueWebhookEvent, WEBHOOK_EVENTS } from "@/lib/services/webhooks";
// Aliased: the rules-of-hooks lint reads any use* call as a React hook.
import { setupTestDb as openTestDb } from "@/tests/helpers/db";
import { asUser, createWorkspace, type TestWorkspace } from "@/tests/helpers/request";
import { snapshot } from "../users/support";

const t = openTestDb();

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
let server: Server;
let port = 0;
let received: Received[] = [];
/** Status codes the receiver answers with, in order; the last one repeats. */
let answers: number[] = [200];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = answers.length > 1 ? answers.shift()! : answers[0];
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  stopWebhookLoop();
  await new Promise((resolve) => server.close(resolve));
});

/** kickWebhooks() keeps a per-process retry loop; stop it so it does not outlive this file's database. */
function stopWebhookLoop() {
  const g = globalThis as unknown as { __switchboardWebhookTimer?: NodeJS.Timeout };
  if (g.__switchboardWebhookTimer) clearInterval(g.__switchboardWebhookTimer);
  g.__switchboardWebhookTimer = undefined;
}

let ws: TestWorkspace;
beforeEach(async () => {
  received = [];
  answers = [200];
  vi.stubEnv("WEBHOOK_RETRY_BASE_MS", "5");
  ws = await createWorkspace({ name: "Hooks" });
  await asUser(ws.ownerId);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const url = () => `http://127.0.0.1:${port}/hook`;
/** Attempts before a delivery is given up (the first one and five retries). */
const ATTEMPTS = 6;

/** What a receiver computes to verify a delivery: HMAC-SHA256 of "<timestamp>.<body>", hex, "sha256=" prefixed. */
const expectedSignature = (secret: string, timestamp: unknown, body: string) =>
  `sha256=${createHmac("sha256", secret)
    .update(`${String(timestamp)}.${body}`)
    .digest("hex")}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function createEndpoint(events: string[] = [...WEBHOOK_EVENTS]) {
  const result = await createWebhookAction(ws.workspaceId, { url: url(), events });
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

/** Run delivery rounds (as the server's loop would) until the row is settled. */
async function deliverUntilSettled(
  deliveryId: string,
  observe?: (row: { attempt: number; status_code: number | null; error: string | null }) => void,
) {
  for (let round = 0; round < 200; round++) {
    await deliverDueWebhooks(t.db);
    const row = await t.db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("id", "=", deliveryId)
      .executeTakeFirstOrThrow();
    observe?.(row);
    if (row.delivered_at || row.next_attempt_at === null) return row;
    await sleep(10);
  }
  throw new Error("delivery did not settle");
}

const latestDelivery = () =>
  t.db.selectFrom("webhook_deliveries").selectAll().orderBy("created_at", "desc").executeTakeFirstOrThrow();

describe("webhook delivery to a real receiver", () => {
  it("signs each delivery so that the receiver can verify it with the secret shown once", async () => {
    const { id, secret } = await createEndpoint();
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.joined", { userId: ws.ownerId, role: "agent" });
    const row = await deliverUntilSettled((await latestDelivery()).id);

    expect(received).toHaveLength(1);
    const [req] = received;
    const timestamp = Number(req.headers["x-switchboard-timestamp"]);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
    const signature = req.headers["x-switchboard-signature"];
    expect(signature).toBe(expectedSignature(secret, req.headers["x-switchboard-timestamp"], req.body));
    // A receiver holding another secret, or a tampered body, does not verify.
    expect(signature).not.toBe(expectedSignature("whsec_wrong", timestamp, req.body));
    expect(signature).not.toBe(expectedSignature(secret, timestamp, req.body.replace("agent", "owner")));
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["x-switchboard-delivery"]).toBe(row.id);
    expect(JSON.parse(req.body)).toMatchObject({
      event: "member.joined",
      workspaceId: ws.workspaceId,
      data: { userId: ws.ownerId, role: "agent" },
    });

    expect(row).toMatchObject({ webhook_id: id, attempt: 1, status_code: 200, error: null, next_attempt_at: null });
    expect(row.delivered_at).not.toBeNull();
    const log = (await listDeliveries(t.db, ws.workspaceId)).get(id)!;
    expect(log).toMatchObject([{ event: "member.joined", attempt: 1, statusCode: 200, state: "delivered" }]);
  });

  it("retries a receiver answering 500 with backoff until it succeeds, logging each status", async () => {
    answers = [500, 500, 200];
    const { id, secret } = await createEndpoint();
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.revoked", { userId: ws.ownerId });
    const seen: { attempt: number; status: number | null; error: string | null }[] = [];
    const row = await deliverUntilSettled((await latestDelivery()).id, (r) => {
      if (!seen.some((s) => s.attempt === r.attempt))
        seen.push({ attempt: r.attempt, status: r.status_code, error: r.error });
    });

    expect(seen.filter((s) => s.attempt > 0)).toEqual([
      { attempt: 1, status: 500, error: "HTTP 500" },
      { attempt: 2, status: 500, error: "HTTP 500" },
      { attempt: 3, status: 200, error: null },
    ]);
    expect(row.delivered_at).not.toBeNull();
    // Three requests for the same delivery, each freshly signed and each verifying.
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers["x-switchboard-delivery"]))).toEqual(new Set([row.id]));
    for (const r of received)
      expect(r.headers["x-switchboard-signature"]).toBe(
        expectedSignature(secret, r.headers["x-switchboard-timestamp"], r.body),
      );
    expect((await listDeliveries(t.db, ws.workspaceId)).get(id)).toMatchObject([
      { attempt: 3, statusCode: 200, state: "delivered" },
    ]);
  });

  it("gives up after the last attempt and shows the failure in the log", async () => {
    answers = [503];
    const { id } = await createEndpoint();
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.updated", { userId: ws.ownerId });
    const delivery = await latestDelivery();
    const pending = (await listDeliveries(t.db, ws.workspaceId)).get(id)!;
    expect(pending).toMatchObject([{ attempt: 0, state: "retrying" }]);

    const row = await deliverUntilSettled(delivery.id);
    expect(row).toMatchObject({
      attempt: ATTEMPTS,
      status_code: 503,
      error: "HTTP 503",
      delivered_at: null,
      next_attempt_at: null,
    });
    expect(received).toHaveLength(ATTEMPTS);
    expect((await listDeliveries(t.db, ws.workspaceId)).get(id)).toMatchObject([
      { attempt: ATTEMPTS, statusCode: 503, state: "failed" },
    ]);
  });

  it("logs a receiver that cannot be reached, and only delivers subscribed events", async () => {
    const { id } = await createEndpoint(["member.invited"]);
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.joined", {});
    expect(await t.db.selectFrom("webhook_deliveries").select("id").execute()).toEqual([]);
    await t.db.updateTable("webhooks").set({ url: "http://127.0.0.1:9/closed" }).where("id", "=", id).execute();
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.invited", {});
    await deliverDueWebhooks(t.db);
    expect(await latestDelivery()).toMatchObject({
      attempt: 1,
      status_code: null,
      error: "connection failed",
      delivered_at: null,
    });
  });

  it("disabling an endpoint stops its pending retries", async () => {
    answers = [500];
    const { id } = await createEndpoint();
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.joined", {});
    await deliverDueWebhooks(t.db);
    expect((await latestDelivery()).next_attempt_at).not.toBeNull();
    expect((await setWebhookActiveAction(ws.workspaceId, { webhookId: id, active: false })).ok).toBe(true);
    expect(await latestDelivery()).toMatchObject({ attempt: 1, next_attempt_at: null, delivered_at: null });
    await sleep(30);
    await deliverDueWebhooks(t.db);
    expect(received).toHaveLength(1);
    // And a disabled endpoint receives no new events.
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.joined", {});
    expect(await t.db.selectFrom("webhook_deliveries").select("id").execute()).toHaveLength(1);
  });

  it("delivers from the server process after an action: 'Send test event' reaches the receiver with no manual round", async () => {
    // The loop kickWebhooks starts ticks every min(15 s, base): keep it slow so this test sees the kick itself.
    vi.stubEnv("WEBHOOK_RETRY_BASE_MS", "60000");
    const { id, secret } = await createEndpoint();
    const result = await sendTestEventAction(ws.workspaceId, { webhookId: id });
    expect(result.ok).toBe(true);
    for (let i = 0; i < 100 && received.length === 0; i++) await sleep(20);
    expect(received).toHaveLength(1);
    const [req] = received;
    expect(JSON.parse(req.body)).toMatchObject({ event: "webhook.test", workspaceId: ws.workspaceId });
    expect(req.headers["x-switchboard-signature"]).toBe(
      expectedSignature(secret, req.headers["x-switchboard-timestamp"], req.body),
    );
    for (let i = 0; i < 100; i++) {
      if ((await latestDelivery()).delivered_at) break;
      await sleep(20);
    }
    expect(await latestDelivery()).toMatchObject({ event: "webhook.test", status_code: 200, attempt: 1 });
    stopWebhookLoop();
  });
});

describe("SSRF guard (production semantics)", () => {
  beforeEach(() => {
    vi.stubEnv("NODE_ENV", "production");
  });

  it.each([
    ["http://example.com/hook", "invalid"],
    ["ftp://example.com/hook", "invalid"],
    ["not a url", "invalid"],
    ["https://user:secret@example.com/hook", "invalid"],
    ["https://localhost/hook", "private"],
    ["https://api.localhost/hook", "private"],
    ["https://127.0.0.1/hook", "private"],
    ["https://127.1.2.3:8443/hook", "private"],
    ["https://10.1.2.3/hook", "private"],
    ["https://172.16.0.1/hook", "private"],
    ["https://192.168.1.10/hook", "private"],
    ["https://169.254.169.254/latest/meta-data", "private"],
    ["https://100.64.0.1/hook", "private"],
    ["https://0.0.0.0/hook", "private"],
    ["https://[::1]/hook", "private"],
    ["https://[fd00::1]/hook", "private"],
    ["https://[::ffff:127.0.0.1]/hook", "private"],
    ["https://[::ffff:a00:1]/hook", "private"],
    ["https://[::127.0.0.1]/hook", "private"],
    ["https://[64:ff9b::a9fe:a9fe]/hook", "private"],
    ["https://93.184.215.14/hook", "ok"],
  ])("%s → %s", async (raw, expected) => {
    expect(await checkWebhookUrl(raw)).toBe(expected);
  });

  it("refuses private and non-https endpoints on create, as field errors, writing nothing", async () => {
    // The guard passed (the Owner's activity is recorded); the refusal comes after it.
    const before = await snapshot(t.db, { ignoreActivity: true });
    for (const [raw, message] of [
      [url(), "Enter a full https:// address."],
      ["https://127.0.0.1/hook", "This address points to a private or local network. Use a public address."],
      ["https://localhost:3000/hook", "This address points to a private or local network. Use a public address."],
      ["https://10.0.0.8/hook", "This address points to a private or local network. Use a public address."],
    ] as const) {
      const result = await createWebhookAction(ws.workspaceId, { url: raw, events: ["member.joined"] });
      expect(result, raw).toMatchObject({ ok: false, code: "invalidInput", fieldErrors: { url: message } });
    }
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });

  it("refuses to deliver to an endpoint that became private (checked again before each attempt)", async () => {
    const hook = await t.db
      .insertInto("webhooks")
      .values({ workspace_id: ws.workspaceId, url: url(), secret: "whsec_x", events: ["member.joined"] })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.joined", {});
    await deliverDueWebhooks(t.db);
    expect(received).toHaveLength(0);
    expect(await latestDelivery()).toMatchObject({
      webhook_id: hook.id,
      attempt: 1,
      status_code: null,
      error: "refused: invalid address",
    });
  });
});
