import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { getDb } from "@/db";
import { LanguageSwitcher } from "@/app/components/language-switcher";
import { withIsolated } from "@/app/components/isolate";
import { getSession } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";
import { getInvitationLanding } from "@/lib/services/accept-invitation";
import { restrictionLabels } from "@/app/components/access-summary";
import { buttonClass } from "@/app/components/styles";
import { relativeTime } from "@/app/components/time-format";
import { AcceptForm, SignOutAndReturn } from "./accept-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  // The token is in the URL: keep it out of search engines and out of Referer headers.
  return { title: t("invite.metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** The invitation landing page (docs/PRODUCT.md, Users page): public; the token in the link is the credential. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [{ t, locale }, session, landing] = await Promise.all([
    getI18n(),
    getSession(),
    getDb().then((db) => getInvitationLanding(db, token)),
  ]);
  const workspace = landing.workspaceName ?? "";
  const inviter = landing.inviterName || t("invite.someone");
  const signedIn = session?.user.email ?? null;

  if (landing.status === "invalid") {
    return (
      <Frame>
        <Card title={t("invite.invalid.title")} testId="invite-invalid">
          <p>{t("invite.invalid.body")}</p>
        </Card>
      </Frame>
    );
  }
  if (landing.status === "expired") {
    return (
      <Frame>
        <Card title={t("invite.expired.title")} testId="invite-expired">
          <p>
            <Isolated
              text={t("invite.expired.body", { inviter: "\u0001", workspace: "\u0002" })}
              values={[inviter, workspace]}
            />
          </p>
        </Card>
      </Frame>
    );
  }
  if (landing.status === "cancelled") {
    return (
      <Frame>
        <Card title={t("invite.cancelled.title")} testId="invite-cancelled">
          <p>
            <Isolated
              text={t("invite.cancelled.body", { inviter: "\u0001", workspace: "\u0002" })}
              values={[inviter, workspace]}
            />
          </p>
        </Card>
      </Frame>
    );
  }
  if (landing.status === "used") {
    const target = `/w/${landing.workspaceId}`;
    const mine = signedIn !== null && signedIn === landing.email;
    return (
      <Frame>
        <Card title={t("invite.used.title")} testId="invite-used">
          <p>
            <Isolated
              text={t("invite.used.body", { email: "\u0001", workspace: "\u0002" })}
              values={[landing.email ?? "", workspace]}
            />
          </p>
          <div className="mt-6">
            {mine ? (
              <Link href={target} className={buttonClass()}>
                <bdi>{t("invite.used.open", { workspace })}</bdi>
              </Link>
            ) : (
              <Link href={`/signin?callbackUrl=${encodeURIComponent(target)}`} className={buttonClass()}>
                {t("invite.used.signIn")}
              </Link>
            )}
          </div>
        </Card>
      </Frame>
    );
  }

  // Pending. A browser signed in as someone else changes nothing and says so.
  if (signedIn && signedIn !== landing.email) {
    return (
      <Frame>
        <Card title={t("invite.wrongAccount.title")} testId="invite-wrong-account">
          <p>
            <Isolated
              text={t("invite.wrongAccount.body", { invited: "\u0001", current: "\u0002" })}
              values={[landing.email ?? "", signedIn]}
              ltr
            />
          </p>
          <p className="mt-3 text-gray-600">{t("invite.wrongAccount.hint")}</p>
          <div className="mt-6 flex flex-wrap items-center gap-3">
            <SignOutAndReturn token={token} />
            <Link
              href="/"
              className="rounded-lg px-3 py-2 text-sm font-medium text-gray-600 hover:bg-gray-100 hover:text-gray-900"
            >
              {t("invite.wrongAccount.back")}
            </Link>
          </div>
        </Card>
      </Frame>
    );
  }

  const role = landing.role ?? "agent";
  const restrictions = restrictionLabels(t, role, landing.restrictions ?? []);
  const expires = landing.expiresAt
    ? relativeTime(locale, new Date(landing.expiresAt).getTime(), await requestTime())
    : null;
  return (
    <Frame>
      <Card title={<bdi>{t("invite.pending.title", { workspace })}</bdi>} testId="invite-pending">
        <p>
          <Isolated
            text={t("invite.pending.body", { inviter: "\u0001", workspace: "\u0002" })}
            values={[inviter, workspace]}
          />
        </p>
        <dl className="mt-5 grid gap-3 rounded-lg bg-gray-50 p-4 text-sm">
          <div className="flex flex-wrap justify-between gap-2">
            <dt className="text-gray-600">{t("invite.pending.invitedEmail")}</dt>
            <dd className="font-medium text-gray-900" dir="ltr" data-testid="invite-email">
              {landing.email}
            </dd>
          </div>
          <div className="flex flex-wrap justify-between gap-2">
            <dt className="text-gray-600">{t("invite.pending.level")}</dt>
            <dd className="font-medium text-gray-900">{t(`common.roles.${role}`)}</dd>
          </div>
          {role !== "owner" ? (
            <div className="flex flex-wrap justify-between gap-2">
              <dt className="text-gray-600">{t("invite.pending.restrictions")}</dt>
              <dd className="text-gray-900">
                {restrictions.length
                  ? new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(restrictions)
                  : t("invite.pending.noRestrictions")}
              </dd>
            </div>
          ) : null}
        </dl>
        {expires ? (
          <p className="mt-3 text-xs text-gray-500">{t("invite.pending.expires", { when: expires })}</p>
        ) : null}
        {signedIn ? (
          <p className="mt-3 text-sm text-gray-600">
            {withIsolated((v) => t("invite.pending.signedInAs", { email: v }), signedIn)}
          </p>
        ) : landing.needsName ? (
          <p className="mt-3 text-sm text-gray-600">
            {withIsolated((v) => t("invite.pending.newAccount", { email: v }), landing.email ?? "")}
          </p>
        ) : null}
        <AcceptForm token={token} needsName={Boolean(landing.needsName)} />
      </Card>
    </Frame>
  );
}

// The clock read once per request, outside render (pages must stay pure for the linter).
async function requestTime(): Promise<number> {
  return Date.now();
}

/** A translated sentence with placeholders \u0001 and \u0002 replaced by isolated values (names, emails). */
function Isolated({ text, values, ltr = false }: { text: string; values: string[]; ltr?: boolean }) {
  const parts = text.split(/([\u0001\u0002])/);
  return (
    <>
      {parts.map((part, i) =>
        part === "\u0001" || part === "\u0002" ? (
          <bdi key={i} dir={ltr ? "ltr" : undefined} className="font-medium text-gray-900">
            {values[part === "\u0001" ? 0 : 1]}
          </bdi>
        ) : (
          part
        ),
      )}
    </>
  );
}

async function Frame({ children }: { children: ReactNode }) {
  const { t } = await getI18n();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        <span className="flex items-center gap-2 text-base font-semibold text-gray-900">
          <span
            aria-hidden="true"
            className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white"
          >
            S
          </span>
          {t("common.appName")}
        </span>
        <LanguageSwitcher />
      </header>
      <main className="flex flex-1 flex-col items-center px-4 pt-10 pb-16 sm:pt-16">{children}</main>
    </div>
  );
}

function Card({ title, testId, children }: { title: ReactNode; testId: string; children: ReactNode }) {
  return (
    <section className="w-full max-w-md rounded-xl border border-gray-200 bg-white p-8 shadow-sm" data-testid={testId}>
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <div className="mt-3 text-gray-700">{children}</div>
    </section>
  );
}
