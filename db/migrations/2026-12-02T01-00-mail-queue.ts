import { sql, type Kysely } from "kysely";

// Durable mail: every email is a row written in the same transaction as what it belongs to, delivered
// by the mail job (lib/mail/queue.ts) with retries. It replaces the development outbox: without SMTP,
// "delivery" marks the row sent and /dev/mailbox reads this table. Outbox rows move over as sent.
const UP = `
  CREATE TABLE mail_queue (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_address text NOT NULL,
    subject text NOT NULL,
    text_body text NOT NULL,
    html_body text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('signin', 'invitation')),
    workspace_id uuid REFERENCES workspaces(id) ON DELETE CASCADE,
    invitation_id uuid REFERENCES invitations(id) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failing', 'bounced')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz DEFAULT now(),
    last_error text,
    sent_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX mail_queue_due_idx ON mail_queue (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
  CREATE INDEX mail_queue_recent_idx ON mail_queue (created_at DESC);
  CREATE INDEX mail_queue_invitation_idx ON mail_queue (workspace_id, invitation_id, id DESC)
    WHERE invitation_id IS NOT NULL;
  INSERT INTO mail_queue (to_address, subject, text_body, html_body, kind, status, next_attempt_at, sent_at, created_at)
    SELECT to_address, subject, text_body, html_body,
      CASE WHEN text_body LIKE '%/invite/%' THEN 'invitation' ELSE 'signin' END, 'sent', NULL, created_at, created_at
    FROM mail_outbox ORDER BY id;
  DROP TABLE mail_outbox
`;

const DOWN = `
  CREATE TABLE mail_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_address text NOT NULL,
    subject text NOT NULL,
    text_body text NOT NULL,
    html_body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX mail_outbox_recent_idx ON mail_outbox (created_at DESC);
  INSERT INTO mail_outbox (to_address, subject, text_body, html_body, created_at)
    SELECT to_address, subject, text_body, html_body, created_at FROM mail_queue ORDER BY id;
  DROP TABLE mail_queue
`;

async function run(db: Kysely<unknown>, statements: string): Promise<void> {
  for (const statement of statements
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

export const up = (db: Kysely<unknown>) => run(db, UP);
export const down = (db: Kysely<unknown>) => run(db, DOWN);
