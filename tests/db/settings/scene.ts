// Shared by the workspace-settings, reports and organization db tests. Not a test file.
import { isValidElement, type ReactNode } from "react";
import type { Db } from "@/db/connect";
import type { ActionResult } from "@/lib/actions/result";
import { revokeMember } from "@/lib/services/member-changes";
import { addMember, createUser, createWorkspace, type TestWorkspace } from "@/tests/helpers/request";
import { actorFor, insertContacts, insertTeam } from "../users/support";

export const ACTORS = [
  "owner",
  "owner (not org admin)",
  "manager",
  "manager:no_settings",
  "manager:no_integrations",
  "manager:no_export",
  "manager:no_contact_delete",
  "agent",
  "org admin (not a member)",
  "member of another workspace",
  "revoked member",
  "anonymous",
] as const;
export type ActorKey = (typeof ACTORS)[number];

export type Outcome = "allow" | 401 | 403 | 404;
export const A = "allow" as const;

export interface Scene {
  ws: TestWorkspace;
  /** An Agent with 2 assigned contacts and 3 messages sent this week, in team "Support". */
  targetId: string;
  teamId: string;
  snippetId: string;
  webhookId: string;
  actorId: string | null;
}

/** A workspace with one of everything the settings pages manage, and the actor to sign in as. */
export async function buildScene(db: Db, actor: ActorKey): Promise<Scene> {
  const ws = await createWorkspace({ name: "Settings Matrix", orgName: "Matrix Org" });
  const target = await createUser({ name: "Target Agent" });
  await addMember(ws, target, "agent");
  const contacts = await insertContacts(db, ws.workspaceId, target.id, 2);
  await db
    .insertInto("messages")
    .values(
      [0, 1, 2].map((i) => ({
        workspace_id: ws.workspaceId,
        contact_id: contacts[0],
        author_id: target.id,
        direction: "out" as const,
        body: `Reply ${i}`,
      })),
    )
    .execute();
  const teamId = await insertTeam(db, ws.workspaceId, "Support", [target.id]);
  const snippet = await db
    .insertInto("snippets")
    .values({ workspace_id: ws.workspaceId, name: "Greeting", body: "Hello!" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const hook = await db
    .insertInto("webhooks")
    .values({
      workspace_id: ws.workspaceId,
      url: "https://hooks.example.com/in",
      secret: "whsec_fixture",
      created_by: ws.ownerId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  let actorId: string | null;
  if (actor === "owner") actorId = ws.ownerId;
  else if (actor === "anonymous") actorId = null;
  else if (actor === "member of another workspace") actorId = (await createWorkspace({ name: "Elsewhere" })).ownerId;
  else if (actor === "owner (not org admin)") {
    const user = await createUser();
    await addMember(ws, user, "owner");
    actorId = user.id;
  } else if (actor === "org admin (not a member)") {
    const user = await createUser();
    await db.insertInto("org_members").values({ org_id: ws.orgId, user_id: user.id, is_admin: true }).execute();
    actorId = user.id;
  } else if (actor === "revoked member") {
    const user = await createUser();
    await addMember(ws, user, "manager");
    await revokeMember(db, await actorFor(db, ws.workspaceId, ws.ownerId), { userId: user.id, reassignTo: null });
    actorId = user.id;
  } else {
    const [role, restriction] = actor.split(":") as ["manager" | "agent", string | undefined];
    const user = await createUser();
    await addMember(ws, user, role, restriction ? [restriction] : []);
    actorId = user.id;
  }
  return { ws, targetId: target.id, teamId, snippetId: snippet.id, webhookId: hook.id, actorId };
}

export type Call = (s: Scene) => Promise<{ outcome: Outcome; verify: () => Promise<void> }>;

const CODE_STATUS: Record<string, Outcome> = { unauthenticated: 401, forbidden: 403, notFound: 404 };

/** An action's result as an outcome, with what to check when it was allowed. */
export function fromAction<T>(result: ActionResult<T>, verify: (data: T) => Promise<void>) {
  if (result.ok) return { outcome: A, verify: () => verify(result.data) };
  const outcome = CODE_STATUS[result.code];
  if (!outcome) throw new Error(`unexpected refusal ${result.code}: ${result.message}`);
  return { outcome, verify: async () => undefined };
}

/**
 * A page or layout rendered as a function: its element tree when allowed; a refusal from
 * the guard is Next's thrown interrupt (redirect to /signin = 401, notFound() = 404, forbidden() = 403).
 */
export async function fromPage(render: () => Promise<ReactNode>, verify: (tree: ReactNode) => Promise<void> | void) {
  try {
    const tree = await render();
    return { outcome: A, verify: async () => verify(tree) };
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT") && digest.includes("/signin"))
      return { outcome: 401 as const, verify: async () => undefined };
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { outcome: 404 as const, verify: async () => undefined };
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return { outcome: 403 as const, verify: async () => undefined };
    throw error;
  }
}

/** Every element in a server-rendered tree whose type is `type` (client components are not run). */
export function findElements(node: ReactNode, type: unknown): { props: Record<string, unknown> }[] {
  const out: { props: Record<string, unknown> }[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (isValidElement(n)) {
      const el = n as unknown as { type: unknown; props: Record<string, unknown> };
      if (el.type === type) out.push(el);
      walk(el.props.children);
    }
  };
  walk(node);
  return out;
}

/** All text in a server-rendered tree (strings and numbers), joined. */
export function treeText(node: ReactNode): string {
  const parts: string[] = [];
  const walk = (n: unknown) => {
    if (typeof n === "string" || typeof n === "number") parts.push(String(n));
    else if (Array.isArray(n)) n.forEach(walk);
    else if (isValidElement(n)) walk((n.props as { children?: unknown }).children);
  };
  walk(node);
  return parts.join(" ");
}
