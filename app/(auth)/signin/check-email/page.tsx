import type { Metadata } from "next";
import Link from "next/link";
import { withIsolated } from "@/app/components/isolate";
import { getI18n } from "@/lib/i18n/server";
import { normalizeEmail } from "@/lib/validation/email";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("auth.checkEmail.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CheckEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const raw = Array.isArray(params.email) ? params.email[0] : params.email;
  // Only echo something that is an address (React escapes it; this keeps the page honest).
  const email = raw ? normalizeEmail(raw) : null;
  const { t } = await getI18n();

  return (
    <section className="w-full max-w-md rounded-xl border border-gray-200 bg-white p-8 text-center shadow-sm">
      <div
        aria-hidden="true"
        className="mx-auto mb-4 grid size-12 place-items-center rounded-full bg-brand-50 text-brand-600"
      >
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-6">
          <rect x="3" y="5" width="18" height="14" rx="2" />
          <path d="m3 7 9 6 9-6" />
        </svg>
      </div>
      <h1 className="text-xl font-semibold tracking-tight">{t("auth.checkEmail.title")}</h1>
      <p className="mt-3 text-gray-600">
        {email ? withIsolated((v) => t("auth.checkEmail.body", { email: v }), email) : t("auth.checkEmail.bodyNoEmail")}
      </p>
      <p className="mt-3 text-xs text-gray-500">{t("auth.checkEmail.hint")}</p>
      <Link href="/signin" className="mt-6 inline-block font-medium">
        {t("auth.checkEmail.again")}
      </Link>
    </section>
  );
}
