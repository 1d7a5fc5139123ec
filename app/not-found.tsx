import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";
import { StatusPage } from "./components/status-page";

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <StatusPage code="404" title={t("common.notFound.title")} body={t("common.notFound.body")}>
      <Link
        href="/"
        className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-brand-700 hover:text-white"
      >
        {t("common.notFound.back")}
      </Link>
    </StatusPage>
  );
}
