import Link from "next/link";
import { Avatar } from "@/app/components/avatar";
import { getI18n } from "@/lib/i18n/server";
import type { InboxTab } from "@/lib/services/inbox";
import { inboxHref, type InboxView } from "./href";
import { When } from "./when";
import { cx } from "@/app/components/styles";

export interface ConversationItem {
  contactId: string;
  name: string;
  preview: string | null;
  at: string;
  assignee: { userId: string; name: string } | null;
}

/** Tabs (only those the member's visibility allows), open/closed, and one page of conversations. */
export async function ConversationList({
  view,
  tabs,
  rows,
  selected,
  me,
  cursor,
  nextCursor,
}: {
  view: InboxView;
  tabs: InboxTab[];
  rows: ConversationItem[];
  selected: string | null;
  me: string;
  cursor: string | null;
  nextCursor: string | null;
}) {
  const { t } = await getI18n();
  return (
    <>
      <div className="border-b border-gray-200 px-3 pt-3">
        <nav aria-label={t("inbox.tabs.label")} className="flex gap-1" data-testid="inbox-tabs">
          {tabs.map((tab) => {
            const active = tab === view.tab;
            return (
              <Link
                key={tab}
                href={inboxHref({ ...view, tab })}
                aria-current={active ? "page" : undefined}
                data-testid={`tab-${tab}`}
                className={cx(
                  "-mb-px border-b-2 px-3 pb-2.5 text-sm font-medium",
                  active
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900",
                )}
              >
                {t(`inbox.tabs.${tab}`)}
              </Link>
            );
          })}
        </nav>
      </div>
      <div
        className="flex items-center gap-1 border-b border-gray-100 px-3 py-2"
        role="group"
        aria-label={t("inbox.status.label")}
      >
        {(["open", "closed"] as const).map((status) => {
          const active = status === view.status;
          return (
            <Link
              key={status}
              href={inboxHref({ ...view, status })}
              aria-current={active ? "page" : undefined}
              data-testid={`status-${status}`}
              className={cx(
                "rounded-full px-3 py-1 text-xs font-medium",
                active
                  ? "bg-gray-900 text-white hover:text-white"
                  : "text-gray-600 hover:bg-gray-100 hover:text-gray-900",
              )}
            >
              {t(`inbox.status.${status}`)}
            </Link>
          );
        })}
      </div>
      <ul
        className="flex-1 divide-y divide-gray-100 overflow-y-auto"
        aria-label={t("inbox.list.label")}
        data-testid="conversation-list"
      >
        {rows.length === 0 ? (
          <li className="p-6 text-center text-gray-500" data-testid="conversations-empty">
            {view.status === "closed" ? t("inbox.list.emptyClosed") : t("inbox.list.empty")}
          </li>
        ) : null}
        {rows.map((row) => {
          const active = row.contactId === selected;
          return (
            <li key={row.contactId}>
              <Link
                href={inboxHref(view, { c: row.contactId, cursor: cursor ?? undefined })}
                aria-current={active ? "true" : undefined}
                data-testid="conversation"
                className={cx(
                  "flex gap-3 border-s-2 px-3 py-3 text-gray-900",
                  "hover:bg-gray-50 hover:text-gray-900",
                  active ? "border-brand-600 bg-brand-50 hover:bg-brand-50" : "border-transparent",
                )}
              >
                <Avatar userId={row.contactId} name={row.name} size="md" />
                <span className="min-w-0 flex-1">
                  <span className="flex items-baseline justify-between gap-2">
                    <bdi className="truncate font-semibold">{row.name}</bdi>
                    <span className="shrink-0 text-xs text-gray-500">
                      <When at={row.at} />
                    </span>
                  </span>
                  <span className="mt-0.5 block truncate text-gray-600" dir="auto">
                    {row.preview ?? t("inbox.list.noMessages")}
                  </span>
                  <span className="mt-1 flex items-center gap-1.5 text-xs text-gray-500">
                    {row.assignee ? (
                      <>
                        <Avatar userId={row.assignee.userId} name={row.assignee.name} size="xs" />
                        <bdi className="truncate">
                          {row.assignee.userId === me ? t("inbox.thread.you") : row.assignee.name}
                        </bdi>
                      </>
                    ) : (
                      <span className="rounded bg-amber-50 px-1.5 py-0.5 font-medium text-amber-700">
                        {t("inbox.list.unassigned")}
                      </span>
                    )}
                  </span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {cursor || nextCursor ? (
        <nav
          aria-label={t("contacts.pagination.label")}
          className="flex items-center justify-between gap-3 border-t border-gray-200 px-3 py-2 text-sm"
        >
          {cursor ? (
            <Link href={inboxHref(view)} className="font-medium" data-testid="inbox-newest">
              {t("inbox.list.newest")}
            </Link>
          ) : (
            <span />
          )}
          {nextCursor ? (
            <Link href={inboxHref(view, { cursor: nextCursor })} className="font-medium" data-testid="inbox-older">
              {t("inbox.list.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
