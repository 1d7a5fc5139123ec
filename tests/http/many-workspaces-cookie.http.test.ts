import { chromium, type Browser } from "@playwright/test";
import { decode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { createUser, freshInvitation } from "./support/fixtures";

// A member of 200 workspaces accepts an invitation to one more, in Chromium, against the built
// app: every cookie the app sets stays under the browser's 4096-byte limit, and the session the
// browser ends up with is this person's, with a claim for the new workspace. Before the claims
// were capped, acceptance set one ~20 KB cookie, which Chromium drops: the browser kept the
// sign-in session without the new workspace.

const ctx = inject("http");
const LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
};

describe.skipIf(!!ctx.skip)("a member of 200 workspaces (Chromium, next start)", () => {
  let handle: DbHandle;
  let browser: Browser;

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    browser = await chromium.launch(LAUNCH);
  });
  afterAll(async () => {
    await browser?.close();
    await handle?.close();
  });

  it("signs in by magic link, accepts an invitation, and every cookie stays under 4 KB", async () => {
    const db = handle.db;
    const email = `busy-${Date.now()}@http.test`;
    const userId = await createUser(db, email, "Busy Person");
    const org = await db.insertInto("organizations").values({ name: "Many" }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("org_members").values({ org_id: org.id, user_id: userId, is_admin: true }).execute();
    const spaces = await db
      .insertInto("workspaces")
      .values(Array.from({ length: 200 }, (_, i) => ({ org_id: org.id, name: `Space ${i}` })))
      .returning("id")
      .execute();
    await db
      .insertInto("workspace_members")
      .values(
        spaces.map((w) => ({
          workspace_id: w.id,
          user_id: userId,
          role: "agent" as const,
          restrictions: ["see_team", "no_snippets", "contacts"],
        })),
      )
      .execute();
    const invitation = await freshInvitation(db, ctx.support, ctx.actors.owner.userId, "agent", [], undefined, email);

    const context = await browser.newContext({ baseURL: ctx.base });
    const page = await context.newPage();
    // Sign in as a person does: ask for a link, follow it from the mailbox.
    await page.goto("/signin");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.waitForURL(/check-email/);
    const mail = await db
      .selectFrom("mail_queue")
      .select("text_body")
      .where("to_address", "=", email)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/.exec(mail.text_body)![0];
    await page.goto(link);
    await page.goto(`/invite/${invitation.token}`);
    await page.getByRole("button", { name: "Accept invitation" }).click();
    await page.waitForURL(new RegExp(`/w/${ctx.support}/`));

    const cookies = await context.cookies();
    for (const c of cookies) expect(`${c.name}=${c.value}`.length, c.name).toBeLessThan(4096);
    const session = cookies.filter((c) => c.name.startsWith("next-auth.session-token"));
    expect(session.map((c) => c.name)).toEqual(["next-auth.session-token"]);
    const token = await decode({ token: session[0].value, secret: ctx.secret });
    expect(token).toMatchObject({ sub: userId, uid: userId, email });
    expect(token!.ws![ctx.support]).toMatchObject({ r: "agent" });
    expect(Object.keys(token!.ws!).length).toBeLessThanOrEqual(16);
    await context.close();
  });
});
