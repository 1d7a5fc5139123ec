// The request id (lib/request-id.ts) through the action wrappers: stored on the audit rows the
// action writes, told to the user as the reference of an unexpected failure, and on that
// failure's log line (lib/log.ts).
import type { KyselyPlugin } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setDbHandle } from "@/db/connect";
import { createTeamAction } from "@/app/w/[workspaceId]/settings/teams/actions";
import { deactivateMemberAction, reactivateMemberAction } from "@/app/w/[workspaceId]/settings/users/actions";
import { log } from "@/lib/log";
import { audit } from "@/lib/services/audit";
import { setupTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace, requestHeaders } from "@/tests/helpers/request";

const t = setupTestDb();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function auditRows(workspaceId: string, action: string) {
  return t.db
    .selectFrom("audit_log")
    .select(["action", "target", "request_id"])
    .where("workspace_id", "=", workspaceId)
    .where("action", "=", action)
    .orderBy("id")
    .execute();
}

/** The JSON lines the logger writes while `fn` runs (at level error and above). */
async function logLines(fn: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const previous = log.level;
  log.level = "error";
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await fn();
  } finally {
    write.mockRestore();
    log.level = previous;
  }
  return lines
    .join("")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Call `createTeamAction` on a database whose statements fail where `fails` says; its result and log lines. */
async function failingCall(workspaceId: string, fails: (kind: string) => boolean) {
  const failing: KyselyPlugin = {
    transformQuery: (args) => {
      if (fails(args.node.kind)) throw new Error("connection terminated unexpectedly");
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  setDbHandle({ ...t.handle, db: t.db.withPlugin(failing) });
  let result: unknown;
  try {
    const lines = await logLines(async () => {
      result = await createTeamAction(workspaceId, { name: "Support" });
    });
    return { result, lines };
  } finally {
    setDbHandle(t.handle);
  }
}

afterEach(() => {
  requestHeaders().delete("x-request-id");
});

describe("the request id on audit rows", () => {
  it("stores the id the middleware forwarded on every audit row the action writes", async () => {
    const ws = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    await asUser(ws.ownerId, { headers: { "x-request-id": "req-test-0001" } });
    expect(await createTeamAction(ws.workspaceId, { name: "Support" })).toMatchObject({ ok: true });
    expect(await auditRows(ws.workspaceId, "team.created")).toEqual([
      expect.objectContaining({ request_id: "req-test-0001" }),
    ]);

    requestHeaders().set("x-request-id", "req-test-0002");
    expect(await deactivateMemberAction(ws.workspaceId, { userId: agent.id, reassignTo: ws.ownerId })).toMatchObject({
      ok: true,
    });
    requestHeaders().set("x-request-id", "req-test-0003");
    expect(await reactivateMemberAction(ws.workspaceId, { userId: agent.id })).toMatchObject({ ok: true });
    expect((await auditRows(ws.workspaceId, "member.deactivated")).map((r) => r.request_id)).toEqual(["req-test-0002"]);
    expect((await auditRows(ws.workspaceId, "member.reactivated")).map((r) => r.request_id)).toEqual(["req-test-0003"]);
  });

  it("without a forwarded id (or an unsafe one) each action gets a fresh id of its own", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId);
    expect(await createTeamAction(ws.workspaceId, { name: "One" })).toMatchObject({ ok: true });
    requestHeaders().set("x-request-id", "bad id\twith tab");
    expect(await createTeamAction(ws.workspaceId, { name: "Two" })).toMatchObject({ ok: true });
    const ids = (await auditRows(ws.workspaceId, "team.created")).map((r) => r.request_id);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("is null on a row written outside a request (a script, a job)", async () => {
    const ws = await createWorkspace();
    await audit(t.db, { workspaceId: ws.workspaceId, actorId: null, action: "team.created", target: "script" });
    expect(await auditRows(ws.workspaceId, "team.created")).toEqual([
      { action: "team.created", target: "script", request_id: null },
    ]);
  });

  it("a refused action writes no audit row", async () => {
    const ws = await createWorkspace();
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    await asUser(agent.id, { headers: { "x-request-id": "req-test-denied" } });
    expect(await createTeamAction(ws.workspaceId, { name: "Nope" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await auditRows(ws.workspaceId, "team.created")).toEqual([]);
  });
});

describe("the reference of an unexpected failure", () => {
  it("is the request id, in the message, and on the failure's log line", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId, { headers: { "x-request-id": "req-fails-0042" } });
    // Every INSERT fails as if the database broke mid-action; the membership check still reads.
    const { result, lines } = await failingCall(ws.workspaceId, (kind) => kind === "InsertQueryNode");
    expect(result).toEqual({
      ok: false,
      code: "generic",
      message: "Something went wrong. Please try again. Reference: req-fails-0042",
      reference: "req-fails-0042",
    });
    const line = lines.find((l) => l.msg === "action failed");
    expect(line, JSON.stringify(lines)).toMatchObject({ level: "error", scope: "action", requestId: "req-fails-0042" });
    expect((line?.err as { message?: string }).message).toBe("connection terminated unexpectedly");
    // The raw error text never reaches the browser.
    expect(JSON.stringify(result)).not.toContain("terminated");
    expect(await auditRows(ws.workspaceId, "team.created")).toEqual([]);
  });

  it("in Arabic too, and when the check itself could not be made ('unavailable')", async () => {
    const ws = await createWorkspace();
    await asUser(ws.ownerId, { headers: { "x-request-id": "req-down-0007" }, cookies: { locale: "ar" } });
    // Every statement fails: the membership cannot even be read.
    const { result, lines } = await failingCall(ws.workspaceId, () => true);
    expect(result).toMatchObject({ ok: false, code: "unavailable", reference: "req-down-0007" });
    expect((result as { message: string }).message).toContain("المرجع: req-down-0007");
    expect(lines.find((l) => l.scope === "authorize")).toMatchObject({ requestId: "req-down-0007", level: "error" });
  });
});
