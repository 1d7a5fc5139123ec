import type { Metadata } from "next";
import Link from "next/link";
import { withIsolated } from "@/app/components/isolate";
import { getI18n } from "@/lib/i18n/server";
import { normalizeEmail } from "@/lib/validation/email";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("auth.ssoNoAccess.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** After a single sign-on without an invitation or a default workspace (lib/sso/signin.ts). */
export default async function SsoNoAccessPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const raw = Array.isArray(params.email) ? params.email[0] : params.email;
  const email = (raw ? normalizeEmail(raw) : null) ?? "";
  const { t } = await getI18n();
  return (
    <section className="w-full max-w-md rounded-xl border border-gray-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold tracking-tight">{t("auth.ssoNoAccess.title")}</h1>
      <p className="mt-3 text-gray-600" data-testid="sso-no-access">
        {withIsolated((v) => t("auth.ssoNoAccess.body", { email: v }), email)}
      </p>
      <Link href="/signin" className="mt-6 inline-block font-medium">
        {t("auth.ssoNoAccess.back")}
      </Link>
    </section>
  );
}
