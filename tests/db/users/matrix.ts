// The actor × action matrix of the users.manage actions (deactivate-matrix, access-until-matrix). Not a test file.
import { expect } from "vitest";
import type { Db } from "@/db/connect";
import type { ActionResult } from "@/lib/actions/result";
import { deactivateMember } from "@/lib/services/deactivation";
import { revokeMember } from "@/lib/services/member-changes";
import { addMember, asUser, createUser, createWorkspace, type TestWorkspace } from "@/tests/helpers/request";
import { actorFor, snapshot } from "./support";

export const ACTORS = [
  "owner",
  "manager",
  "manager:no_settings",
  "manager:no_contact_delete",
  "manager:no_export",
  "manager:no_integrations",
  "agent",
  "agent:see_team",
  "agent:see_self",
  "agent:no_snippets",
  "agent:contacts",
  "member of another workspace",
  "deactivated member",
  "revoked member",
  "anonymous",
] as const;
export type ActorKey = (typeof ACTORS)[number];
export type Outcome = "allow" | 401 | 403 | 404;
export const A = "allow" as const;

/** users.manage on an Agent target: Owners and Managers (not restricted from settings) may act. */
export const MANAGE_AGENTS: Record<ActorKey, Outcome> = {
  owner: A,
  manager: A,
  "manager:no_settings": 403,
  "manager:no_contact_delete": A,
  "manager:no_export": A,
  "manager:no_integrations": A,
  agent: 403,
  "agent:see_team": 403,
  "agent:see_self": 403,
  "agent:no_snippets": 403,
  "agent:contacts": 403,
  "member of another workspace": 404,
  "deactivated member": 404,
  "revoked member": 404,
  anonymous: 401,
};

/** The user who plays `actor` in workspace `ws` (null: anonymous), created for the scene. */
export async function matrixActorId(db: Db, ws: TestWorkspace, actor: ActorKey): Promise<string | null> {
  if (actor === "owner") return ws.ownerId;
  if (actor === "anonymous") return null;
  if (actor === "member of another workspace") return (await createWorkspace({ name: "Elsewhere" })).ownerId;
  const owner = await actorFor(db, ws.workspaceId, ws.ownerId);
  if (actor === "revoked member" || actor === "deactivated member") {
    const user = await createUser();
    await addMember(ws, user, "manager");
    if (actor === "revoked member") await revokeMember(db, owner, { userId: user.id, reassignTo: null });
    else await deactivateMember(db, owner, { userId: user.id, reassignTo: null });
    return user.id;
  }
  const [role, restriction] = actor.split(":") as ["manager" | "agent", string | undefined];
  const user = await createUser();
  await addMember(ws, user, role, restriction ? [restriction] : []);
  return user.id;
}

export type Call<S> = (s: S) => Promise<{ outcome: Outcome; verify: () => Promise<void> }>;
const CODE_STATUS: Record<string, Outcome> = { unauthenticated: 401, forbidden: 403, notFound: 404 };
export function fromAction<T>(result: ActionResult<T>, verify: (data: T) => Promise<void>) {
  if (result.ok) return { outcome: A, verify: () => verify(result.data) };
  const outcome = CODE_STATUS[result.code];
  if (!outcome) throw new Error(`unexpected refusal ${result.code}: ${result.message}`);
  return { outcome, verify: async () => undefined };
}

/** One matrix row: every call on a fresh scene; a refusal must not write, an allowed call must do its job. */
export async function matrixRow<S extends { actorId: string | null }>(
  db: Db,
  actor: ActorKey,
  expected: Record<ActorKey, Outcome>,
  buildScene: (db: Db, actor: ActorKey) => Promise<S>,
  calls: Record<string, Call<S>>,
) {
  for (const [name, call] of Object.entries(calls)) {
    const cell = `${actor} → ${name}`;
    const scene = await buildScene(db, actor);
    await asUser(scene.actorId);
    const before = await snapshot(db);
    const { outcome, verify } = await call(scene);
    expect.soft(outcome, cell).toBe(expected[actor]);
    if (outcome === "allow") {
      const failure = await verify().then(
        () => undefined,
        (e: Error) => e.message,
      );
      expect.soft(failure, `${cell}: the allowed call did its job`).toBeUndefined();
    } else expect.soft(await snapshot(db), `${cell}: a refused call must not write anything`).toEqual(before);
  }
}
