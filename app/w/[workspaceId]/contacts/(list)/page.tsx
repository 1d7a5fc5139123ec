import type { Metadata } from "next";
import Link from "next/link";
import { Avatar } from "@/app/components/avatar";
import { withIsolated } from "@/app/components/isolate";
import { getDb } from "@/db";
import { requireMember } from "@/lib/access/guard";
import { can } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { listContacts } from "@/lib/services/contacts";
import { contactListSchema } from "@/lib/validation/contacts";
import { When } from "../../inbox/when";
import { SearchBox } from "@/app/components/search-box";
import { buttonClass, emptyBoxClass, tableBoxClass, thClass } from "@/app/components/styles";
import { Icon } from "@/app/components/icons";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("contacts.title") };
}

type Props = {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const PAGE_SIZE = 50;
const td = "px-4 py-3 align-middle";

/**
 * Contacts (docs/PRODUCT.md, Routes): the ones the member may see, searched on the server, one keyset page at a time.
 */
export default async function ContactsPage({ params, searchParams }: Props) {
  const { workspaceId } = await params;
  const member = await requireMember(workspaceId, ["contacts.view"], `/w/${workspaceId}/contacts`);
  const sp = await searchParams;
  const { q, cursor } = contactListSchema.parse({ q: first(sp.q) ?? "", cursor: first(sp.cursor) || undefined });
  const deleted = first(sp.deleted) === "1";

  const [{ t }, page] = await Promise.all([
    getI18n(),
    listContacts(await getDb(), member, { q, cursor, limit: PAGE_SIZE }),
  ]);
  const base = `/w/${member.workspaceId}/contacts`;
  const qs = (extra: Record<string, string>) => {
    const s = new URLSearchParams({ ...(q ? { q } : {}), ...extra }).toString();
    return s ? `${base}?${s}` : base;
  };

  return (
    <div className="mx-auto max-w-6xl">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("contacts.title")}</h1>
          <p className="mt-1 text-gray-600">{t("contacts.lead")}</p>
        </div>
        {can(member, "data.export") ? (
          <a
            href={`${base}/export`}
            download
            title={t("contacts.exportHint")}
            data-testid="export-contacts"
            className={buttonClass("secondary")}
          >
            <Icon name="download" className="size-4" />
            {t("contacts.export")}
          </a>
        ) : null}
      </div>

      {deleted ? (
        <p
          role="status"
          className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-800"
          data-testid="contacts-notice"
        >
          {t("contacts.deleted")}
        </p>
      ) : null}

      <div className="mt-6 mb-4">
        <SearchBox
          initial={q}
          id="contacts-search"
          label={t("contacts.search.label")}
          placeholder={t("contacts.search.placeholder")}
          testId="contacts-search"
        />
      </div>

      {page.rows.length === 0 ? (
        <div className={emptyBoxClass} data-testid="contacts-empty">
          <p className="font-medium text-gray-900">
            {q ? withIsolated((v) => t("contacts.empty.searchTitle", { q: v }), q) : t("contacts.empty.title")}
          </p>
          <p className="mt-1 text-gray-600">{q ? t("contacts.empty.searchBody") : t("contacts.empty.body")}</p>
          {q ? (
            <Link href={base} className="mt-4 inline-block font-medium">
              {t("contacts.empty.clear")}
            </Link>
          ) : null}
        </div>
      ) : (
        <div className={tableBoxClass}>
          <table className="w-full min-w-[720px] text-sm" data-testid="contacts-table">
            <caption className="sr-only">{t("contacts.table.caption")}</caption>
            <thead className="border-b border-gray-200 bg-gray-50">
              <tr>
                <th scope="col" className={thClass}>
                  {t("contacts.table.name")}
                </th>
                <th scope="col" className={thClass}>
                  {t("contacts.table.email")}
                </th>
                <th scope="col" className={thClass}>
                  {t("contacts.table.phone")}
                </th>
                <th scope="col" className={thClass}>
                  {t("contacts.table.assignee")}
                </th>
                <th scope="col" className={thClass}>
                  {t("contacts.table.created")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {page.rows.map((c) => (
                <tr key={c.id} className="hover:bg-gray-50" data-testid="contact-row">
                  <td className={td}>
                    <Link
                      href={`${base}/${c.id}`}
                      className="flex items-center gap-3 font-medium text-gray-900 hover:text-brand-700"
                    >
                      <Avatar userId={c.id} name={c.name} size="sm" />
                      <bdi className="truncate">{c.name}</bdi>
                    </Link>
                  </td>
                  <td className={`${td} text-gray-600`}>
                    <span dir="ltr">{c.email}</span>
                  </td>
                  <td className={`${td} text-gray-600`}>
                    <span dir="ltr" className="whitespace-nowrap">
                      {c.phone}
                    </span>
                  </td>
                  <td className={td}>
                    {c.assigneeId ? (
                      <span className="flex items-center gap-2">
                        <Avatar userId={c.assigneeId} name={c.assigneeName} size="xs" />
                        <bdi className="truncate">{c.assigneeName}</bdi>
                      </span>
                    ) : (
                      <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-700">
                        {t("contacts.unassigned")}
                      </span>
                    )}
                  </td>
                  <td className={`${td} text-gray-600`}>
                    <When at={c.createdAt.toISOString()} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {cursor || page.nextCursor ? (
        <nav aria-label={t("contacts.pagination.label")} className="mt-4 flex items-center justify-between gap-3">
          {cursor ? (
            <Link href={qs({})} className="font-medium" data-testid="first-page">
              {t("contacts.pagination.first")}
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link
              href={qs({ cursor: page.nextCursor })}
              className="inline-flex items-center gap-1 font-medium"
              data-testid="next-page"
            >
              {t("contacts.pagination.next")}
              <Icon name="chevronForward" className="size-4 rtl:-scale-x-100" />
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
