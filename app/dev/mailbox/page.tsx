import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import { getDb } from "@/db";
import { outboxEnabled } from "@/lib/env";
import { getI18n } from "@/lib/i18n/server";
import { normalizeEmail } from "@/lib/validation/email";
import { AutoRefresh } from "./auto-refresh";
import { formatDate } from "@/app/components/time-format";

const MAIL_TIME: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "medium" };

export const dynamic = "force-dynamic";
const LIMIT = 50;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("dev.mailbox.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function MailboxPage({ searchParams }: { searchParams: SearchParams }) {
  if (!outboxEnabled()) notFound();
  const params = await searchParams;
  const rawTo = Array.isArray(params.to) ? params.to[0] : params.to;
  const to = rawTo ? normalizeEmail(rawTo) : null;
  const { t, locale } = await getI18n();
  const db = await getDb();

  let query = db.selectFrom("mail_queue").select(["id", "to_address", "subject", "created_at"]);
  if (to) query = query.where("to_address", "=", to);
  const mails = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(LIMIT).execute();

  return (
    <>
      <AutoRefresh />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3 text-gray-600">
        <p>
          {to
            ? withIsolated((v) => t("dev.mailbox.filtered", { email: v }), to)
            : t("dev.mailbox.count", { count: mails.length })}{" "}
          {mails.length === LIMIT ? <>{t("dev.mailbox.limitNote", { limit: LIMIT })} </> : null}
          <span className="text-gray-500">{t("dev.mailbox.autoRefresh")}</span>
        </p>
        <div className="flex items-center gap-4">
          {to ? <Link href="/dev/mailbox">{t("dev.mailbox.showAll")}</Link> : null}
          <Link href={to ? `/dev/mailbox?to=${encodeURIComponent(to)}` : "/dev/mailbox"}>
            {t("dev.mailbox.refresh")}
          </Link>
          <Link href="/signin">{t("dev.mailbox.signin")}</Link>
        </div>
      </div>
      {mails.length === 0 ? (
        <p className="rounded-xl border border-dashed border-gray-300 bg-white px-6 py-12 text-center text-gray-500">
          {t("dev.mailbox.empty")}
        </p>
      ) : (
        <div className="overflow-hidden rounded-xl border border-gray-200 bg-white shadow-sm">
          <table className="w-full text-start">
            <thead className="border-b border-gray-200 bg-gray-50 text-xs text-gray-500">
              <tr>
                <th scope="col" className="px-4 py-2.5 text-start font-medium">
                  {t("dev.mailbox.to")}
                </th>
                <th scope="col" className="px-4 py-2.5 text-start font-medium">
                  {t("dev.mailbox.subject")}
                </th>
                <th scope="col" className="px-4 py-2.5 text-start font-medium">
                  {t("dev.mailbox.sent")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {mails.map((m) => (
                <tr key={m.id} className="hover:bg-gray-50">
                  <td className="px-4 py-3 text-gray-700">
                    <span dir="ltr">{m.to_address}</span>
                  </td>
                  <td className="px-4 py-3">
                    <Link href={`/dev/mailbox/${m.id}`} className="font-medium">
                      {m.subject}
                    </Link>
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-gray-500">
                    <time dateTime={new Date(m.created_at).toISOString()}>
                      {formatDate(locale, new Date(m.created_at), MAIL_TIME, true)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
