// Webhooks end to end against a real HTTP receiver on 127.0.0.1: deliveries signed to the
// Standard Webhooks specification (verified with the `standardwebhooks` library, not with our own
// signing code), secret rotation with an overlap, retries with backoff until success or until
// attempts run out, the delivery log, delivery from the server process after an action, and the
// SSRF guard — on save, and at connect time against a DNS answer that changes (rebinding).
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createWebhookAction,
  rotateWebhookSecretAction,
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
/** "endless": answer 200 and stream a body that never ends. */
let mode: "normal" | "endless" = "normal";

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (req.url === "/elsewhere") return res.writeHead(200).end("followed");
      if (mode === "endless") {
        res.writeHead(200, { "content-type": "text/plain" });
        const timer = setInterval(() => res.write(Buffer.alloc(16 * 1024, 97)), 1);
        res.on("close", () => clearInterval(timer));
        return;
      }
      const status = answers.length > 1 ? answers.shift()! : answers[0];
      const location = status >= 300 && status < 400 ? { location: `http://127.0.0.1:${port}/elsewhere` } : {};
      res.writeHead(status, { "content-type": "text/plain", ...location }).end(status < 300 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

let ws: TestWorkspace;
beforeEach(async () => {
  received = [];
  answers = [200];
  mode = "normal";
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
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a receiver does with the `standardwebhooks` library: throws unless a signature verifies. */
function verifies(secret: string, r: Received, body = r.body): boolean {
  const headers = {
    "webhook-id": String(r.headers["webhook-id"]),
    "webhook-timestamp": String(r.headers["webhook-timestamp"]),
    "webhook-signature": String(r.headers["webhook-signature"]),
  };
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}

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
    const timestamp = Number(req.headers["webhook-timestamp"]);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(req.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verifies(secret, req)).toBe(true);
    // A receiver holding another secret, or a tampered body, does not verify.
    expect(verifies(`whsec_${Buffer.alloc(24, 7).toString("base64")}`, req)).toBe(false);
    expect(verifies(secret, req, req.body.replace("agent", "owner"))).toBe(false);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["webhook-id"]).toBe(row.id);
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
    expect(new Set(received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([row.id]));
    for (const r of received) expect(verifies(secret, r)).toBe(true);
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
    // Retries are the webhooks job's (not run under vitest): what arrives here is the kick itself.
    vi.stubEnv("WEBHOOK_RETRY_BASE_MS", "60000");
    const { id, secret } = await createEndpoint();
    const result = await sendTestEventAction(ws.workspaceId, { webhookId: id });
    expect(result.ok).toBe(true);
    for (let i = 0; i < 100 && received.length === 0; i++) await sleep(20);
    expect(received).toHaveLength(1);
    const [req] = received;
    expect(JSON.parse(req.body)).toMatchObject({ event: "webhook.test", workspaceId: ws.workspaceId });
    expect(verifies(secret, req)).toBe(true);
    for (let i = 0; i < 100; i++) {
      if ((await latestDelivery()).delivered_at) break;
      await sleep(20);
    }
    expect(await latestDelivery()).toMatchObject({ event: "webhook.test", status_code: 200, attempt: 1 });
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

describe("secret rotation with an overlap", () => {
  it("signs with the new and the replaced secret for a day, then with the new one only", async () => {
    const { id, secret: first } = await createEndpoint();
    const rotated = await rotateWebhookSecretAction(ws.workspaceId, { webhookId: id });
    if (!rotated.ok) throw new Error(rotated.message);
    const second = rotated.data.secret;
    expect(second).not.toBe(first);
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.joined", {});
    await deliverUntilSettled((await latestDelivery()).id);
    expect(String(received[0].headers["webhook-signature"]).split(" ")).toHaveLength(2);
    // A receiver still on the old secret and one already on the new secret both accept it.
    expect(verifies(first, received[0])).toBe(true);
    expect(verifies(second, received[0])).toBe(true);
    const { previous_secret_until } = await t.db
      .selectFrom("webhooks")
      .select("previous_secret_until")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const hours = (previous_secret_until!.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);

    // Once the overlap is over, the old secret no longer verifies.
    await t.db
      .updateTable("webhooks")
      .set({ previous_secret_until: new Date(Date.now() - 1000) })
      .where("id", "=", id)
      .execute();
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.updated", {});
    await deliverUntilSettled((await latestDelivery()).id);
    expect(String(received[1].headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verifies(second, received[1])).toBe(true);
    expect(verifies(first, received[1])).toBe(false);
  });
});

describe("the delivery request is bounded", () => {
  it("does not follow a redirect: a 302 is a failed attempt and nothing is sent to its Location", async () => {
    answers = [302];
    await createEndpoint();
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.joined", {});
    await deliverDueWebhooks(t.db);
    expect(await latestDelivery()).toMatchObject({ attempt: 1, status_code: 302, error: "HTTP 302" });
    expect(received.map((r) => r.headers.host && r.body.length > 0)).toEqual([true]);
    expect(received).toHaveLength(1);
  });

  it("stops reading an answer that never ends after 64 KiB (no timeout, no memory growth)", async () => {
    mode = "endless";
    await createEndpoint();
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.joined", {});
    const started = Date.now();
    await deliverDueWebhooks(t.db);
    // Without the bound the read would run into the 10 s timeout and log "timeout".
    expect(await latestDelivery()).toMatchObject({ attempt: 1, status_code: 200, error: null });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("the address is checked at connect time (DNS rebinding)", () => {
  const HOST = "hooks.rebind.test";
  const publicAddress = "93.184.215.14";

  it("connects to the address the resolver gave (a name no real DNS knows reaches the local receiver)", async () => {
    const resolved: string[] = [];
    const policy = { allowPrivate: true, resolve: async (h: string) => (resolved.push(h), ["127.0.0.1"]) };
    const { id } = await createEndpoint();
    await t.db
      .updateTable("webhooks")
      .set({ url: `http://${HOST}:${port}/hook` })
      .where("id", "=", id)
      .execute();
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.joined", {});
    await deliverDueWebhooks(t.db, 20, policy);
    expect(await latestDelivery()).toMatchObject({ attempt: 1, status_code: 200, error: null });
    expect(received).toHaveLength(1);
    expect(received[0].headers.host).toBe(`${HOST}:${port}`);
    expect(resolved).toContain(HOST);
  });

  it("refuses when the answer turns from a public address to loopback after the check", async () => {
    let calls = 0;
    const policy = {
      allowPrivate: false,
      resolve: async () => (++calls === 1 ? [publicAddress] : ["127.0.0.1"]),
    };
    // The check on save (and before delivery) sees the public answer…
    expect(await checkWebhookUrl(`https://${HOST}/hook`, { ...policy, resolve: async () => [publicAddress] })).toBe(
      "ok",
    );
    const hook = await t.db
      .insertInto("webhooks")
      .values({
        workspace_id: ws.workspaceId,
        url: `https://${HOST}:${port}/hook`,
        secret: "whsec_x",
        events: ["member.joined"],
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueWebhookEvent(t.db, ws.workspaceId, "member.joined", {});
    await deliverDueWebhooks(t.db, 20, policy);
    // …the connection asks again, gets loopback, and never opens.
    expect(calls).toBe(2);
    expect(received).toHaveLength(0);
    expect(await latestDelivery()).toMatchObject({
      webhook_id: hook.id,
      attempt: 1,
      status_code: null,
      error: "refused: private address",
    });
  });

  it.each([["2002:7f00:1::"], ["ff02::1"], ["fec0::1"], ["198.18.0.1"], ["192.0.0.1"], ["::ffff:7f00:1"]])(
    "refuses a name resolving to %s",
    async (address) => {
      const policy = { allowPrivate: false, resolve: async () => [address] };
      expect(await checkWebhookUrl(`https://${HOST}/hook`, policy)).toBe("private");
    },
  );
});
