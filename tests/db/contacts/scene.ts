// The cast shared by the inbox and contacts access tests: one workspace with every kind of
// member the brief names, five contacts spread over them, and a second workspace whose
// contact must never be reachable from the first (IDOR).
import { getDb } from "@/db/connect";
import { addMember, createUser, createWorkspace, type TestUser } from "@/tests/helpers/fixtures";

export const ACTORS = [
  "owner",
  "manager",
  "managerNoDelete",
  "managerNoExport",
  "managerNoSettings",
  "agentAll",
  "agentTeam",
  "agentSelf",
  "agentNoContacts",
  "agentNoSnippets",
  "outsider",
  "revoked",
  "anonymous",
] as const;
export type Actor = (typeof ACTORS)[number];

/** Level and restrictions of each in-workspace actor (outsider, revoked and anonymous are not members). */
export const MEMBERSHIP: Partial<Record<Actor, { role: "owner" | "manager" | "agent"; restrictions: string[] }>> = {
  manager: { role: "manager", restrictions: [] },
  managerNoDelete: { role: "manager", restrictions: ["no_contact_delete"] },
  managerNoExport: { role: "manager", restrictions: ["no_export"] },
  managerNoSettings: { role: "manager", restrictions: ["no_settings"] },
  agentAll: { role: "agent", restrictions: ["contacts"] },
  agentTeam: { role: "agent", restrictions: ["see_team", "contacts"] },
  agentSelf: { role: "agent", restrictions: ["see_self", "contacts"] },
  agentNoContacts: { role: "agent", restrictions: [] },
  agentNoSnippets: { role: "agent", restrictions: ["no_snippets", "contacts"] },
};

export const CONTACT_KEYS = ["ofSelf", "ofMate", "ofTeamAgent", "ofOwner", "unassigned"] as const;
export type ContactKey = (typeof CONTACT_KEYS)[number];

/**
 * Which of the five contacts each member may see (docs/PERMISSIONS.md contact visibility):
 * - agentSelf holds `ofSelf` only; unassigned contacts are hidden from limited Agents;
 * - agentTeam shares a team with `mate`: their own and the mate's contacts;
 * - everyone else in the workspace sees all five.
 */
export const VISIBLE: Record<Actor, readonly ContactKey[]> = {
  owner: CONTACT_KEYS,
  manager: CONTACT_KEYS,
  managerNoDelete: CONTACT_KEYS,
  managerNoExport: CONTACT_KEYS,
  managerNoSettings: CONTACT_KEYS,
  agentAll: CONTACT_KEYS,
  agentTeam: ["ofMate", "ofTeamAgent"],
  agentSelf: ["ofSelf"],
  agentNoContacts: CONTACT_KEYS,
  agentNoSnippets: CONTACT_KEYS,
  outsider: [],
  revoked: [],
  anonymous: [],
};

export interface Scene {
  workspaceId: string;
  otherWorkspaceId: string;
  users: Record<Exclude<Actor, "anonymous">, TestUser | { id: string }> & { mate: TestUser };
  contacts: Record<ContactKey, { id: string; name: string }>;
  /** A contact of the other workspace (its owner is `outsider`). */
  foreign: { id: string; name: string };
  snippetId: string;
}

export async function buildScene(): Promise<Scene> {
  const db = await getDb();
  const owner = await createUser({ name: "Olivia Owner" });
  const ws = await createWorkspace({ owner, name: "Support" });
  const outsiderUser = await createUser({ name: "Otto Outsider" });
  const other = await createWorkspace({ owner: outsiderUser, name: "Elsewhere" });

  const users = { owner } as Scene["users"];
  for (const [actor, access] of Object.entries(MEMBERSHIP) as [
    Actor,
    { role: "owner" | "manager" | "agent"; restrictions: string[] },
  ][]) {
    const user = await createUser({ name: `User ${actor}` });
    await addMember(ws, user, access.role, access.restrictions);
    (users as Record<string, TestUser>)[actor] = user;
  }
  users.outsider = outsiderUser;
  users.mate = await createUser({ name: "Mia Mate" });
  await addMember(ws, users.mate, "agent");

  // Revoked: was a member, is not any more.
  const revoked = await createUser({ name: "Rita Revoked" });
  await addMember(ws, revoked, "manager");
  await db
    .deleteFrom("workspace_members")
    .where("workspace_id", "=", ws.workspaceId)
    .where("user_id", "=", revoked.id)
    .execute();
  users.revoked = revoked;

  const team = await db
    .insertInto("teams")
    .values({ workspace_id: ws.workspaceId, name: "Tier 1" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("team_members")
    .values([
      { team_id: team.id, workspace_id: ws.workspaceId, user_id: users.agentTeam.id },
      { team_id: team.id, workspace_id: ws.workspaceId, user_id: users.mate.id },
    ])
    .execute();

  const assignees: Record<ContactKey, string | null> = {
    ofSelf: users.agentSelf.id,
    ofMate: users.mate.id,
    ofTeamAgent: users.agentTeam.id,
    ofOwner: owner.id,
    unassigned: null,
  };
  const contacts = {} as Scene["contacts"];
  let minutes = 60;
  for (const key of CONTACT_KEYS) {
    const name = `Contact ${key}`;
    const row = await db
      .insertInto("contacts")
      .values({
        workspace_id: ws.workspaceId,
        name,
        email: `${key.toLowerCase()}@customer.example`,
        phone: "+1 555 0100",
        assignee_id: assignees[key],
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const at = new Date(Date.now() - minutes-- * 60_000);
    await db
      .insertInto("messages")
      .values({
        workspace_id: ws.workspaceId,
        contact_id: row.id,
        direction: "in",
        body: `Hello from ${key}`,
        created_at: at,
      })
      .execute();
    await db
      .insertInto("conversations")
      .values({ workspace_id: ws.workspaceId, contact_id: row.id, status: "open", last_message_at: at })
      .execute();
    contacts[key] = { id: row.id, name };
  }

  const foreignRow = await db
    .insertInto("contacts")
    .values({
      workspace_id: other.workspaceId,
      name: "Contact foreign",
      email: "foreign@customer.example",
      assignee_id: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("messages")
    .values({
      workspace_id: other.workspaceId,
      contact_id: foreignRow.id,
      direction: "in",
      body: "Hello from elsewhere",
    })
    .execute();
  await db
    .insertInto("conversations")
    .values({ workspace_id: other.workspaceId, contact_id: foreignRow.id, status: "open" })
    .execute();
  await db
    .insertInto("snippets")
    .values({ workspace_id: other.workspaceId, name: "Foreign snippet", body: "Not yours" })
    .execute();

  const snippet = await db
    .insertInto("snippets")
    .values({ workspace_id: ws.workspaceId, name: "Greeting", body: "Hello! How can we help?" })
    .returning("id")
    .executeTakeFirstOrThrow();

  return {
    workspaceId: ws.workspaceId,
    otherWorkspaceId: other.workspaceId,
    users,
    contacts,
    foreign: { id: foreignRow.id, name: "Contact foreign" },
    snippetId: snippet.id,
  };
}

/** The names of the scene's contacts (of this workspace) the given ids stand for, sorted. */
export function keysOf(scene: Scene, ids: readonly string[]): string[] {
  const byId = new Map(Object.entries(scene.contacts).map(([k, c]) => [c.id, k]));
  return ids.map((id) => byId.get(id) ?? (id === scene.foreign.id ? "FOREIGN" : `?${id}`)).sort();
}

// next.config.mjs turns experimental.authInterrupts on; Next passes it to forbidden() through
// this variable, which a page called directly from a test does not get otherwise.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS ??= "true";

/** The digest Next.js puts on the errors thrown by notFound() / forbidden() / redirect(). */
export async function outcome(render: () => Promise<unknown>): Promise<"ok" | "404" | "403" | "401" | "redirect"> {
  try {
    await render();
    return "ok";
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "404";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return "403";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;401") return "401";
    if (digest.startsWith("NEXT_REDIRECT")) return "redirect";
    throw error;
  }
}

/** Sign the fake request in as an actor of the scene (anonymous: signed out). */
export async function signInAs(scene: Scene, actor: Actor): Promise<void> {
  const { asUser } = await import("@/tests/helpers/request");
  await asUser(actor === "anonymous" ? null : scene.users[actor].id);
}
