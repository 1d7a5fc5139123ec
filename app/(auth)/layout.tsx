import type { ReactNode } from "react";
import { LanguageSwitcher } from "@/app/components/language-switcher";
import { getI18n } from "@/lib/i18n/server";

/** The signed-out shell: brand, language menu, one centred column. */
export default async function AuthLayout({ children }: { children: ReactNode }) {
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
