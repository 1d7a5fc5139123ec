import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "@/tests/helpers/db";
import { asUser, createWorkspace } from "@/tests/helpers/request";
import { requestState, resetRequestState } from "@/tests/helpers/request-state";
import { sourceActions } from "@/tests/http/support/actions";
import { anyValue, formData, FUZZ_RUNS, malformedId, nastyString, RAW_ERROR_TEXT } from "@/tests/fuzz/inputs";
import { catalogStrings, createScene, writeCounter, type Scene } from "./scene";

// Every server action, called directly with malformed and random arguments: it answers an
// ActionResult (never throws, never an unexpected error), a refusal writes nothing, and what
// it says is a catalog message, never raw error text. FUZZ_RUNS sets the cases per property.

const t = setupTestDb();
let writes: () => Promise<number>;
beforeAll(async () => {
  writes = await writeCounter(t.db);
});
const root = fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, "");

type Kind = "workspace" | "org" | "user" | "public";
const WRAPPERS: Record<string, Kind> = {
  workspaceAction: "workspace",
  orgAction: "org",
  userAction: "user",
  // A pending session's action (/signin/verify) takes the same one input.
  pendingAction: "user",
  publicAction: "public",
};

/** The wrapper each action is built with, read from its source: it decides the argument list. */
function kindOf(file: string, exportName: string): Kind | undefined {
  const m = new RegExp(`export const ${exportName} = (\\w+)\\(`).exec(readFileSync(join(root, file), "utf8"));
  return m ? WRAPPERS[m[1]] : undefined;
}

const ACTIONS = sourceActions(root);
const CODES = ["unauthenticated", "forbidden", "notFound", "invalidInput", "rateLimited", "conflict", "unavailable"];
const MESSAGES = catalogStrings();

const FIELDS = [
  "name",
  "locale",
  "token",
  "contactId",
  "assigneeId",
  "body",
  "status",
  "q",
  "teamId",
  "userId",
  "snippetId",
  "webhookId",
  "active",
  "url",
  "events",
  "email",
  "phone",
  "role",
  "roleId",
  "base",
  "permissions",
  "visibility",
  "moveTo",
  "restrictions",
  "invitationId",
  "reassignTo",
  "organizationName",
  "workspaceName",
] as const;

const WORDS = [
  "en",
  "ar",
  "owner",
  "manager",
  "agent",
  "open",
  "closed",
  "see_self",
  "see_team",
  "no_snippets",
  "contacts",
  "no_settings",
  "no_export",
  "inbox.view",
  "reports.view",
  "team",
  "self",
  "member.invited",
  "member.revoked",
  "Fuzz name",
  "someone@example.com",
  "+1 555 0100",
  "http://127.0.0.1:9/hook",
];

function argsFor(kind: Kind, scene: Scene): fc.Arbitrary<unknown[]> {
  const id = fc.constantFrom(...scene.ids);
  // Plausible values (real ids, enum words) mixed with garbage, so the fuzzer gets past zod too.
  const value = fc.oneof(
    { weight: 3, arbitrary: id },
    { weight: 2, arbitrary: fc.constantFrom(...WORDS, scene.token) },
    fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }),
    fc.boolean(),
    fc.constant(null),
    { weight: 3, arbitrary: anyValue(FIELDS) },
  );
  const input = fc.oneof(
    { weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6, noNullPrototype: true }) },
    { weight: 3, arbitrary: anyValue(FIELDS) },
    { weight: 2, arbitrary: value },
    formData(FIELDS),
    fc.constantFrom(null, undefined, {}, [], ""),
  );
  const extra = fc.array(anyValue(FIELDS), { maxLength: 2 });
  if (kind === "user" || kind === "public") return fc.tuple(input, extra).map(([i, more]) => [i, ...more]);
  const scope = kind === "workspace" ? [scene.workspaceId, scene.otherWorkspaceId] : [scene.orgId, scene.otherOrgId];
  const first = fc.oneof(
    { weight: 8, arbitrary: fc.constant(scope[0]) },
    fc.constant(scope[1]),
    id,
    malformedId,
    nastyString,
    anyValue(FIELDS),
    // What String() or a template literal chokes on: a `toString` or `valueOf` that is not a function.
    fc.dictionary(fc.constantFrom("toString", "valueOf", "__proto__", "then"), value, {
      minKeys: 1,
      maxKeys: 2,
      noNullPrototype: true,
    }),
  );
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(first, input, extra).map(([f, i, more]) => [f, i, ...more]) },
    fc.tuple(first).map(([f]) => [f]),
    fc.constant([] as unknown[]),
  );
}

/** What is wrong with a result, or null. */
function badResult(result: unknown): string | null {
  if (!result || typeof result !== "object" || typeof (result as { ok?: unknown }).ok !== "boolean")
    return "not an ActionResult";
  const r = result as { ok: boolean; code?: string; message?: unknown; fieldErrors?: object; details?: object };
  if (r.ok) return null;
  if (r.code === "generic") return "an unexpected error (code generic: the wrapper caught something)";
  if (!CODES.includes(r.code ?? "")) return `unknown code ${r.code}`;
  const texts = [r.message, ...Object.values(r.fieldErrors ?? {})];
  for (const text of texts)
    if (typeof text !== "string" || !MESSAGES.has(text)) return `not a catalog message: ${text}`;
  for (const text of [...texts, ...Object.keys(r.fieldErrors ?? {}), ...Object.values(r.details ?? {})])
    if (RAW_ERROR_TEXT.test(String(text))) return `raw error text: ${text}`;
  return null;
}

type Actor = "owner" | "agent" | "outsider" | "anonymous";

describe("fuzz: every server action", () => {
  it("finds the actions and knows how to call each one", async () => {
    expect(ACTIONS.length).toBeGreaterThan(30);
    for (const file of new Set(ACTIONS.map((a) => a.file))) {
      const mod = (await import(/* @vite-ignore */ join(root, file))) as Record<string, unknown>;
      // An export the source scan missed (export { x }, a default export) would go unfuzzed.
      expect(Object.keys(mod).sort(), file).toEqual(
        ACTIONS.filter((a) => a.file === file)
          .map((a) => a.exportName)
          .sort(),
      );
    }
    for (const a of ACTIONS) expect(kindOf(a.file, a.exportName), `${a.file} ${a.exportName}`).toBeDefined();
  });

  it("counts every committed write and nothing else", async () => {
    const { workspaceId, ownerId } = await createWorkspace({}, t.db);
    const n = await writes();
    await t.db
      .updateTable("workspace_members")
      .set({ last_active_at: new Date() })
      .where("user_id", "=", ownerId)
      .execute();
    expect(await writes()).toBe(n);
    await t.db.updateTable("workspaces").set({ name: "Same" }).where("id", "=", workspaceId).execute();
    expect(await writes()).toBe(n + 1);
    await t.db.updateTable("workspaces").set({ name: "Same" }).where("id", "=", workspaceId).execute();
    expect(await writes()).toBe(n + 1);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto("teams").values({ workspace_id: workspaceId, name: "Gone" }).execute();
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await writes()).toBe(n + 1);
    await t.db.deleteFrom("workspace_members").where("user_id", "=", ownerId).execute();
    expect(await writes()).toBe(n + 2);
  });

  for (const { file, exportName } of ACTIONS) {
    it(`${exportName} (${file})`, { timeout: 600_000 }, async () => {
      const kind = kindOf(file, exportName)!;
      const action = ((await import(/* @vite-ignore */ join(root, file))) as Record<string, unknown>)[exportName] as (
        ...args: unknown[]
      ) => Promise<unknown>;
      const scene = await createScene(t.db);
      const sessions = {} as Record<Actor, ReturnType<typeof requestState>["session"]>;
      for (const [actor, userId] of [
        ["owner", scene.ownerId],
        ["agent", scene.agentId],
        ["outsider", scene.outsiderId],
        ["anonymous", null],
      ] as const)
        sessions[actor] = await asUser(userId);
      let before = await writes();
      const stats = { cases: 0, ok: 0 };

      const property = (actors: readonly Actor[]) =>
        fc.asyncProperty(fc.constantFrom(...actors), argsFor(kind, scene), async (actor, args) => {
          resetRequestState();
          requestState().session = sessions[actor];
          let result: unknown;
          try {
            result = await action(...args);
          } catch (error) {
            throw new Error(`threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
          }
          const bad = badResult(result);
          if (bad) throw new Error(`${bad}\n${JSON.stringify(result)}`);
          const ok = (result as { ok: boolean }).ok;
          stats.cases++;
          const after = await writes();
          if (ok) {
            stats.ok++;
            // A member or org-scoped action never succeeds for someone outside it.
            if (actor !== "owner" && actor !== "agent" && (kind === "workspace" || kind === "org"))
              throw new Error(`${actor} succeeded`);
            if (actor === "anonymous" && kind === "user") throw new Error("anonymous succeeded");
            before = after === before ? after : await settled(after);
          } else {
            if (after !== before) throw new Error(`refused (${(result as { code: string }).code}) but wrote`);
          }
        });

      await check(property(["owner"]));
      await check(property(["agent", "outsider", "anonymous"]));
      console.log(`[fuzz] ${exportName}: ${stats.cases} cases, ${stats.ok} ok`);
    });
  }
});

/** fc.assert, with the counterexample cut short (the fuzzer sends 100,000-character strings). */
async function check(property: fc.IAsyncProperty<[Actor, unknown[]]>): Promise<void> {
  try {
    await fc.assert(property, { numRuns: FUZZ_RUNS, endOnFailure: true });
  } catch (error) {
    const text = String((error as Error).message);
    throw new Error(text.length > 4000 ? `${text.slice(0, 3000)} …[cut]… ${text.slice(-1000)}` : text);
  }
}

/** The write count once background work an accepted call started (a webhook delivery) has landed. */
async function settled(first: number): Promise<number> {
  let last = first;
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 25));
    const next = await writes();
    if (next === last) return next;
    last = next;
  }
  return last;
}
