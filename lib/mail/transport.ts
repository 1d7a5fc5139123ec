// No `server-only` marker: the background jobs (lib/jobs) are started from instrumentation, which Next
// treats as a client module for the marker (as lib/services/webhooks.ts).
import { outboxEnabled, smtpConfig } from "@/lib/env";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Where the mail job delivers: SMTP (SMTP_URL), the development outbox (the queue row itself, shown at
 * /dev/mailbox), or nowhere (production without SMTP: rows wait, failing, until SMTP is configured).
 */
export type MailTransport =
  { kind: "smtp"; send(mail: OutgoingMail): Promise<void> } | { kind: "outbox" } | { kind: "none" };

/** Bounded so one attempt always ends well within a claim (lib/mail/queue.ts, CLAIM_SECONDS). */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

type Sender = { sendMail(m: OutgoingMail & { from: string }): Promise<unknown> };

export async function smtpTransport(url: string, from: string): Promise<MailTransport> {
  const nodemailer = await import("nodemailer");
  const sender: Sender = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  return { kind: "smtp", send: async (mail) => void (await sender.sendMail({ from, ...mail })) };
}

const globalForMail = globalThis as unknown as { __switchboardSmtp?: { url: string; transport: MailTransport } };

/** The transport the environment names (one SMTP transport per process). */
export async function configuredTransport(): Promise<MailTransport> {
  const config = smtpConfig();
  if (config) {
    const cached = globalForMail.__switchboardSmtp;
    if (cached?.url === config.url) return cached.transport;
    const transport = await smtpTransport(config.url, config.from);
    globalForMail.__switchboardSmtp = { url: config.url, transport };
    return transport;
  }
  return outboxEnabled() ? { kind: "outbox" } : { kind: "none" };
}

/** How an attempt failed: `bounced` is final (the server refused the message or the address), else retried. */
export interface MailFailure {
  bounced: boolean;
  /** A short code stored in last_error and mapped to a translated reason in the UI; never raw server text. */
  code: string;
}

const CONNECTION_CODES = new Set(["ESOCKET", "ECONNECTION", "ETIMEDOUT", "EDNS", "ECONNREFUSED", "ECONNRESET"]);

export function classifyMailError(error: unknown): MailFailure {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const code = typeof e.code === "string" ? e.code.replace(/[^A-Z0-9_]/gi, "").slice(0, 24) : "";
  const status = typeof e.responseCode === "number" ? e.responseCode : 0;
  // A 5xx answer to the envelope or the message is a permanent refusal (RFC 5321, 4.2.1); a 5xx to
  // the login is our configuration, and is retried like an outage.
  if (status >= 500 && status < 600 && (code === "EENVELOPE" || code === "EMESSAGE"))
    return { bounced: true, code: `rejected:${status}` };
  if (code === "EAUTH") return { bounced: false, code: "auth" };
  if (status >= 400 && status < 500) return { bounced: false, code: `deferred:${status}` };
  if (CONNECTION_CODES.has(code)) return { bounced: false, code: `unreachable:${code}` };
  return { bounced: false, code: "error" };
}

/** The generic reason a last_error code stands for (catalog keys users.mail.reason.*). */
export type MailReason = "unreachable" | "deferred" | "rejected" | "notConfigured" | "unknown";

export function mailReason(code: string | null): MailReason {
  const kind = (code ?? "").split(":")[0];
  if (kind === "unreachable") return "unreachable";
  if (kind === "deferred") return "deferred";
  if (kind === "rejected") return "rejected";
  if (kind === "none" || kind === "auth") return "notConfigured";
  return "unknown";
}
