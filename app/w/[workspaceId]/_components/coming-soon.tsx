import { getI18n } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";

/** Placeholder body for a module another issue builds. */
export async function ComingSoon({ title }: { title: MessageKey }) {
  const { t } = await getI18n();
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold tracking-tight">{t(title)}</h1>
      <div className="mt-6 rounded-xl border border-dashed border-gray-300 bg-white p-10 text-center text-gray-500">
        {t("shell.comingSoon")}
      </div>
    </div>
  );
}
