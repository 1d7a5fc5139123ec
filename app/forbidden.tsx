import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";
import { StatusPage } from "./components/status-page";

export default async function Forbidden() {
  const { t } = await getI18n();
  return (
    <StatusPage code="403" title={t("common.forbidden.title")} body={t("common.forbidden.body")}>
      <Link
        href="/"
        className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-brand-700 hover:text-white"
      >
        {t("common.forbidden.back")}
      </Link>
    </StatusPage>
  );
}
