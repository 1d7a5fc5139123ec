import type { Metadata } from "next";
import { getDb } from "@/db";
import { requireOrgAdmin } from "@/lib/access/guard";
import { baseUrl } from "@/lib/env";
import { getI18n } from "@/lib/i18n/server";
import { getSsoSettings } from "@/lib/services/sso-settings";
import { SsoConfigForm } from "./sso-config-form";
import { SsoDomains } from "./sso-domains";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("org.sso.metaTitle") };
}

/** The organization's single sign-on (docs/SECURITY.md, Single sign-on). */
export default async function OrgSsoPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const admin = await requireOrgAdmin(orgId);
  const { t } = await getI18n();
  const view = await getSsoSettings(await getDb(), admin.orgId);
  const keyMessage =
    view.keyProblem === "missing"
      ? t("errors.sso.keyMissing")
      : view.keyProblem === "invalid"
        ? t("errors.sso.keyInvalid")
        : null;
  return (
    <div className="grid max-w-3xl gap-6">
      <section className="rounded-xl border border-gray-200 bg-white p-6 shadow-sm">
        <h1 className="text-2xl font-semibold tracking-tight">{t("org.sso.title")}</h1>
        <p className="mt-2 text-gray-600">{t("org.sso.lead")}</p>
        <dl className="mt-3 grid gap-1 text-sm">
          <div className="flex flex-wrap gap-2">
            <dt className="font-medium text-gray-800">{t("org.sso.redirectUri")}</dt>
            <dd dir="ltr" className="font-mono text-gray-700" data-testid="sso-redirect-uri">
              {baseUrl()}/api/sso/callback
            </dd>
          </div>
          <div className="flex flex-wrap gap-2">
            <dt className="font-medium text-gray-800">{t("org.sso.scopes")}</dt>
            <dd dir="ltr" className="font-mono text-gray-700">
              openid email profile
            </dd>
          </div>
        </dl>
        {keyMessage ? (
          <p
            role="alert"
            className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900"
            data-testid="sso-key-problem"
          >
            {keyMessage}
          </p>
        ) : null}
        <SsoConfigForm
          orgId={admin.orgId}
          config={view.config}
          workspaces={view.workspaces}
          disabled={Boolean(keyMessage)}
        />
      </section>
      <section className="rounded-xl border border-gray-200 bg-white p-6 shadow-sm">
        <h2 className="text-xl font-semibold tracking-tight">{t("org.sso.domainsTitle")}</h2>
        <p className="mt-2 text-gray-600">{t("org.sso.domainsLead")}</p>
        <SsoDomains orgId={admin.orgId} domains={view.domains} />
      </section>
    </div>
  );
}
