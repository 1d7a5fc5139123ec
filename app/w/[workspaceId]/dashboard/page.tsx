import type { Metadata } from "next";
import { getDb } from "@/db";
import { requireMember } from "@/lib/access/guard";
import { getI18n } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { getDashboardCounts } from "@/lib/services/dashboard";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("dashboard.title") };
}

export default async function DashboardPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const member = await requireMember(workspaceId, ["dashboard.view"]);
  const [{ t, locale }, counts] = await Promise.all([getI18n(), getDashboardCounts(await getDb(), member.workspaceId)]);
  const number = new Intl.NumberFormat(locale);
  const cards: { key: string; label: MessageKey; hint: MessageKey; value: number; accent: string }[] = [
    {
      key: "open-conversations",
      label: "dashboard.openConversations",
      hint: "dashboard.openConversationsHint",
      value: counts.openConversations,
      accent: "bg-brand-500",
    },
    {
      key: "unassigned-contacts",
      label: "dashboard.unassignedContacts",
      hint: "dashboard.unassignedContactsHint",
      value: counts.unassignedContacts,
      accent: "bg-amber-500",
    },
    {
      key: "members-online",
      label: "dashboard.membersOnline",
      hint: "dashboard.membersOnlineHint",
      value: counts.membersOnline,
      accent: "bg-emerald-500",
    },
  ];
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold tracking-tight">{t("dashboard.title")}</h1>
      <p className="mt-1 text-gray-600">{t("dashboard.lead", { workspace: member.workspaceName })}</p>
      <dl className="mt-6 grid gap-4 sm:grid-cols-3">
        {cards.map((card) => (
          <div
            key={card.key}
            data-testid={card.key}
            className="rounded-xl border border-gray-200 bg-white p-5 shadow-sm"
          >
            <dt className="flex items-center gap-2 text-sm font-medium text-gray-600">
              <span aria-hidden="true" className={`size-2 rounded-full ${card.accent}`} />
              {t(card.label)}
            </dt>
            <dd className="mt-3 text-3xl font-semibold tracking-tight text-gray-900 tabular-nums">
              {number.format(card.value)}
            </dd>
            <dd className="mt-1 text-xs text-gray-500">{t(card.hint, { count: card.value })}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
