import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { requireOrgAdmin } from "@/lib/access/guard";
import { getI18n } from "@/lib/i18n/server";
import { listOrgWorkspaces } from "@/lib/services/org";
import { CreateWorkspaceForm } from "./create-workspace-form";
import { formatDate } from "@/app/components/time-format";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("org.workspaces.metaTitle") };
}

export default async function OrgWorkspacesPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const admin = await requireOrgAdmin(orgId);
  const { t, locale } = await getI18n();
  const workspaces = await listOrgWorkspaces(await getDb(), admin.orgId, admin.userId);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">{t("org.workspaces.title")}</h1>
        <p className="mt-1 text-gray-600">{t("org.workspaces.count", { count: workspaces.length })}</p>
        <ul
          className="mt-6 divide-y divide-gray-100 rounded-xl border border-gray-200 bg-white shadow-sm"
          data-testid="org-workspaces"
        >
          {workspaces.map((w) => (
            <li
              key={w.id}
              className="flex flex-wrap items-center justify-between gap-3 px-5 py-4"
              data-testid="org-workspace-row"
            >
              <div className="min-w-0">
                <p className="font-medium text-gray-900">
                  <bdi>{w.name}</bdi>
                </p>
                <p className="text-sm text-gray-600">
                  {t("org.workspaces.members", { count: w.members })} ·{" "}
                  {t("org.workspaces.created", {
                    date: formatDate(locale, w.createdAt, { dateStyle: "medium" }, false),
                  })}
                </p>
              </div>
              {w.isMember ? (
                <Link href={`/w/${w.id}`} className="text-sm font-medium">
                  {t("org.workspaces.open")}
                </Link>
              ) : (
                <span className="text-sm text-gray-500">{t("org.workspaces.notMember")}</span>
              )}
            </li>
          ))}
        </ul>
      </section>
      <aside className="self-start rounded-xl border border-gray-200 bg-white p-5 shadow-sm">
        <h2 className="text-lg font-semibold">{t("org.workspaces.createTitle")}</h2>
        <p className="mt-1 text-sm text-gray-600">{t("org.workspaces.createLead")}</p>
        <CreateWorkspaceForm orgId={admin.orgId} />
      </aside>
    </div>
  );
}
