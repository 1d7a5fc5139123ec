import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb, type Db } from "@/db";
import { requireUser } from "@/lib/access/guard";
import { isLocale } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";
import { getAccount } from "@/lib/services/account";
import { listUserWorkspaces } from "@/lib/services/user-workspaces";
import { listSessions } from "@/lib/services/sessions";
import { twoFactorStatus } from "@/lib/services/two-factor";
import { TwoStep } from "./two-step";
import { Passkeys } from "./passkeys";
import { listPasskeys } from "@/lib/services/passkeys";
import { SessionsList, type SessionItem } from "./sessions-list";
import { AccountForm } from "./account-form";
import { AvatarForm } from "./avatar-form";
import { buttonClass } from "@/app/components/styles";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("account.metaTitle") };
}

/** The sessions list as the client component takes it, with the time it was read at. */
async function loadSessions(db: Db, userId: string, currentId: string) {
  const rows = await listSessions(db, userId, currentId);
  return {
    serverNow: Date.now(),
    rows: rows.map((s): SessionItem => ({
      id: s.id,
      device: s.device,
      ip: s.ip,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      current: s.current,
    })),
  };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AccountPage({ searchParams }: { searchParams: SearchParams }) {
  const { w, twoStep } = await searchParams;
  const user = await requireUser("/account");
  const db = await getDb();
  const [{ t, locale }, account, workspaces, sessions, factor, passkeys] = await Promise.all([
    getI18n(),
    getAccount(db, user.id),
    listUserWorkspaces(db, user.id),
    loadSessions(db, user.id, user.sessionId),
    twoFactorStatus(db, user.id),
    listPasskeys(db, user.id),
  ]);
  if (!account) redirect("/signout");
  // Back to the workspace the user came from (only one of theirs), else their first one.
  const back = workspaces.find((x) => x.id === w) ?? workspaces[0];

  return (
    <div className="min-h-screen">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex h-14 max-w-3xl items-center gap-3 px-4">
          <Link href={back ? `/w/${back.id}` : "/"} className={buttonClass("ghost", "sm")}>
            <svg
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth={2}
              aria-hidden="true"
              className="size-4 rtl:-scale-x-100"
            >
              <path d="M15 18l-6-6 6-6" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            <span dir="auto">{back ? t("account.back", { workspace: back.name }) : t("account.backToApp")}</span>
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("account.title")}</h1>
          <p className="mt-1 text-gray-600">{t("account.lead")}</p>
        </div>
        <section aria-labelledby="avatar-heading" className="rounded-xl border border-gray-200 bg-white p-6 shadow-sm">
          <h2 id="avatar-heading" className="text-base font-semibold">
            {t("account.avatar.heading")}
          </h2>
          <AvatarForm user={{ id: account.id, name: account.name, email: account.email, image: account.image }} />
        </section>
        <section aria-labelledby="profile-heading" className="rounded-xl border border-gray-200 bg-white p-6 shadow-sm">
          <h2 id="profile-heading" className="text-base font-semibold">
            {t("account.profile.heading")}
          </h2>
          <AccountForm
            email={account.email}
            defaults={{ name: account.name ?? "", locale: isLocale(account.locale) ? account.locale : locale }}
          />
        </section>
        <section
          id="two-step"
          aria-labelledby="two-step-heading"
          className="scroll-mt-4 rounded-xl border border-gray-200 bg-white p-6 shadow-sm"
        >
          <h2 id="two-step-heading" className="text-base font-semibold">
            {t("account.twoStep.heading")}
          </h2>
          <p className="mt-1 mb-4 text-gray-600">{t("account.twoStep.lead")}</p>
          {twoStep === "required" && !factor.enabled && passkeys.length === 0 ? (
            <p
              role="alert"
              className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900"
              data-testid="two-step-required"
            >
              {t("account.twoStep.required")}
            </p>
          ) : null}
          <TwoStep
            status={{
              enabled: factor.enabled,
              recoveryCodesLeft: factor.recoveryCodesLeft,
              passkeys: passkeys.length > 0,
            }}
          />
          <h3 id="passkeys-heading" className="mt-8 text-base font-semibold">
            {t("account.passkeys.heading")}
          </h3>
          <p className="mt-1 mb-4 text-gray-600">{t("account.passkeys.lead")}</p>
          <Passkeys
            passkeys={passkeys.map((p) => ({
              id: p.id,
              name: p.name,
              createdAt: p.createdAt.toISOString(),
              lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
            }))}
          />
        </section>
        <section
          aria-labelledby="sessions-heading"
          className="rounded-xl border border-gray-200 bg-white p-6 shadow-sm"
        >
          <h2 id="sessions-heading" className="text-base font-semibold">
            {t("account.sessions.heading")}
          </h2>
          <p className="mt-1 mb-4 text-gray-600">{t("account.sessions.lead")}</p>
          <SessionsList serverNow={sessions.serverNow} sessions={sessions.rows} />
        </section>
      </main>
    </div>
  );
}
