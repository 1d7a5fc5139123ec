import type { Db } from "@/db/connect";
import type { ActorKey, HttpContext } from "./context";

// What a denied response must never contain: other people's email addresses and the names
// of the test contacts (the canary among them). The viewer's own address may appear (the
// shell shows who is signed in).

export interface Secrets {
  emails: Map<string, string>; // user id → email
  contactNames: string[];
}

export async function loadSecrets(db: Db, ctx: HttpContext): Promise<Secrets> {
  const ids = [...Object.values(ctx.actors).map((a) => a.userId), ctx.teammate, ctx.salesOnly];
  const users = await db.selectFrom("users").select(["id", "email"]).where("id", "in", ids).execute();
  const contactIds = [...Object.values(ctx.contacts), ctx.otherContact];
  const contacts = await db.selectFrom("contacts").select("name").where("id", "in", contactIds).execute();
  return {
    emails: new Map(users.map((u) => [u.id, u.email])),
    contactNames: [...contacts.map((c) => c.name), ...Object.values(ctx.canaries)],
  };
}

export function secretsFor(secrets: Secrets, ctx: HttpContext, actor: ActorKey): string[] {
  const own = actor === "anonymous" ? null : ctx.actors[actor].userId;
  return [...[...secrets.emails].filter(([id]) => id !== own).map(([, email]) => email), ...secrets.contactNames];
}
