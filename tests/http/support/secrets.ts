import { randomBytes } from "node:crypto";
import type { Db } from "@/db/connect";
import { has } from "../expectations";
import type { ActorKey, HttpContext } from "./context";
import { HOOK_URL } from "./fixtures";

// What a denied response must never contain: other people's email addresses, the names
// of the test contacts (the canaries among them), and page canaries planted in Support — a
// snippet's text, a webhook URL, and (for non-members) the workspace's name. The viewer's
// own address may appear (the shell shows who is signed in), and a member's shell names
// their workspace.

export interface Secrets {
  emails: Map<string, string>; // user id → email
  contactNames: string[];
  snippetBody: string;
  webhookUrl: string;
  workspaceName: string;
}

/** Reads the secrets and plants fresh page canaries (restoreSupport renames Support back). */
export async function loadSecrets(db: Db, ctx: HttpContext): Promise<Secrets> {
  const ids = [...Object.values(ctx.actors).map((a) => a.userId), ctx.teammate, ctx.salesOnly];
  const users = await db.selectFrom("users").select(["id", "email"]).where("id", "in", ids).execute();
  const contactIds = [...Object.values(ctx.contacts), ctx.otherContact];
  const contacts = await db.selectFrom("contacts").select("name").where("id", "in", contactIds).execute();
  const tag = randomBytes(4).toString("hex");
  const snippetBody = `Snippet canary ${tag}`;
  const webhookUrl = `${HOOK_URL}/canary-${tag}`;
  const workspaceName = `Support canary ${tag}`;
  await db
    .insertInto("snippets")
    .values({ workspace_id: ctx.support, name: `Canary ${tag}`, body: snippetBody })
    .execute();
  // Inactive: no event is ever delivered to it.
  await db
    .insertInto("webhooks")
    .values({ workspace_id: ctx.support, url: webhookUrl, secret: tag.repeat(4), active: false })
    .execute();
  await db.updateTable("workspaces").set({ name: workspaceName }).where("id", "=", ctx.support).execute();
  return {
    emails: new Map(users.map((u) => [u.id, u.email])),
    contactNames: [...contacts.map((c) => c.name), ...Object.values(ctx.canaries)],
    snippetBody,
    webhookUrl,
    workspaceName,
  };
}

export function secretsFor(secrets: Secrets, ctx: HttpContext, actor: ActorKey): string[] {
  const own = actor === "anonymous" ? null : ctx.actors[actor].userId;
  return [
    ...[...secrets.emails].filter(([id]) => id !== own).map(([, email]) => email),
    ...secrets.contactNames,
    secrets.snippetBody,
    secrets.webhookUrl,
    ...(has(actor, "member") ? [] : [secrets.workspaceName]),
  ];
}
