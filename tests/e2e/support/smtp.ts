import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server in the test process: the app under test (SMTP_URL=smtp://127.0.0.1:PORT)
 * delivers to it over the network exactly as it would to a provider. Start it in
 * `beforeAll`, never at module top level (docs/ARCHITECTURE.md, known trap 7).
 */
export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  /** Recipients refused with a permanent 550 (a bounce). */
  readonly reject = new Set<string>();
  private server: SMTPServer;

  /** `delayMs`: how long each message takes to be accepted (to make concurrent senders overlap). */
  constructor(
    private readonly port: number,
    private readonly opts: { delayMs?: number } = {},
  ) {
    this.server = new SMTPServer({
      authOptional: true,
      // No TLS upgrade: nodemailer would try STARTTLS against a self-signed certificate.
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (!this.reject.has(address.address.toLowerCase())) return callback();
        callback(Object.assign(new Error("5.1.1 No such user"), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (parsed) => {
            if (this.opts.delayMs) await new Promise((r) => setTimeout(r, this.opts.delayMs));
            this.messages.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
              parsed,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.port, "127.0.0.1", () => resolve());
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  /** Waits for the n-th message to `address` (1-based), up to `timeoutMs`. */
  async waitFor(address: string, n = 1, timeoutMs = 15_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = this.to(address);
      if (got.length >= n) return got[n - 1];
      if (Date.now() > deadline)
        throw new Error(`no mail #${n} to ${address} within ${timeoutMs} ms (got ${got.length})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The first http(s) link in a text body. */
export function firstLink(text: string): string | null {
  return /https?:\/\/[^\s<>"')]+/.exec(text)?.[0] ?? null;
}
