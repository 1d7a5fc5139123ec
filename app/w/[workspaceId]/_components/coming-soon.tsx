import { getI18n } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { emptyBoxClass } from "@/app/components/styles";

/** Placeholder body for a module another issue builds. */
export async function ComingSoon({ title }: { title: MessageKey }) {
  const { t } = await getI18n();
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold tracking-tight">{t(title)}</h1>
      <div className={`mt-6 ${emptyBoxClass}`}>{t("shell.comingSoon")}</div>
    </div>
  );
}
