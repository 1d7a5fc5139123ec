import "server-only";
import { getDb } from "@/db";
import { outboxEnabled, smtpConfig } from "@/lib/env";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

type Transport = {
  sendMail(m: { from: string; to: string; subject: string; text: string; html: string }): Promise<unknown>;
};
const globalForMail = globalThis as unknown as { __switchboardSmtp?: Transport };

async function smtp(url: string): Promise<Transport> {
  if (!globalForMail.__switchboardSmtp) {
    const nodemailer = await import("nodemailer");
    globalForMail.__switchboardSmtp = nodemailer.createTransport(url);
  }
  return globalForMail.__switchboardSmtp;
}

/** SMTP_URL → nodemailer; otherwise (development, or MAIL_OUTBOX=1) the outbox table behind /dev/mailbox. */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const config = smtpConfig();
  if (config) {
    await (await smtp(config.url)).sendMail({ from: config.from, ...mail });
    return;
  }
  if (!outboxEnabled()) throw new Error("No mail transport: set SMTP_URL (or MAIL_OUTBOX=1)");
  const db = await getDb();
  await db
    .insertInto("mail_outbox")
    .values({ to_address: mail.to, subject: mail.subject, text_body: mail.text, html_body: mail.html })
    .execute();
}
