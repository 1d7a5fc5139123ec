import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { ACTOR_KEYS } from "./support/context";
import { cookieFor } from "./support/fixtures";
import { raw } from "./support/http";
import { recorder } from "./support/report";
import { startServer, type StartedServer } from "./support/server";

// The dev mailbox shows every mail the app sent (sign-in links, invitations): it must not
// exist where mail really goes out. The suite's server runs with MAIL_OUTBOX=1, so this file
// starts a second `next start` on the next port, in production without MAIL_OUTBOX and with
// SMTP_URL at a closed port, on the same database, and asks both for a real mail.

const ctx = inject("http");
const root = process.cwd();
const port = Number(new URL(ctx.base ?? "http://localhost:3400").port) + 1;
const off = `http://localhost:${port}`;

describe.skipIf(!!ctx.skip)("/dev/mailbox is 404 when the outbox is off (second next start)", () => {
  let handle: DbHandle;
  let server: StartedServer | undefined;
  let mail: { id: string; subject: string };
  const record = recorder(ctx.resultsDir ?? "", "mailbox-off");

  beforeAll(async () => {
    handle = await openDb({ kind: "pg", connectionString: ctx.dbUrl });
    const subject = `Mailbox canary ${Date.now().toString(36)}`;
    const row = await handle.db
      .insertInto("mail_queue")
      .values({
        to_address: "someone@http.test",
        subject,
        text_body: subject,
        html_body: `<p>${subject}</p>`,
        kind: "signin",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    mail = { id: row.id, subject };
    server = await startServer({
      root,
      port,
      logFile: join(ctx.resultsDir, "server-mail-off.log"),
      env: {
        NODE_ENV: "production",
        NEXT_DIST_DIR: ctx.distDir,
        DATABASE_URL: ctx.dbUrl,
        SMTP_URL: "smtp://127.0.0.1:9", // nothing listens: no mail can leave
        // It shares the suite's database: leave the suite's mail queue to the suite's server.
        JOBS_IN_PROCESS: "0",
        NEXTAUTH_SECRET: ctx.secret,
        NEXTAUTH_URL: off,
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    if (handle) {
      await handle.db.deleteFrom("mail_queue").where("id", "=", mail.id).execute();
      await handle.close();
    }
  });

  const paths = () => ["/dev/mailbox", `/dev/mailbox/${mail.id}`, `/dev/mailbox?to=someone%40http.test`];

  it("control: with the outbox on, the suite's server shows the mail", async () => {
    for (const path of paths()) {
      const res = await raw(ctx.base, path);
      expect(res.status, path).toBe(200);
      expect(res.body, path).toContain(mail.subject);
    }
  });

  it("with the outbox off: 404 and no trace of the mail, for every actor and as RSC", async () => {
    const failures: string[] = [];
    for (const actor of ACTOR_KEYS) {
      const cookie = await cookieFor(ctx, actor, "honest");
      for (const path of paths()) {
        for (const rsc of [false, true]) {
          const headers = { ...(cookie ? { cookie } : {}), ...(rsc ? { rsc: "1" } : {}) };
          let res = await raw(off, path, { headers });
          // RSC requests first get a 307 to the URL with its _rsc cache-busting parameter.
          const loc = String(res.headers.location ?? "");
          if (rsc && res.status === 307 && /[?&]_rsc(=|&|$)/.test(loc)) res = await raw(off, loc, { headers });
          // An RSC request for a notFound() page gets 200 and a payload telling the router to render the 404.
          const notFound =
            res.status === 404 || (rsc && res.status === 200 && res.body.includes("NEXT_HTTP_ERROR_FALLBACK;404"));
          const pass = notFound && !res.body.includes(mail.subject);
          const observed = `${res.status}${res.body.includes(mail.subject) ? " LEAKS the mail" : ""}`;
          record({
            group: "mailbox-off",
            mode: rsc ? "RSC: 1" : "html",
            actor,
            target: path,
            expected: "404",
            observed,
            pass,
          });
          if (!pass) failures.push(`${actor} ${rsc ? "RSC " : ""}${path}: ${observed}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
