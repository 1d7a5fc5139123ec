import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { callAction, loadManifest, type ManifestAction } from "./support/actions";
import { cookieFor, freshInvitation } from "./support/fixtures";
import { header, raw } from "./support/http";
import { recorder } from "./support/report";

// docs/PRODUCT.md, Data and configuration: "Links in emails use the configured base URL, never the request's Host
// header."
// Requests arrive with Host and X-Forwarded-Host naming the attacker; the emails (read from
// the database outbox, and from /dev/mailbox) must still link to NEXTAUTH_URL.

const ctx = inject("http");
const root = process.cwd();
const EVIL = "attacker.example";
const hostile = { host: EVIL, "x-forwarded-host": EVIL, "x-forwarded-proto": "https" };

const links = (text: string) => [...text.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);

describe.skipIf(!!ctx.skip)("emailed links ignore a hostile Host header (next start)", () => {
  let handle: DbHandle;
  let manifest: ManifestAction[];
  const record = recorder(ctx.resultsDir ?? "", "emailed-links");

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    manifest = loadManifest(root, ctx.distDir);
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function mailTo(address: string) {
    for (let i = 0; i < 50; i++) {
      const mail = await handle.db
        .selectFrom("mail_queue")
        .select(["id", "subject", "text_body", "html_body"])
        .where("to_address", "=", address)
        .orderBy("id", "desc")
        .executeTakeFirst();
      if (mail) return mail;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no mail to ${address} in mail_queue`);
  }

  function expectBaseLinks(kind: string, body: string, mustContain: string) {
    const found = links(body);
    const foreign = found.filter((l) => !l.startsWith(`${ctx.base}/`));
    record({
      group: "emailed-links",
      mode: "Host: attacker.example",
      actor: "-",
      target: kind,
      expected: `links on ${ctx.base}`,
      observed: found.join(" ").slice(0, 200),
      pass: foreign.length === 0 && found.some((l) => l.includes(mustContain)),
    });
    expect(body).not.toContain(EVIL);
    expect(
      found.some((l) => l.startsWith(`${ctx.base}${mustContain}`)),
      `a ${mustContain} link on ${ctx.base}`,
    ).toBe(true);
    expect(foreign).toEqual([]);
  }

  it("sign-in email via POST /api/auth/signin/email (with the CSRF token)", async () => {
    const csrf = await raw(ctx.base, "/api/auth/csrf", { headers: hostile });
    expect(csrf.status).toBe(200);
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const cookie = String(csrf.headers["set-cookie"] ?? "")
      .split(/,(?=\s*[\w.-]+=)/)
      .map((c) => c.split(";")[0].trim())
      .filter((c) => c.includes("next-auth"))
      .join("; ");
    const email = `host-check-${randomBytes(3).toString("hex")}@http.test`;
    const res = await raw(ctx.base, "/api/auth/signin/email", {
      method: "POST",
      headers: { ...hostile, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: `https://${EVIL}/steal`, json: "true" }).toString(),
    });
    expect(res.status, res.body.slice(0, 300)).toBeLessThan(400);
    // Where next-auth sends the browser next must not be the attacker's host either.
    expect(header(res, "location") + res.body).not.toContain(EVIL);
    const mail = await mailTo(email);
    expectBaseLinks("sign-in email (text)", mail.text_body, "/api/auth/callback/email");
    expectBaseLinks("sign-in email (html)", mail.html_body, "/api/auth/callback/email");
    // The development mailbox shows the same link.
    const page = await raw(ctx.base, `/dev/mailbox/${mail.id}`, { headers: hostile });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(EVIL);
    expect(page.body).toContain(`${ctx.base}/api/auth/callback/email`);
  });

  it("invitation email via the inviteUser action (Host, X-Forwarded-Host and Origin all hostile)", async () => {
    const action = manifest.find((m) => m.exportName === "inviteUser")!;
    const email = `host-invite-${randomBytes(3).toString("hex")}@http.test`;
    // Origin must match the (forwarded) host or Next refuses the action as cross-site;
    // this is a request crafted end to end (e.g. through a proxy that forwards any Host).
    const { outcome } = await callAction(ctx.base, {
      id: action.id,
      path: `/w/${ctx.support}/settings/users`,
      args: [ctx.support, { email, role: "agent", restrictions: [] }],
      cookie: await cookieFor(ctx, "owner", "honest"),
      headers: { ...hostile, origin: `https://${EVIL}` },
    });
    expect(outcome.kind === "result" && outcome.ok, JSON.stringify(outcome)).toBe(true);
    const mail = await mailTo(email);
    expectBaseLinks("invitation email (text)", mail.text_body, "/invite/");
    expectBaseLinks("invitation email (html)", mail.html_body, "/invite/");
  });

  it("resent invitation email (resendInvitationAction) under the same hostile headers", async () => {
    const action = manifest.find((m) => m.exportName === "resendInvitationAction")!;
    const inv = await freshInvitation(handle.db, ctx.support, ctx.actors.owner.userId);
    const { outcome } = await callAction(ctx.base, {
      id: action.id,
      path: `/w/${ctx.support}/settings/users`,
      args: [ctx.support, { invitationId: inv.id }],
      cookie: await cookieFor(ctx, "owner", "honest"),
      headers: { ...hostile, origin: `https://${EVIL}` },
    });
    expect(outcome.kind === "result" && outcome.ok, JSON.stringify(outcome)).toBe(true);
    const mail = await mailTo(inv.email);
    expectBaseLinks("resent invitation (text)", mail.text_body, "/invite/");
  });
});
