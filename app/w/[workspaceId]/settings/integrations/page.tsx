import type { Metadata } from "next";
import { getDb } from "@/db";
import { requireMember } from "@/lib/access/guard";
import { can, routePermissions } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { kickWebhooks } from "@/lib/services/webhooks";
import { NoticeProvider } from "@/app/components/notice";
import { NewWebhookButton } from "./new-webhook";
import { loadWebhookViews } from "./load-webhooks";
import { WebhookCard } from "./webhook-card";
import { emptyBoxClass } from "@/app/components/styles";

const VERIFY_SNIPPET = [
  'import { Webhook } from "standardwebhooks";',
  "new Webhook(secret).verify(rawBody, headers); // throws unless a v1 signature matches",
  "// by hand: base64(HMAC_SHA256(base64decode(secret without whsec_),",
  '//   id + "." + timestamp + "." + rawBody))',
].join("\n");

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("settings.webhooks.metaTitle") };
}

/**
 * Settings → Integrations → Webhooks. Anyone who may open settings sees the endpoints and
 * their delivery log; only integrations.manage may change them (buttons hidden, actions refused).
 */
export default async function IntegrationsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const member = await requireMember(
    workspaceId,
    routePermissions("settings/integrations"),
    `/w/${workspaceId}/settings/integrations`,
  );
  const { t } = await getI18n();
  const db = await getDb();
  const { views, serverNow } = await loadWebhookViews(db, member.workspaceId);
  // Keep this process's retry loop alive (e.g. after a restart with retries pending).
  if (views.length > 0) kickWebhooks();
  const manage = can(member, "integrations.manage");

  return (
    <NoticeProvider>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl">
          <h1 className="text-2xl font-semibold tracking-tight">{t("settings.webhooks.title")}</h1>
          <p className="mt-1 text-gray-600">{t("settings.webhooks.lead")}</p>
        </div>
        {manage ? <NewWebhookButton workspaceId={member.workspaceId} /> : null}
      </div>
      {!manage ? (
        <p
          className="mt-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          data-testid="webhooks-readonly"
        >
          {t("settings.webhooks.readOnly")}
        </p>
      ) : null}
      <details className="mt-4 rounded-lg border border-gray-200 bg-white px-4 py-3 text-sm text-gray-700">
        <summary className="cursor-pointer font-medium text-gray-900">{t("settings.webhooks.verifyTitle")}</summary>
        <p className="mt-2">{t("settings.webhooks.verifyBody")}</p>
        <pre dir="ltr" className="mt-2 overflow-x-auto rounded-md bg-gray-900 p-3 text-start text-xs text-gray-100">
          {VERIFY_SNIPPET}
        </pre>
      </details>
      {views.length === 0 ? (
        <div className={`mt-6 ${emptyBoxClass}`} data-testid="webhooks-empty">
          {t("settings.webhooks.empty")}
        </div>
      ) : (
        <ul className="mt-6 grid gap-4" data-testid="webhook-list">
          {views.map((v) => (
            <WebhookCard key={v.id} workspaceId={member.workspaceId} hook={v} manage={manage} serverNow={serverNow} />
          ))}
        </ul>
      )}
    </NoticeProvider>
  );
}
