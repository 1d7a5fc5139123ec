import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { requireMember } from "@/lib/access/guard";
import { can } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { allowedTabs, getThread, listConversations, type InboxTab } from "@/lib/services/inbox";
import { inboxQuerySchema } from "@/lib/validation/inbox";
import { ConversationList } from "./conversation-list";
import { inboxHref, type InboxView } from "./href";
import { ThreadView } from "./thread-view";
import { NavIcon } from "../_components/nav-icon";
import { cx } from "@/app/components/styles";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("inbox.title") };
}

type Props = {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const PAGE_SIZE = 30;

/**
 * Inbox (docs/PRODUCT.md, Routes): conversations by contact in the tabs the member's visibility allows,
 * one thread, a composer. Every read goes through the visibility predicate: a contact the
 * member may not see is a 404, exactly like one that does not exist.
 */
export default async function InboxPage({ params, searchParams }: Props) {
  const { workspaceId } = await params;
  const member = await requireMember(workspaceId, ["inbox.view"], `/w/${workspaceId}/inbox`);
  const sp = await searchParams;
  const query = inboxQuerySchema.parse({
    tab: first(sp.tab),
    status: first(sp.status),
    c: first(sp.c),
    cursor: first(sp.cursor),
  });
  const tabs = allowedTabs(member);
  // Agents start on their own conversations; Owners and Managers oversee, so on All.
  const fallback: InboxTab = member.role !== "agent" && tabs.includes("all") ? "all" : tabs[0];
  const tab: InboxTab = query.tab && tabs.includes(query.tab) ? query.tab : fallback;
  const view: InboxView = { workspaceId: member.workspaceId, tab, status: query.status };

  const db = await getDb();
  const [{ t }, list, thread] = await Promise.all([
    getI18n(),
    listConversations(db, member, { tab, status: query.status, cursor: query.cursor, limit: PAGE_SIZE }),
    query.c ? getThread(db, member, query.c) : Promise.resolve(null),
  ]);
  if (thread === undefined) notFound();

  return (
    <div className="mx-auto max-w-7xl">
      <h1 className="text-2xl font-semibold tracking-tight">{t("inbox.title")}</h1>
      <div
        className={cx(
          "mt-4 flex h-[calc(100dvh-13rem)] min-h-[30rem] overflow-hidden",
          "rounded-xl border border-gray-200 bg-white shadow-sm",
        )}
      >
        <div
          className={cx(
            thread ? "hidden md:flex" : "flex",
            "w-full shrink-0 flex-col border-e border-gray-200 md:w-80 lg:w-96",
          )}
        >
          <ConversationList
            view={view}
            tabs={tabs}
            rows={list.rows.map((r) => ({
              contactId: r.id,
              name: r.name,
              preview: r.preview,
              at: r.last_message_at.toISOString(),
              assignee: r.assignee_id
                ? { userId: r.assignee_id, name: r.assignee_name ?? r.assignee_email ?? "" }
                : null,
            }))}
            selected={thread?.contact.id ?? null}
            me={member.userId}
            cursor={query.cursor ?? null}
            nextCursor={list.nextCursor}
          />
        </div>
        <div className={`${thread ? "flex" : "hidden md:flex"} min-w-0 flex-1 flex-col`}>
          {thread ? (
            <ThreadView
              key={thread.contact.id}
              view={view}
              member={member}
              contact={thread.contact}
              messages={thread.messages}
              canSnippets={can(member, "snippets.use")}
              canSeeContacts={can(member, "contacts.view")}
              backHref={inboxHref(view)}
            />
          ) : (
            <div
              className="grid flex-1 place-items-center p-8 text-center text-gray-500"
              data-testid="thread-placeholder"
            >
              <div>
                <NavIcon name="chat" className="mx-auto size-10 text-gray-300" />
                <p className="mt-3">{t("inbox.thread.pick")}</p>
              </div>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
