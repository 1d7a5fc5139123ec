// Availability (docs/PRODUCT.md, Availability): every actor × the two actions (a member's own
// status; the workspace's auto-away delay), a refusal leaving the database as it was; auto-away
// decided by the database's clock (last_active_at moved into the past, no sleeping); the
// announcements on the presence channel and the live stream; the dot in the lists and the CSV.
import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setAvailabilityAction } from "@/app/w/[workspaceId]/actions";
import { setAutoAwayAction } from "@/app/w/[workspaceId]/settings/general/actions";
import { GET as streamGET } from "@/app/api/presence/stream/route";
import { AUTO_AWAY_GRACE_SECONDS, announceAway } from "@/lib/presence/availability";
import { forgetHeartbeat, heartbeat } from "@/lib/presence/service";
import { assignableMembers } from "@/lib/services/contacts";
import { listPeople } from "@/lib/services/members";
import { usersReport } from "@/lib/services/reports";
import { usersCsvRows } from "@/lib/services/users-export";
import { getAvailability, setAvailability } from "@/lib/services/availability";
// Aliased: the rules-of-hooks lint reads any use* call as a React hook.
import { setupTestDb as openTestDb } from "@/tests/helpers/db";
import { listenPresence, type PresenceBus } from "@/tests/helpers/presence";
import { addMember, asUser, createUser, createWorkspace } from "@/tests/helpers/request";
import { actorFor, snapshot } from "../users/support";
import { A, ACTORS, buildScene, fromAction, type ActorKey, type Call, type Outcome, type Scene } from "./scene";

// Delivery is tested in webhook-delivery.db.test.ts; here the queued row is the proof.
vi.mock("@/lib/services/webhooks", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  kickWebhooks: vi.fn(),
}));

const t = openTestDb();

afterEach(() => forgetHeartbeat());

// Columns: setAvailabilityAction (membership only) · setAutoAwayAction (settings.manage)
const EXPECTED: Record<ActorKey, [Outcome, Outcome]> = {
  owner: /*                          */ [A, A],
  "owner (not org admin)": /*        */ [A, A],
  manager: /*                        */ [A, A],
  "manager:no_settings": /*          */ [A, 403],
  "manager:no_integrations": /*      */ [A, A],
  "manager:no_export": /*            */ [A, A],
  "manager:no_contact_delete": /*    */ [A, A],
  agent: /*                          */ [A, 403],
  "org admin (not a member)": /*     */ [404, 404],
  "member of another workspace": /*  */ [404, 404],
  "revoked member": /*               */ [404, 404],
  anonymous: /*                      */ [401, 401],
};

const wsOf = (s: Scene) => s.ws.workspaceId;

const memberRow = (workspaceId: string, userId: string) =>
  t.db
    .selectFrom("workspace_members")
    .select(["availability", "away_announced", "version"])
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();

const auditRows = (workspaceId: string, action: string) =>
  t.db
    .selectFrom("audit_log")
    .select(["actor_id", "target", "before", "after", "ip"])
    .where("workspace_id", "=", workspaceId)
    .where("action", "=", action)
    // In the order written: without it the planner may read audit_log_workspace_idx (newest first).
    .orderBy("id")
    .execute();

/** A receiver subscribed to the status event (the scene's own webhook has the default events). */
async function statusHook(workspaceId: string, createdBy: string) {
  return (
    await t.db
      .insertInto("webhooks")
      .values({
        workspace_id: workspaceId,
        url: "https://hooks.example.com/status",
        secret: "whsec_status",
        events: ["member.status_changed"],
        created_by: createdBy,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

const CALLS: { name: string; column: 0 | 1; call: Call }[] = [
  {
    name: "setAvailabilityAction",
    column: 0,
    call: async (s) =>
      fromAction(await setAvailabilityAction(wsOf(s), { availability: "away" }), async (data) => {
        expect(data).toEqual({ availability: "away" });
        expect(await memberRow(wsOf(s), s.actorId!)).toMatchObject({ availability: "away", away_announced: true });
        expect(await auditRows(wsOf(s), "member.status_changed")).toEqual([
          {
            actor_id: s.actorId,
            target: s.actorId,
            before: { availability: "available" },
            after: { availability: "away" },
            ip: expect.any(String),
          },
        ]);
        const deliveries = await t.db
          .selectFrom("webhook_deliveries")
          .select(["event", "payload"])
          .where("workspace_id", "=", wsOf(s))
          .execute();
        expect(deliveries).toEqual([
          {
            event: "member.status_changed",
            payload: expect.objectContaining({
              event: "member.status_changed",
              workspaceId: wsOf(s),
              data: { userId: s.actorId, before: { availability: "available" }, after: { availability: "away" } },
            }),
          },
        ]);
      }),
  },
  {
    name: "setAutoAwayAction",
    column: 1,
    call: async (s) =>
      fromAction(await setAutoAwayAction(wsOf(s), { minutes: 15 }), async (data) => {
        expect(data).toEqual({ minutes: 15 });
        const row = await t.db
          .selectFrom("workspaces")
          .select("auto_away_minutes")
          .where("id", "=", wsOf(s))
          .executeTakeFirstOrThrow();
        expect(row.auto_away_minutes).toBe(15);
        expect(await auditRows(wsOf(s), "workspace.auto_away_changed")).toEqual([
          expect.objectContaining({ actor_id: s.actorId, before: { minutes: null }, after: { minutes: 15 } }),
        ]);
      }),
  },
];

describe("availability: actor × action matrix", () => {
  it.each(ACTORS)("%s", async (actor) => {
    for (const { name, call, column } of CALLS) {
      const cell = `${actor} → ${name}`;
      const scene = await buildScene(t.db, actor);
      await statusHook(wsOf(scene), scene.ws.ownerId);
      await asUser(scene.actorId);
      const before = await snapshot(t.db);
      const { outcome, verify } = await call(scene);
      expect.soft(outcome, cell).toBe(EXPECTED[actor][column]);
      if (outcome === "allow") {
        const failure = await verify().then(
          () => undefined,
          (e: Error) => e.message,
        );
        expect.soft(failure, `${cell}: the allowed call did its job`).toBeUndefined();
      } else expect.soft(await snapshot(t.db), `${cell}: a refused call must not write anything`).toEqual(before);
    }
  });

  it("refuses malformed input without writing: unknown status, minutes outside 1–60, fractions, text, extra fields", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    const before = await snapshot(t.db, { ignoreActivity: true });
    for (const input of [{ availability: "busy" }, { availability: "away", userId: ws.ownerId }, {}, null]) {
      const result = await setAvailabilityAction(ws.workspaceId, input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.code).toBe("invalidInput");
    }
    for (const minutes of [0, 61, 2.5, "5", -1, undefined]) {
      const result = await setAutoAwayAction(ws.workspaceId, { minutes });
      expect(result.ok, String(minutes)).toBe(false);
      if (!result.ok) expect(result.code).toBe("invalidInput");
    }
    expect(await snapshot(t.db, { ignoreActivity: true })).toEqual(before);
  });

  it("sets only the actor's own status, in this workspace only; the same status again records nothing", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    await addMember(other, agent, "agent");
    await asUser(agent);
    expect((await setAvailabilityAction(ws.workspaceId, { availability: "away" })).ok).toBe(true);
    expect((await setAvailabilityAction(ws.workspaceId, { availability: "away" })).ok).toBe(true);
    expect(await auditRows(ws.workspaceId, "member.status_changed")).toHaveLength(1);
    expect((await memberRow(ws.workspaceId, agent.id)).availability).toBe("away");
    expect((await memberRow(other.workspaceId, agent.id)).availability, "per membership").toBe("available");
    expect((await memberRow(ws.workspaceId, ws.ownerId)).availability).toBe("available");
    // Not an access change: the membership's version (token claims) does not move.
    expect((await memberRow(ws.workspaceId, agent.id)).version).toBe(
      (await memberRow(other.workspaceId, agent.id)).version,
    );
    expect((await setAvailabilityAction(ws.workspaceId, { availability: "available" })).ok).toBe(true);
    expect((await auditRows(ws.workspaceId, "member.status_changed")).map((r) => r.after)).toEqual([
      { availability: "away" },
      { availability: "available" },
    ]);
  });
});

describe("auto-away by the database's clock", () => {
  const setLastActive = (workspaceId: string, userId: string, secondsAgo: number) =>
    t.db
      .updateTable("workspace_members")
      .set({ last_active_at: sql<Date>`now() - make_interval(secs => ${secondsAgo})` })
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .execute();
  const awayEvents = async (bus: PresenceBus, userId: string) =>
    (await bus.upToNow()).filter((e) => e.t === "away" && e.u === userId);

  async function sceneWithAgent(minutes: number | null) {
    const ws = await createWorkspace();
    const agent = await createUser({ name: "Quiet Agent" });
    await addMember(ws, agent, "agent");
    await t.db.updateTable("workspaces").set({ auto_away_minutes: minutes }).where("id", "=", ws.workspaceId).execute();
    // Everyone active just now (a member never active counts as inactive), the agent online.
    await t.db
      .updateTable("workspace_members")
      .set({ last_active_at: sql<Date>`now()` })
      .where("workspace_id", "=", ws.workspaceId)
      .execute();
    await heartbeat(t.db, agent.id);
    return { ws, agent };
  }

  it("turns an online member away after the delay plus the grace, announces it once, and back on activity", async () => {
    const { ws, agent } = await sceneWithAgent(5);
    const bus = await listenPresence(t);
    try {
      // 4 minutes without activity: still available.
      await setLastActive(ws.workspaceId, agent.id, 4 * 60);
      expect(await announceAway(t.db)).toBe(0);
      expect((await getAvailability(t.db, ws.workspaceId, agent.id))!.away).toBe(false);
      // Exactly the delay: still within the grace (last_active_at is written once a minute).
      await setLastActive(ws.workspaceId, agent.id, 5 * 60 + AUTO_AWAY_GRACE_SECONDS - 5);
      expect(await announceAway(t.db)).toBe(0);
      // Past delay + grace: away, announced once.
      await setLastActive(ws.workspaceId, agent.id, 5 * 60 + AUTO_AWAY_GRACE_SECONDS + 1);
      expect((await getAvailability(t.db, ws.workspaceId, agent.id))!).toEqual({
        availability: "available",
        away: true,
        autoAwayMinutes: 5,
      });
      expect(await announceAway(t.db)).toBe(1);
      expect(await announceAway(t.db)).toBe(0);
      expect(await awayEvents(bus, agent.id)).toEqual([{ t: "away", u: agent.id, a: true, ws: [ws.workspaceId] }]);
      // Active again: available, announced.
      await setLastActive(ws.workspaceId, agent.id, 0);
      expect(await announceAway(t.db)).toBe(1);
      expect((await awayEvents(bus, agent.id)).map((e) => (e as { a?: boolean }).a)).toEqual([true, false]);
      // Automatic transitions write no audit row.
      expect(await auditRows(ws.workspaceId, "member.status_changed")).toEqual([]);
    } finally {
      await bus.stop();
    }
  });

  it("is off by default: a member inactive for hours stays available", async () => {
    const { ws, agent } = await sceneWithAgent(null);
    await setLastActive(ws.workspaceId, agent.id, 5 * 3600);
    expect(await announceAway(t.db)).toBe(0);
    expect((await getAvailability(t.db, ws.workspaceId, agent.id))!.away).toBe(false);
  });

  it("the setting's change announces at once who it turns away or back, in the same transaction", async () => {
    const { ws, agent } = await sceneWithAgent(null);
    await setLastActive(ws.workspaceId, agent.id, 10 * 60);
    const bus = await listenPresence(t);
    try {
      await asUser(ws.ownerId);
      expect((await setAutoAwayAction(ws.workspaceId, { minutes: 1 })).ok).toBe(true);
      expect(await awayEvents(bus, agent.id)).toEqual([{ t: "away", u: agent.id, a: true, ws: [ws.workspaceId] }]);
      expect((await memberRow(ws.workspaceId, agent.id)).away_announced).toBe(true);
      // Raised beyond the agent's quiet time: available again.
      expect((await setAutoAwayAction(ws.workspaceId, { minutes: 60 })).ok).toBe(true);
      expect((await awayEvents(bus, agent.id)).map((e) => (e as { a?: boolean }).a)).toEqual([true, false]);
      expect((await setAutoAwayAction(ws.workspaceId, { minutes: null })).ok).toBe(true);
      expect(await announceAway(t.db)).toBe(0);
    } finally {
      await bus.stop();
    }
  });

  it("a member who set Away stays away whatever their activity; Available again with auto-away still applies", async () => {
    const { ws, agent } = await sceneWithAgent(5);
    await setLastActive(ws.workspaceId, agent.id, 0);
    await asUser(agent);
    const bus = await listenPresence(t);
    try {
      expect((await setAvailabilityAction(ws.workspaceId, { availability: "away" })).ok).toBe(true);
      // Announced by the action's own transaction, not left to the sweep.
      expect(await awayEvents(bus, agent.id)).toEqual([{ t: "away", u: agent.id, a: true, ws: [ws.workspaceId] }]);
      expect(await announceAway(t.db)).toBe(0);
      expect((await getAvailability(t.db, ws.workspaceId, agent.id))!.away).toBe(true);
      await setLastActive(ws.workspaceId, agent.id, 3600);
      expect((await setAvailabilityAction(ws.workspaceId, { availability: "available" })).ok).toBe(true);
      // Chose Available but inactive for an hour: still away (automatically), so nothing to announce.
      expect((await getAvailability(t.db, ws.workspaceId, agent.id))!).toMatchObject({
        availability: "available",
        away: true,
      });
      expect((await awayEvents(bus, agent.id)).map((e) => (e as { a?: boolean }).a)).toEqual([true]);
    } finally {
      await bus.stop();
    }
  });
});

describe("the dot everywhere it is shown", () => {
  it("the Users list, the report, the assignee pickers and the CSV agree: available, away (set or automatic), offline", async () => {
    const ws = await createWorkspace();
    const names = { available: "A Available", manual: "B Manual", auto: "C Auto", offline: "D Offline" };
    const users: Record<keyof typeof names, string> = { available: "", manual: "", auto: "", offline: "" };
    for (const key of Object.keys(names) as (keyof typeof names)[]) {
      const user = await createUser({ name: names[key] });
      await addMember(ws, user, "agent");
      users[key] = user.id;
      if (key !== "offline") await heartbeat(t.db, user.id);
    }
    await t.db.updateTable("workspaces").set({ auto_away_minutes: 2 }).where("id", "=", ws.workspaceId).execute();
    await t.db
      .updateTable("workspace_members")
      .set({ last_active_at: sql<Date>`now()` })
      .where("workspace_id", "=", ws.workspaceId)
      .execute();
    await t.db
      .updateTable("workspace_members")
      .set({ last_active_at: sql<Date>`now() - interval '1 hour'` })
      .where("workspace_id", "=", ws.workspaceId)
      .where("user_id", "in", [users.auto, users.offline])
      .execute();
    await t.db
      .updateTable("workspace_members")
      .set({ availability: "away" })
      .where("workspace_id", "=", ws.workspaceId)
      .where("user_id", "=", users.manual)
      .execute();
    const expected = {
      [users.available]: "online",
      [users.manual]: "away",
      [users.auto]: "away",
      [users.offline]: "offline",
    };

    const people = await listPeople(t.db, ws.workspaceId, { q: "", limit: 50 });
    const listed = Object.fromEntries(
      people.rows.flatMap((r) => (r.kind === "member" && r.id !== ws.ownerId ? [[r.id, r]] : [])),
    );
    for (const [id, dot] of Object.entries(expected)) {
      expect({ online: listed[id].online, away: listed[id].away }, `list ${id}`).toEqual(
        dot === "online"
          ? { online: true, away: false }
          : dot === "away"
            ? { online: true, away: true }
            : { online: false, away: true },
      );
    }
    const report = await usersReport(t.db, ws.workspaceId, { limit: 50 });
    for (const r of report.rows.filter((r) => r.userId !== ws.ownerId))
      expect(r.online && !r.away ? "online" : r.online ? "away" : "offline", `report ${r.name}`).toBe(
        expected[r.userId],
      );
    const picked = await assignableMembers(t.db, ws.workspaceId);
    for (const m of picked.filter((m) => m.user_id !== ws.ownerId))
      expect(m.dot, `picker ${m.name}`).toBe(expected[m.user_id]);

    let csv = "";
    for await (const chunk of usersCsvRows(t.db, ws.workspaceId)) csv += chunk;
    const cells = { online: "available", away: "away", offline: "offline" } as const;
    for (const key of Object.keys(names) as (keyof typeof names)[]) expect(csv, key).toContain(`${names[key]},`);
    for (const line of csv.trim().split("\r\n")) {
      const key = (Object.keys(names) as (keyof typeof names)[]).find((k) => line.startsWith(`${names[k]},`));
      // The availability column, after name, email, access level, role, status, restrictions, teams, last active.
      if (key) expect(line.split(",")[8], `csv ${key}`).toBe(cells[expected[users[key]] as keyof typeof cells]);
    }
  });
});

describe("the presence stream", () => {
  async function readTo(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string, timeoutMs = 5000) {
    const decoder = new TextDecoder();
    let text = "";
    const deadline = Date.now() + timeoutMs;
    while (!text.includes(needle) && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const next = await Promise.race([
        reader.read(),
        new Promise<"timeout">((r) => {
          timer = setTimeout(() => r("timeout"), Math.max(1, deadline - Date.now()));
        }),
      ]);
      clearTimeout(timer);
      if (next === "timeout" || next.done) break;
      text += decoder.decode(next.value, { stream: true });
    }
    return text;
  }

  it("the snapshot names who is away; an Agent's Away and Available reach the Owner's open stream", async () => {
    const ws = await createWorkspace();
    const agent = await createUser();
    const away = await createUser();
    await addMember(ws, agent, "agent");
    await addMember(ws, away, "agent");
    await heartbeat(t.db, agent.id);
    await heartbeat(t.db, away.id);
    await t.db
      .updateTable("workspace_members")
      .set({ availability: "away" })
      .where("workspace_id", "=", ws.workspaceId)
      .where("user_id", "=", away.id)
      .execute();
    await asUser(ws.ownerId);
    const res = await streamGET(new Request(`http://localhost/api/presence/stream?workspaceId=${ws.workspaceId}`));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    try {
      const first = await readTo(reader, "event: snapshot");
      expect(first).toContain(`"away":["${away.id}"]`);
      await asUser(agent);
      expect((await setAvailabilityAction(ws.workspaceId, { availability: "away" })).ok).toBe(true);
      expect(await readTo(reader, agent.id)).toContain(`event: away\ndata: {"userId":"${agent.id}","away":true}`);
      expect((await setAvailabilityAction(ws.workspaceId, { availability: "available" })).ok).toBe(true);
      expect(await readTo(reader, `"away":false`)).toContain(
        `event: away\ndata: {"userId":"${agent.id}","away":false}`,
      );
    } finally {
      await reader.cancel();
    }
  });
});

describe("announcements under concurrency (PostgreSQL: two connections)", () => {
  it("a sweep skips a row another transaction holds, without waiting; the holder announces it, once", async (ctx) => {
    if (t.config.kind !== "pg") ctx.skip();
    const ws = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    const actor = await actorFor(t.db, ws.workspaceId, agent.id);
    const bus = await listenPresence(t);
    try {
      await t.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("workspace_members")
          .set({ availability: "away" })
          .where("workspace_id", "=", ws.workspaceId)
          .where("user_id", "=", agent.id)
          .execute();
        // Another connection's sweep: the row is locked, so it is skipped at once (no wait).
        const started = Date.now();
        expect(await announceAway(t.db)).toBe(0);
        expect(Date.now() - started).toBeLessThan(2000);
        expect(await announceAway(trx, { workspaceId: ws.workspaceId, userId: agent.id })).toBe(1);
      });
      expect(await announceAway(t.db)).toBe(0);
      const events = (await bus.upToNow()).filter((e) => e.t === "away" && e.u === agent.id);
      expect(events).toEqual([{ t: "away", u: agent.id, a: true, ws: [ws.workspaceId] }]);

      // 50 rounds of the member toggling while two sweeps run: the events alternate (never the
      // same state twice in a row) and the last one is the truth.
      for (let round = 0; round < 50; round++) {
        const next = round % 2 === 0 ? "available" : "away";
        await Promise.all([setAvailability(t.db, actor, next), announceAway(t.db), announceAway(t.db)]);
      }
      await announceAway(t.db);
      const states = (await bus.upToNow())
        .filter((e) => e.t === "away" && e.u === agent.id)
        .map((e) => (e as { a?: boolean }).a);
      expect(states).toHaveLength(51);
      for (let i = 1; i < states.length; i++) expect(states[i], `event ${i}`).toBe(!states[i - 1]);
      expect(states.at(-1)).toBe(true);
      expect((await memberRow(ws.workspaceId, agent.id)).away_announced).toBe(true);
    } finally {
      await bus.stop();
    }
  });
});
