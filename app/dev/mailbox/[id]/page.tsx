import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import { getDb } from "@/db";
import { outboxEnabled } from "@/lib/env";
import { getI18n } from "@/lib/i18n/server";
import { formatDate } from "@/app/components/time-format";
import { buttonClass } from "@/app/components/styles";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("dev.mailbox.title") };
}

/** The first http(s) link of the text part: the sign-in or invitation link. */
function firstLink(text: string): string | null {
  const match = /https?:\/\/[^\s<>"')]+/i.exec(text);
  if (!match) return null;
  try {
    const url = new URL(match[0]);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export default async function MailPage({ params }: { params: Promise<{ id: string }> }) {
  if (!outboxEnabled()) notFound();
  const { id } = await params;
  if (!/^\d{1,18}$/.test(id)) notFound();
  const db = await getDb();
  const mail = await db
    .selectFrom("mail_queue")
    .select(["id", "to_address", "subject", "text_body", "html_body", "created_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!mail) notFound();

  const { t, locale } = await getI18n();
  const link = firstLink(mail.text_body);
  const time = formatDate(locale, new Date(mail.created_at), { dateStyle: "medium", timeStyle: "medium" }, true);

  return (
    <article className="space-y-5">
      <Link href={`/dev/mailbox?to=${encodeURIComponent(mail.to_address)}`} className="text-sm font-medium">
        {t("dev.mailbox.back")}
      </Link>
      <header className="rounded-xl border border-gray-200 bg-white p-5 shadow-sm">
        <h2 className="text-lg font-semibold">{mail.subject}</h2>
        <p className="mt-1 text-gray-500">
          {withIsolated((v) => t("dev.mailbox.from", { email: v, time }), mail.to_address)}
        </p>
        <div className="mt-4 rounded-lg bg-brand-50 p-4">
          {link ? (
            <>
              <p className="text-gray-700">{t("dev.mailbox.linkHint")}</p>
              <a href={link} className={`mt-2 ${buttonClass()}`}>
                {t("dev.mailbox.openLink")}
              </a>
              <p className="mt-2 text-xs break-all text-gray-500" dir="ltr">
                {link}
              </p>
            </>
          ) : (
            <p className="text-gray-600">{t("dev.mailbox.noLink")}</p>
          )}
        </div>
      </header>
      <section
        aria-labelledby="mail-html"
        className="overflow-hidden rounded-xl border border-gray-200 bg-white shadow-sm"
      >
        <h3 id="mail-html" className="border-b border-gray-200 bg-gray-50 px-4 py-2 text-xs font-medium text-gray-500">
          {t("dev.mailbox.html")}
        </h3>
        {/* sandbox="" : no scripts, no navigation, no same-origin access from the email. */}
        <iframe
          sandbox=""
          srcDoc={mail.html_body}
          title={t("dev.mailbox.htmlFrame")}
          className="h-[480px] w-full bg-white"
        />
      </section>
      <section
        aria-labelledby="mail-text"
        className="overflow-hidden rounded-xl border border-gray-200 bg-white shadow-sm"
      >
        <h3 id="mail-text" className="border-b border-gray-200 bg-gray-50 px-4 py-2 text-xs font-medium text-gray-500">
          {t("dev.mailbox.text")}
        </h3>
        <pre dir="auto" className="overflow-x-auto p-4 font-sans text-sm break-words whitespace-pre-wrap text-gray-800">
          {mail.text_body}
        </pre>
      </section>
    </article>
  );
}
