import Link from "next/link";
import { Avatar } from "@/app/components/avatar";
import type { MemberContext } from "@/lib/access/member";
import { getI18n } from "@/lib/i18n/server";
import { AssignButton } from "../contacts/assign-picker";
import { assignConversationAction, searchInboxAssignees } from "./actions";
import { Composer } from "./composer";
import { inboxHref, type InboxView } from "./href";
import { StatusButton } from "./status-button";
import { When } from "./when";
import { buttonClass, cx } from "@/app/components/styles";
import { Icon } from "@/app/components/icons";

interface ThreadContact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
  status: "open" | "closed" | null;
}
interface ThreadMessage {
  id: string;
  direction: "in" | "out";
  body: string;
  created_at: Date;
  author_id: string | null;
  author_name: string | null;
  author_email: string | null;
}

/** One conversation: who, who holds it, its messages (incoming at the start side, ours at the end), the composer. */
export async function ThreadView({
  view,
  member,
  contact,
  messages,
  canSnippets,
  canSeeContacts,
  backHref,
}: {
  view: InboxView;
  member: MemberContext;
  contact: ThreadContact;
  messages: ThreadMessage[];
  canSnippets: boolean;
  canSeeContacts: boolean;
  backHref: string;
}) {
  const { t } = await getI18n();
  const status = contact.status ?? "open";
  const assignee = contact.assignee_id
    ? { userId: contact.assignee_id, name: contact.assignee_name, email: contact.assignee_email ?? "" }
    : null;
  const author = (m: ThreadMessage) =>
    m.author_id === member.userId
      ? t("inbox.thread.you")
      : (m.author_name ?? m.author_email ?? t("inbox.thread.unknownAuthor"));

  return (
    <section aria-labelledby="thread-title" className="flex min-h-0 flex-1 flex-col" data-testid="thread">
      <header className="flex flex-wrap items-center gap-3 border-b border-gray-200 px-4 py-3">
        <Link href={backHref} className="inline-flex items-center gap-1 text-sm font-medium md:hidden">
          <Icon name="chevronBack" className="size-4 rtl:-scale-x-100" />
          {t("inbox.thread.back")}
        </Link>
        <Avatar userId={contact.id} name={contact.name} size="md" />
        <div className="min-w-0 flex-1">
          <h2 id="thread-title" className="flex items-center gap-2 truncate text-base font-semibold">
            <bdi className="truncate">{contact.name}</bdi>
            {status === "closed" ? (
              <span className="rounded-full bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-600">
                {t("inbox.thread.closed")}
              </span>
            ) : null}
          </h2>
          <p className="truncate text-xs text-gray-500">
            {[contact.email, contact.phone].filter(Boolean).map((v, i) => (
              <span key={i} dir="ltr" className="me-3 inline-block">
                {v}
              </span>
            ))}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <AssignButton
            workspaceId={member.workspaceId}
            contactId={contact.id}
            contactName={contact.name}
            me={member.userId}
            assignee={assignee}
            assign={assignConversationAction}
            search={searchInboxAssignees}
            leaveTo={inboxHref(view)}
            compact
          />
          <StatusButton workspaceId={member.workspaceId} contactId={contact.id} status={status} />
          {canSeeContacts ? (
            <Link
              href={`/w/${member.workspaceId}/contacts/${contact.id}`}
              className={buttonClass("ghost", "sm")}
              data-testid="contact-link"
            >
              {t("inbox.thread.contact")}
            </Link>
          ) : null}
        </div>
      </header>

      {status === "closed" ? (
        <p className="border-b border-gray-100 bg-gray-50 px-4 py-2 text-sm text-gray-600">
          {t("inbox.thread.closedNotice")}
        </p>
      ) : null}

      {/* column-reverse keeps the newest message in view without any script; the region takes the
          keyboard focus so a keyboard user can scroll the history (it holds no focusable content) */}
      <div
        className="flex min-h-0 flex-1 flex-col-reverse overflow-y-auto bg-gray-50/60 px-4 py-4 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600"
        role="region"
        tabIndex={0}
        aria-label={t("inbox.thread.messages", { name: contact.name })}
      >
        <ol className="grid gap-3" data-testid="messages">
          {messages.length === 0 ? (
            <li className="py-10 text-center text-gray-500">{t("inbox.thread.empty")}</li>
          ) : null}
          {messages.map((m) => {
            const out = m.direction === "out";
            return (
              <li
                key={m.id}
                className={`flex ${out ? "justify-end" : "justify-start"}`}
                data-direction={m.direction}
                data-testid="message"
              >
                <div className={`max-w-[80%] sm:max-w-[70%] ${out ? "items-end" : "items-start"} flex flex-col`}>
                  <p
                    dir="auto"
                    className={cx(
                      "rounded-2xl px-3.5 py-2 text-start break-words",
                      "whitespace-pre-wrap shadow-sm",
                      out
                        ? "rounded-ee-sm bg-brand-600 text-white"
                        : "rounded-es-sm border border-gray-200 bg-white text-gray-900",
                    )}
                  >
                    {m.body}
                  </p>
                  <p className="mt-1 px-1 text-xs text-gray-500">
                    <bdi>{out ? author(m) : contact.name}</bdi> · <When at={m.created_at.toISOString()} style="full" />
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      </div>

      <Composer
        workspaceId={member.workspaceId}
        contactId={contact.id}
        contactName={contact.name}
        canSnippets={canSnippets}
      />
    </section>
  );
}
